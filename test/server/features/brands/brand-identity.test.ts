/**
 * Brand identity through the service, on the in-process chain: the registrar records a brand's name,
 * country, GS1 company prefixes and label hosts on chain; a brand issues only its own GTINs; two brands
 * never collide on the same GTIN, lot and serial; copies are attributed to the brand they copy.
 */
import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { productRegistryAbi } from "../../../../core/abi/index.ts";
import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import { forgedLabel } from "../../../helpers/forged-label.ts";
import { issueBatch } from "../../../helpers/issued.ts";
import { gtinIn } from "../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

const GTIN = "09506000134352";

describe("brand identity (registrar, chain and service)", function () {
  this.timeout(300_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let globex: Awaited<ReturnType<TestService["newBrand"]>>;
  const registrar = () => svc.registrarApiKey;
  const verify = (code: string) => svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(code)}`);
  const chainBrand = (brandId: `0x${string}`) =>
    svc.ctx.chain.client.readContract({ address: svc.ctx.deployment.productRegistry.address, abi: productRegistryAbi, functionName: "getBrand", args: [brandId] });

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme", { body: { country: "GB" } });
    globex = await svc.newBrand("Globex");
  });

  after(async function () {
    await svc?.close();
  });

  describe("admitting a brand", function () {
    it("records its name and country on chain, with its prefixes and the service's label host", async function () {
      const onChain = await chainBrand(acme.brandId);
      expect(onChain.name).to.equal("Acme");
      expect(onChain.country).to.equal("0x4742");
      const view = await svc.api("GET", "/api/v1/brand", { key: acme.apiKey });
      expect(view.body).to.deep.include({ name: "Acme", country: "GB", prefixes: ["9506000"], labelDomains: ["id.example.com"] });
      expect((await svc.api("GET", "/api/v1/prefixes/9506000")).body).to.deep.equal({ prefix: "9506000", brandId: acme.brandId, name: "Acme" });
    });

    it("refuses a prefix another brand holds, or one nesting with it, storing nothing", async function () {
      for (const [prefix, error] of [
        ["9506000", "PREFIX_TAKEN"],
        ["950600", "PREFIX_OVERLAPS"],
        ["95060001", "PREFIX_OVERLAPS"],
      ] as const) {
        const res = await svc.api("POST", "/api/v1/brands", { key: registrar(), body: { name: `Copycat ${prefix}`, prefixes: [prefix] } });
        expect(res.status, JSON.stringify(res.body)).to.equal(409);
        expect(res.body).to.include({ error, field: "prefixes[0]" });
        expect(await svc.ctx.store.findOrganisationByName(`Copycat ${prefix}`)).to.equal(undefined);
      }
    });

    it("names each bad field: a prefix that is not 4-12 digits, an unknown country, a host with a scheme", async function () {
      const bad = async (body: object) => (await svc.api("POST", "/api/v1/brands", { key: registrar(), body: { name: "Bad", ...body } })).body;
      expect(await bad({ prefixes: ["95A6"] })).to.include({ error: "INVALID_FIELD", field: "prefixes.0" });
      expect(await bad({ country: "UK" })).to.include({ error: "UNKNOWN_COUNTRY", field: "country" });
      expect(await bad({ labelDomains: ["https://id.bad.example"] })).to.include({ error: "INVALID_FIELD", field: "labelDomains.0" });
    });
  });

  describe("GTIN ownership", function () {
    it("refuses a batch of another brand's GTIN with 403 GTIN_NOT_OWNED, naming the owner, before anything is stored", async function () {
      const res = await svc.api("POST", "/api/v1/batches", { key: globex.apiKey, body: { gtin: GTIN, lot: "STOLEN", quantity: 2 } });
      expect(res.status).to.equal(403);
      expect(res.body).to.include({ error: "GTIN_NOT_OWNED", field: "gtin" });
      expect(res.body.message).to.contain("prefix 9506000").and.to.contain('"Acme"');
      expect(await svc.ctx.store.listBatches((await svc.ctx.store.findOrganisationByName("Globex"))!.id)).to.deep.equal([]);
    });

    it("refuses a GTIN no brand holds", async function () {
      const res = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { gtin: gtinIn("4000001"), lot: "NOBODY", quantity: 1 } });
      expect(res.status).to.equal(403);
      expect(res.body.message).to.contain("no GS1 company prefix");
    });

    it("keeps two brands apart on the same GTIN, lot and serial after a prefix moves", async function () {
      const prefix = "9506090";
      const gtin = gtinIn(prefix, 5);
      const assigned = await svc.api("POST", `/api/v1/brands/${acme.brandId}/prefixes`, { key: registrar(), body: { prefix } });
      expect(assigned.status, JSON.stringify(assigned.body)).to.equal(201);
      expect(assigned.body).to.include({ prefix, brandId: acme.brandId });
      const serials = ["SAME0001", "SAME0002"];
      const first = await issueBatch(svc, acme.apiKey, { gtin, lot: "TWIN", serials });
      const moved = await svc.api("POST", `/api/v1/prefixes/${prefix}/transfer`, { key: registrar(), body: { brandId: globex.brandId } });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      expect(moved.body).to.include({ fromBrandId: acme.brandId, brandId: globex.brandId });
      // Acme can no longer issue under it; Globex issues the very same GTIN, lot and serials.
      expect((await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { gtin, lot: "AFTER", quantity: 1 } })).status).to.equal(403);
      const second = await issueBatch(svc, globex.apiKey, { gtin, lot: "TWIN", serials });
      for (const [batch, brand] of [
        [first, acme],
        [second, globex],
      ] as const) {
        const res = await verify(batch.uris[0]!);
        expect(res.body.verdict, JSON.stringify(res.body.reasons)).to.equal("GENUINE");
        expect(res.body.brand.brandId).to.equal(brand.brandId);
        expect(res.body.gtinOwner).to.deep.include({ brandId: globex.brandId, prefix });
        // Each label's proof is its own brand's item.
        const proof = await svc.api("GET", `/api/v1/proof?code=${encodeURIComponent(batch.uris[0]!)}`);
        expect(proof.body).to.include({ brandId: brand.brandId, batchId: batch.id });
      }
      // By fields alone the item is ambiguous, and the answer says how to name it.
      const code = parseDigitalLink(first.uris[0]!).code;
      const ambiguous = await svc.api("GET", `/api/v1/proof?gtin=${gtin}&lot=TWIN&serial=${code.serial}`);
      expect(ambiguous.status).to.equal(409);
      expect(ambiguous.body).to.include({ error: "AMBIGUOUS_ITEM", field: "brandId" });
      const named = await svc.api("GET", `/api/v1/proof?gtin=${gtin}&lot=TWIN&serial=${code.serial}&brandId=${globex.brandId}`);
      expect(named.body.batchId).to.equal(second.id);
      // A first sale of one brand's item does not use up the other's.
      const sell = (key: string, uri: string) => svc.api("POST", "/api/v1/activations", { key, body: { code: uri, country: "FR" } });
      expect((await sell(acme.apiKey, first.uris[0]!)).status).to.equal(201);
      expect((await sell(globex.apiKey, second.uris[0]!)).status).to.equal(201);
    });

    it("withdraws a prefix: earlier batches stay GENUINE, new ones are refused", async function () {
      const prefix = "9506091";
      await svc.api("POST", `/api/v1/brands/${acme.brandId}/prefixes`, { key: registrar(), body: { prefix } });
      const batch = await issueBatch(svc, acme.apiKey, { gtin: gtinIn(prefix), lot: "OLD", quantity: 1 });
      const withdrawn = await svc.api("DELETE", `/api/v1/prefixes/${prefix}`, { key: registrar() });
      expect(withdrawn.body).to.include({ prefix, brandId: acme.brandId });
      expect((await verify(batch.uris[0]!)).body.verdict).to.equal("GENUINE");
      expect((await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { gtin: gtinIn(prefix), lot: "NEW", quantity: 1 } })).status).to.equal(403);
      expect((await svc.api("DELETE", `/api/v1/prefixes/${prefix}`, { key: registrar() })).body).to.include({ error: "UNKNOWN_PREFIX" });
    });

    it("lets only the registrar change prefixes", async function () {
      const res = await svc.api("POST", `/api/v1/brands/${acme.brandId}/prefixes`, { key: acme.apiKey, body: { prefix: "9506092" } });
      expect(res.status).to.equal(403);
      expect((await svc.api("DELETE", "/api/v1/prefixes/9506000", { key: globex.apiKey })).status).to.equal(403);
    });
  });

  describe("label hosts", function () {
    it("flags a genuine code printed with a link to a host the brand did not register, until the registrar adds it", async function () {
      const batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "HOSTS", quantity: 1 });
      const lookalike = batch.uris[0]!.replace("https://id.example.com", "https://acme-verify.example");
      const flagged = await verify(lookalike);
      expect(flagged.body.verdict).to.equal("SUSPICIOUS");
      expect(flagged.body.reasons[0]).to.include({ code: "LABEL_HOST_NOT_REGISTERED", detail: "acme-verify.example" });
      const added = await svc.api("POST", `/api/v1/brands/${acme.brandId}/label-domains`, { key: registrar(), body: { host: "Acme-Verify.example" } });
      expect(added.status, JSON.stringify(added.body)).to.equal(201);
      expect(added.body.host).to.equal("acme-verify.example");
      expect((await verify(lookalike)).body.verdict).to.equal("GENUINE");
      const again = await svc.api("POST", `/api/v1/brands/${acme.brandId}/label-domains`, { key: registrar(), body: { host: "acme-verify.example" } });
      expect(again.body).to.include({ error: "LABEL_DOMAIN_UNCHANGED" });
      const removed = await svc.api("DELETE", `/api/v1/brands/${acme.brandId}/label-domains/acme-verify.example`, { key: registrar() });
      expect(removed.status).to.equal(200);
      expect((await verify(lookalike)).body.verdict).to.equal("SUSPICIOUS");
    });
  });

  describe("attribution", function () {
    it("records a seizure of a shipment of copies as an infringement of the brand copied", async function () {
      // Globex ships its own goods; inside, customs finds copies of Acme's labels signed by nobody's key.
      const own = await issueBatch(svc, globex.apiKey, { gtin: gtinIn(globex.prefixes[0]!), lot: "CARGO", quantity: 3 });
      const shipment = await svc.api("POST", "/api/v1/shipments", {
        key: globex.apiKey,
        body: { waybill: "WB-COPIES", consignee: privateKeyToAddress(generatePrivateKey()), origin: "CN", destination: "NL", batches: [own.id] },
      });
      expect(shipment.status, JSON.stringify(shipment.body)).to.equal(201);
      const { chainId, productRegistry } = svc.ctx.deployment;
      const copies = ["COPY1", "COPY2", "COPY3"].map(
        (serial) => forgedLabel({ base: "https://id.example.com", code: { gtin: GTIN, lot: "SHIP1", serial }, chainId, registry: productRegistry.address }).uri,
      );
      const office = (await svc.api("POST", "/api/v1/customs-offices", { key: registrar(), body: { name: "Antwerp customs", country: "BE" } })).body;
      const inspected = await svc.api("POST", `/api/v1/shipments/${shipment.body.shipment.id}/inspections`, {
        key: office.apiKey,
        body: ["code", ...copies].join("\n"),
        headers: { "content-type": "text/csv" },
      });
      expect(inspected.status, JSON.stringify(inspected.body)).to.equal(201);
      const { inspection } = inspected.body;
      expect(inspection.rows.map((row: { brandId: string }) => row.brandId)).to.deep.equal([acme.brandId, acme.brandId, acme.brandId]);
      const recorded = await svc.api("POST", `/api/v1/inspections/${inspection.id}/record`, { key: office.apiKey, body: { outcome: "seized" } });
      expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
      expect(recorded.body.recording.brandIds).to.deep.equal([acme.brandId]);
      const infringements = await svc.api("GET", "/api/v1/brand/infringements", { key: acme.apiKey });
      expect(infringements.body.infringements.map((i: { shipmentId: string }) => i.shipmentId)).to.include(shipment.body.shipment.id);
    });
  });
});
