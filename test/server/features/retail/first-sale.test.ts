import { expect } from "chai";
import { getAddress, type Hex } from "viem";
import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import { forgedLabel } from "../../../helpers/forged-label.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("retailers and first-sale activation, through the API", function () {
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let globex: Awaited<ReturnType<TestService["newBrand"]>>;
  let uris: string[];

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    globex = await svc.newBrand("Globex");
    const created = await svc.api("POST", "/api/v1/batches", {
      key: acme.apiKey,
      body: { gtin: "9506000134352", lot: "L1", expiry: "270228", quantity: 6 },
    });
    await svc.waitForBatch(acme.apiKey, created.body.id);
    const csv = await fetch(`${svc.url}/api/v1/batches/${created.body.id}/labels?format=csv`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
    uris = (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
  });

  after(async function () {
    await svc?.close();
  });

  async function newRetailer(name: string, key = acme.apiKey) {
    const res = await svc.api("POST", "/api/v1/retailers", { key, body: { name } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { retailer: { id: string; address: string; authorised: boolean }; apiKey: string };
  }

  const sell = (key: string, body: unknown) => svc.api("POST", "/api/v1/activations", { key, body });

  it("authorises a retailer on chain and lists it for its brand only", async function () {
    const { retailer } = await newRetailer("Corner Shop");
    expect(retailer.authorised).to.equal(true);
    expect(await svc.ctx.chain.isRetailer(acme.brandId, retailer.address as `0x${string}`)).to.equal(true);
    const acmeList = await svc.api("GET", "/api/v1/retailers", { key: acme.apiKey });
    expect(acmeList.body.retailers.map((r: { name: string }) => r.name)).to.deep.equal(["Corner Shop"]);
    const globexList = await svc.api("GET", "/api/v1/retailers", { key: globex.apiKey });
    expect(globexList.body.retailers).to.deep.equal([]);
  });

  it("records a retailer's sale with where and when, then refuses a second one naming the first", async function () {
    const { apiKey } = await newRetailer("High Street");
    const first = await sell(apiKey, { code: uris[0], country: "FR" });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body.activation).to.include({ sellerName: "High Street", country: "FR" });
    expect(first.body.activation.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    // The chain's clock, not this machine's: other tests move the in-process chain's time forward.
    const block = await svc.ctx.chain.client.getBlock({ blockNumber: BigInt(first.body.activation.blockNumber) });
    expect(Date.parse(first.body.activation.activatedAt)).to.equal(Number(block.timestamp) * 1000);

    const second = await sell(acme.apiKey, { code: uris[0], country: "DE" });
    expect(second.status).to.equal(409);
    expect(second.body.error).to.equal("ITEM_ALREADY_ACTIVATED");
    expect(second.body.message).to.match(/by High Street in FR at /);
    // The verify endpoint names the seller too.
    const verified = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(uris[0]!)}`);
    expect(verified.body.firstSale).to.deep.equal({ seller: first.body.activation.seller, sellerName: "High Street", soldAt: first.body.activation.activatedAt, country: "FR" });
    // Who, where and when as fields, so that a till can show them without reading the message.
    expect(second.body.details).to.deep.equal({
      seller: first.body.activation.seller,
      sellerName: "High Street",
      country: "FR",
      activatedAt: first.body.activation.activatedAt,
    });
  });

  it("lets the brand itself sell, by GTIN (the 13 digits under the barcode will do), lot and serial", async function () {
    const serial = new URL(uris[1]!).pathname.split("/").at(-1)!;
    const res = await sell(acme.apiKey, { gtin: "9506000134352", lot: "L1", serial, country: "JP" });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.activation).to.include({ sellerName: "Acme", country: "JP", serial });
  });

  it("refuses another brand, a deauthorised retailer and a recalled item, and names bad input", async function () {
    expect((await sell(globex.apiKey, { code: uris[2], country: "FR" })).body.error).to.equal("NOT_SELLER");

    const { retailer, apiKey } = await newRetailer("Closed Down");
    const removed = await svc.api("DELETE", `/api/v1/retailers/${retailer.id}`, { key: acme.apiKey });
    expect(removed.body.authorised).to.equal(false);
    expect(await svc.ctx.chain.isRetailer(acme.brandId, retailer.address as `0x${string}`)).to.equal(false);
    const refused = await sell(apiKey, { code: uris[2], country: "FR" });
    expect([refused.status, refused.body.error]).to.deep.equal([403, "NOT_SELLER"]);

    const batchId = (await svc.api("GET", `/api/v1/proof?code=${encodeURIComponent(uris[3]!)}`)).body.batchId;
    const serial = new URL(uris[3]!).pathname.split("/").at(-1)!;
    await svc.api("POST", `/api/v1/batches/${batchId}/items/${serial}/status`, { key: acme.apiKey, body: { status: "recalled" } });
    const recalled = await sell(acme.apiKey, { code: uris[3], country: "FR" });
    expect([recalled.status, recalled.body.error]).to.deep.equal([409, "ITEM_NOT_ACTIVE"]);
    expect(recalled.body.details.verdict).to.equal("REVOKED");
    expect(recalled.body.details.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["ITEM_RECALLED"]);

    const badCountry = await sell(acme.apiKey, { code: uris[4], country: "XX" });
    expect([badCountry.status, badCountry.body.error, badCountry.body.field]).to.deep.equal([400, "UNKNOWN_COUNTRY", "country"]);
    const unknown = await sell(acme.apiKey, { gtin: "09506000134352", lot: "L1", serial: "NOPE", country: "FR" });
    expect([unknown.status, unknown.body.error]).to.deep.equal([404, "UNKNOWN_ITEM"]);
    const missing = await sell(acme.apiKey, { code: uris[4] });
    expect([missing.status, missing.body.error, missing.body.field]).to.deep.equal([400, "MISSING_FIELD", "country"]);
    expect(missing.body.fields).to.deep.equal([{ field: "country", code: "MISSING_FIELD", message: "Country is required" }]);
    const uk = await sell(acme.apiKey, { code: uris[4], country: "UK" });
    expect([uk.status, uk.body.error]).to.deep.equal([400, "UNKNOWN_COUNTRY"]);
    expect(uk.body.message).to.contain("the United Kingdom is GB");
  });

  describe("when the label is not one the verifier calls GENUINE", function () {
    const reasonCodes = (body: { details: { reasons: Array<{ code: string }> } }) => body.details.reasons.map((r) => r.code);
    /** Nothing was recorded on chain: the genuine item's one first sale is still there to be made. */
    async function expectUnsold(uri: string) {
      const verified = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`);
      expect([verified.body.verdict, verified.body.firstSale]).to.deep.equal(["GENUINE", null]);
    }

    it("refuses an unsigned link to a real item with ITEM_NOT_GENUINE (COUNTERFEIT, UNSIGNED), and the item stays sellable", async function () {
      const genuine = uris[5]!;
      const unsigned = genuine.replace(/[?&]s=[^&]*/, "");
      expect(unsigned).to.not.equal(genuine);
      const refused = await sell(acme.apiKey, { code: unsigned, country: "FR" });
      expect([refused.status, refused.body.error], JSON.stringify(refused.body)).to.deep.equal([422, "ITEM_NOT_GENUINE"]);
      expect(refused.body.details.verdict).to.equal("COUNTERFEIT");
      expect(reasonCodes(refused.body)).to.include("UNSIGNED");
      // The same verdict the verify endpoint gives.
      expect((await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(unsigned)}`)).body.verdict).to.equal("COUNTERFEIT");
      await expectUnsold(genuine);
    });

    it("refuses a real item's code signed with a key the brand removed before the batch (REVOKED), and sells the genuine label", async function () {
      // Acme replaces its issuing key, then issues a batch with the new one; the old key leaked.
      const brand = await svc.api("GET", "/api/v1/brand", { key: acme.apiKey });
      const oldSigner = getAddress(brand.body.signers.find((s: { active: boolean }) => s.active).address);
      expect((await svc.api("POST", "/api/v1/signers", { key: acme.apiKey })).status).to.equal(201);
      expect((await svc.api("DELETE", `/api/v1/signers/${oldSigner}`, { key: acme.apiKey })).status).to.equal(200);
      const created = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { gtin: "9506000134352", lot: "L2", quantity: 1 } });
      const done = await svc.waitForBatch(acme.apiKey, created.body.id);
      expect(done.state).to.equal("confirmed");
      const csv = await fetch(`${svc.url}/api/v1/batches/${created.body.id}/labels?format=csv`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
      const genuine = (await csv.text()).trim().split(/\r?\n/)[1]!.split(",").at(-1)!;

      const account = (await svc.ctx.store.getAccount(oldSigner))!;
      const leakedKey: Hex = svc.ctx.vault.open(account.address, account.encryptedKey);
      const forged = forgedLabel({
        base: svc.ctx.publicBaseUrl,
        code: parseDigitalLink(genuine).code,
        chainId: svc.ctx.deployment.chainId,
        registry: svc.ctx.deployment.productRegistry.address,
        key: leakedKey,
      }).uri;
      const refused = await sell(acme.apiKey, { code: forged, country: "FR" });
      expect([refused.status, refused.body.error], JSON.stringify(refused.body)).to.deep.equal([422, "ITEM_NOT_GENUINE"]);
      expect(refused.body.details.verdict).to.equal("REVOKED");
      expect(reasonCodes(refused.body)).to.deep.equal(["SIGNER_REVOKED_BEFORE_BATCH"]);
      await expectUnsold(genuine);

      const sold = await sell(acme.apiKey, { code: genuine, country: "FR" });
      expect(sold.status, JSON.stringify(sold.body)).to.equal(201);
    });

    it("answers bad text with the GS1 rule it breaks (400), not with a verdict", async function () {
      const res = await sell(acme.apiKey, { code: "https://example.com/01/123/10/L1/21/X", country: "FR" });
      expect(res.status).to.equal(400);
      expect(res.body.error).to.match(/^GS1_/);
    });
  });

  it("keeps retailer keys away from brand routes", async function () {
    const { apiKey } = await newRetailer("Kiosk");
    const res = await svc.api("GET", "/api/v1/retailers", { key: apiKey });
    expect(res.status).to.equal(403);
  });
});
