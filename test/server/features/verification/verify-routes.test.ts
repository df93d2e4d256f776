import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

const GTIN = "09506000134352";

describe("GET /api/v1/verify", function () {
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  const verify = (code: string) => svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(code)}`);

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "V1", expiry: "271231", quantity: 3 });
  });

  after(async function () {
    await svc?.close();
  });

  it("answers GENUINE for an issued label, with brand, product, registration, statuses and the block read", async function () {
    const res = await verify(batch.uris[0]!);
    expect(res.status).to.equal(200);
    const body = res.body;
    expect(body.verdict).to.equal("GENUINE");
    expect(body.reasons).to.deep.equal([]);
    // Name and country as the registrar recorded them on chain (no country was given for Acme).
    expect(body.brand).to.deep.equal({ brandId: acme.brandId, name: "Acme", country: null });
    expect(body.product).to.deep.equal({ gtin: GTIN, lot: "V1", serial: batch.serials[0], expiry: "271231", expiryDate: "2027-12-31" });
    expect(body.expiry).to.deep.equal({ date: "2027-12-31", expired: false });
    expect(body.itemStatus).to.equal("Active");
    expect(body.batchStatus).to.equal("Active");
    expect(body.signer).to.equal(acme.signer);
    expect(body.signerRemovedAt).to.equal("0");
    expect(body.firstSale).to.equal(null);
    // The chain's BatchRegistered event, the same transaction the service recorded sending.
    const stored = (await svc.ctx.store.getBatch(batch.id as `0x${string}`))!;
    expect(body.registration.transactionHash).to.equal(stored.transactionHash);
    expect(body.registration.blockNumber).to.equal(stored.blockNumber);
    // The chain's time for that block (the shared test chain's clock runs ahead of the wall clock).
    const block = await svc.ctx.chain.client.getBlock({ blockNumber: BigInt(stored.blockNumber!) });
    expect(body.registration.anchoredAt).to.equal(new Date(Number(block.timestamp) * 1000).toISOString());
    expect(body.history).to.include({ suspicious: false, sessions: 0, scans: 0 });
    expect(body.checked.blockNumber).to.match(/^\d+$/);
  });

  it("shows scans recorded since the previous answer, with no new block in between", async function () {
    const uri = batch.uris[1]!;
    const before = await verify(uri);
    // viem caches the block number for a few seconds: ask the node itself.
    const head = () => svc.ctx.chain.client.getBlockNumber({ cacheTime: 0 });
    const blockBefore = await head();
    for (let i = 0; i < 2; i++) {
      const { sessionId } = (await svc.api("POST", "/api/v1/sessions")).body;
      const scan = await svc.api("POST", "/api/v1/scans", { body: { code: uri, sessionId } });
      expect(scan.status).to.equal(201);
    }
    const after = await verify(uri);
    expect(await head()).to.equal(blockBefore);
    expect(after.body.checked.blockNumber).to.equal(before.body.checked.blockNumber);
    expect(before.body.history.sessions).to.equal(0);
    expect(after.body.history).to.include({ sessions: 2, scans: 2 });
  });

  it("answers COUNTERFEIT for a label whose serial was altered (the signature no longer matches a signer)", async function () {
    const forged = batch.uris[0]!.replace(`/21/${batch.serials[0]}`, "/21/FORGED1");
    const res = await verify(forged);
    expect(res.status).to.equal(200);
    expect(res.body.verdict).to.equal("COUNTERFEIT");
    expect(res.body.reasons[0].code).to.equal("SIGNER_NOT_REGISTERED");
    expect(res.body.brand).to.deep.equal({ brandId: null, name: null, country: null });
  });

  it("answers COUNTERFEIT, 200, for text that is no item code, saying why", async function () {
    const res = await verify("https://id.example.com/01/09506000134353/10/V1/21/X");
    expect(res.status).to.equal(200);
    expect(res.body.verdict).to.equal("COUNTERFEIT");
    expect(res.body.reasons[0]).to.include({ code: "UNPARSEABLE_CODE", detail: "GS1_BAD_CHECK_DIGIT" });
    expect(res.body.product).to.equal(null);
    expect(res.body.history).to.equal(null);
  });

  it("answers COUNTERFEIT for an unsigned code", async function () {
    const res = await verify(batch.uris[0]!.replace(/&s=.*$/, ""));
    expect(res.body.verdict).to.equal("COUNTERFEIT");
    expect(res.body.reasons[0].code).to.equal("UNSIGNED");
  });

  it("answers REVOKED for a recalled item, on the very next verify", async function () {
    expect((await verify(batch.uris[1]!)).body.verdict).to.equal("GENUINE");
    const recall = await svc.api("POST", `/api/v1/batches/${batch.id}/items/${batch.serials[1]}/status`, { key: acme.apiKey, body: { status: "recalled" } });
    expect(recall.status, JSON.stringify(recall.body)).to.equal(200);
    const res = await verify(batch.uris[1]!);
    expect(res.body.verdict).to.equal("REVOKED");
    expect(res.body.itemStatus).to.equal("Recalled");
    expect(res.body.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["ITEM_RECALLED"]);
  });

  it("answers 400 MISSING_FIELD without a code, and 400 for a repeated or oversized one", async function () {
    const missing = await svc.api("GET", "/api/v1/verify");
    expect(missing.status).to.equal(400);
    expect(missing.body).to.include({ error: "MISSING_FIELD", field: "code" });
    expect((await svc.api("GET", "/api/v1/verify?code=a&code=b")).status).to.equal(400);
    expect((await verify("x".repeat(2_001))).body).to.include({ error: "INVALID_FIELD", field: "code" });
  });

  it("does not record a scan", async function () {
    await verify(batch.uris[2]!);
    const history = await svc.api("GET", `/api/v1/scans?code=${encodeURIComponent(batch.uris[2]!)}`);
    expect(history.body.history.scans).to.equal(0);
  });
});
