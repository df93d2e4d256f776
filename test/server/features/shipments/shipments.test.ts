import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { shipmentRegistryAbi } from "../../../../core/abi/index.ts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("shipments, hand-overs and inspections: access control and bad input", function () {
  this.timeout(120_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  let carrier: { apiKey: string; party: { address: string } };
  let customs: { apiKey: string };
  let shipmentId: string;
  const consignee = privateKeyToAddress(generatePrivateKey());

  before(async function () {
    // A small body limit, so that an oversized manifest is cheap to make.
    svc = await startTestService({ BODY_LIMIT: "64kb" });
    acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "9506000134352", lot: "AC1", quantity: 5 });
    carrier = (await svc.api("POST", "/api/v1/logistics-parties", { key: svc.registrarApiKey, body: { name: "FastFreight", country: "DE" } })).body;
    customs = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Le Havre customs", country: "FR" } })).body;
    const res = await svc.api("POST", "/api/v1/shipments", {
      key: acme.apiKey,
      body: { waybill: "WB-A", consignee, origin: "FR", destination: "US", codes: batch.uris.slice(0, 3) },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    shipmentId = res.body.shipment.id;
  });

  after(async function () {
    await svc?.close();
  });

  const post = (route: string, key: string, body: unknown, headers?: Record<string, string>) => svc.api("POST", route, { key, body, ...(headers ? { headers } : {}) });

  context("admitting parties", function () {
    it("admits a customs office on chain as Customs with its country", async function () {
      const res = await post("/api/v1/customs-offices", svc.registrarApiKey, { name: "Antwerp customs", country: "BE" });
      expect(res.status).to.equal(201);
      expect(res.body.office).to.include({ name: "Antwerp customs", country: "BE" });
      const party = await svc.ctx.chain.client.readContract({
        address: svc.ctx.deployment.shipmentRegistry!.address,
        abi: shipmentRegistryAbi,
        functionName: "getParty",
        args: [res.body.office.address],
      });
      expect(party).to.include({ kind: 2, country: "0x4245", name: "Antwerp customs" });
    });

    it("refuses a country that is not ISO 3166-1 alpha-2 (400 naming the field), a name taken (409) and a non-registrar key (403)", async function () {
      const bad = await post("/api/v1/customs-offices", svc.registrarApiKey, { name: "Nowhere", country: "XX" });
      expect(bad.status).to.equal(400);
      expect(bad.body).to.include({ error: "UNKNOWN_COUNTRY", field: "country" });
      const taken = await post("/api/v1/logistics-parties", svc.registrarApiKey, { name: "FastFreight", country: "DE" });
      expect(taken.status).to.equal(409);
      expect(taken.body.error).to.equal("NAME_TAKEN");
      expect((await post("/api/v1/customs-offices", acme.apiKey, { name: "Fake office", country: "FR" })).status).to.equal(403);
    });
  });

  context("declaring", function () {
    it("names the bad code by its index, an item not issued here (404), a reused waybill (409) and a bad origin", async function () {
      const base = { consignee, origin: "FR", destination: "US" };
      const garbled = await post("/api/v1/shipments", acme.apiKey, { ...base, waybill: "WB-B", codes: [batch.uris[3], "not a code"] });
      expect(garbled.status).to.equal(400);
      expect(garbled.body.field).to.equal("codes[1]");
      const unknown = batch.uris[3]!.replace("/21/", "/21/Z");
      const missing = await post("/api/v1/shipments", acme.apiKey, { ...base, waybill: "WB-B", codes: [unknown] });
      expect(missing.status).to.equal(404);
      expect(missing.body).to.include({ error: "UNKNOWN_ITEM", field: "codes[0]" });
      const twice = await post("/api/v1/shipments", acme.apiKey, { ...base, waybill: "WB-B", codes: [batch.uris[3], batch.uris[3]] });
      expect(twice.body).to.include({ error: "DUPLICATE_ITEM", field: "codes[1]" });
      const reused = await post("/api/v1/shipments", acme.apiKey, { ...base, waybill: "WB-A", codes: [batch.uris[3]] });
      expect(reused.status).to.equal(409);
      expect(reused.body).to.include({ error: "SHIPMENT_EXISTS", field: "waybill" });
      const origin = await post("/api/v1/shipments", acme.apiKey, { ...base, origin: "fr", waybill: "WB-B", codes: [batch.uris[3]] });
      expect(origin.body).to.include({ error: "UNKNOWN_COUNTRY", field: "origin" });
      const empty = await post("/api/v1/shipments", acme.apiKey, { ...base, waybill: "WB-B" });
      expect(empty.body).to.include({ error: "NO_ITEMS", field: "codes" });
    });

    it("lets a logistics party ship codes but not whole batches, and refuses a customs key", async function () {
      const base = { consignee, origin: "DE", destination: "US" };
      const batches = await post("/api/v1/shipments", carrier.apiKey, { ...base, waybill: "FF-1", batches: [batch.id] });
      expect(batches.status).to.equal(403);
      expect(batches.body.error).to.equal("BATCHES_NEED_BRAND");
      const codes = await post("/api/v1/shipments", carrier.apiKey, { ...base, waybill: "FF-1", codes: [batch.uris[4]] });
      expect(codes.status, JSON.stringify(codes.body)).to.equal(201);
      expect(codes.body.shipment).to.include({ shipper: carrier.party.address, itemCount: 1 });
      expect((await post("/api/v1/shipments", customs.apiKey, { ...base, waybill: "C-1", codes: [batch.uris[4]] })).status).to.equal(403);
    });

    it("answers 404 for a shipment this service never declared, and 400 for an id that is not one", async function () {
      const unknown = await svc.api("GET", `/api/v1/shipments/0x${"ab".repeat(32)}`);
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error).to.equal("UNKNOWN_SHIPMENT");
      expect((await svc.api("GET", "/api/v1/shipments/0x1234")).status).to.equal(400);
    });
  });

  context("handing over", function () {
    it("refuses anyone but the custodian (403 NOT_CUSTODIAN) and a recipient that is no party (400)", async function () {
      const stranger = await post(`/api/v1/shipments/${shipmentId}/handovers`, carrier.apiKey, { to: carrier.party.address, place: "FR" });
      expect(stranger.status).to.equal(403);
      expect(stranger.body.error).to.equal("NOT_CUSTODIAN");
      const nobody = await post(`/api/v1/shipments/${shipmentId}/handovers`, acme.apiKey, { to: privateKeyToAddress(generatePrivateKey()), place: "FR" });
      expect(nobody.status).to.equal(400);
      expect(nobody.body).to.include({ error: "INVALID_RECIPIENT", field: "to" });
      const place = await post(`/api/v1/shipments/${shipmentId}/handovers`, acme.apiKey, { to: carrier.party.address, place: "ZZ" });
      expect(place.body).to.include({ error: "UNKNOWN_COUNTRY", field: "place" });
    });

    it("passes custody from the brand to a carrier to the consignee, and the history shows both", async function () {
      const first = await post(`/api/v1/shipments/${shipmentId}/handovers`, acme.apiKey, { to: carrier.party.address, place: "FR" });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      const second = await post(`/api/v1/shipments/${shipmentId}/handovers`, carrier.apiKey, { to: consignee, place: "US" });
      expect(second.status, JSON.stringify(second.body)).to.equal(201);
      const { shipment } = (await svc.api("GET", `/api/v1/shipments/${shipmentId}`)).body;
      expect(shipment.custodian).to.equal(consignee);
      expect(shipment.handovers.map((h: any) => [h.from, h.to, h.place, h.toName])).to.deep.equal([
        [acme.admin, carrier.party.address, "FR", "FastFreight"],
        [carrier.party.address, consignee, "US", null],
      ]);
      expect(shipment.handovers[0].at).to.match(/^\d{4}-\d\d-\d\dT/);
    });
  });

  context("inspecting", function () {
    it("takes a JSON manifest, reporting entries that are not text as malformed", async function () {
      const res = await post(`/api/v1/shipments/${shipmentId}/inspections`, customs.apiKey, { codes: [batch.uris[0], 42, batch.uris[4]] });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.inspection.summary).to.include({ declared: 1, undeclared: 1, malformed: 1 });
      expect(res.body.inspection.malformed).to.deep.equal([{ row: 2, error: "NOT_TEXT", message: "codes[1] is number, not a label URI" }]);
    });

    it("takes one code per line without a header", async function () {
      const res = await post(`/api/v1/shipments/${shipmentId}/inspections`, customs.apiKey, `${batch.uris[0]}\n${batch.uris[1]}\n`, { "content-type": "text/csv" });
      expect(res.status).to.equal(201);
      expect(res.body.inspection.rows.map((r: any) => [r.row, r.class])).to.deep.equal([[1, "declared"], [2, "declared"]]);
    });

    it("refuses a key that is not a customs office's (403), an oversized manifest (413) and another content type (415)", async function () {
      expect((await post(`/api/v1/shipments/${shipmentId}/inspections`, acme.apiKey, { codes: [batch.uris[0]] })).status).to.equal(403);
      const huge = `code\n${`${batch.uris[0]}\n`.repeat(1_000)}`;
      const big = await post(`/api/v1/shipments/${shipmentId}/inspections`, customs.apiKey, huge, { "content-type": "text/csv" });
      expect(big.status).to.equal(413);
      expect(big.body.error).to.equal("PAYLOAD_TOO_LARGE");
      const xml = await post(`/api/v1/shipments/${shipmentId}/inspections`, customs.apiKey, "<codes/>", { "content-type": "application/xml" });
      expect(xml.status).to.equal(415);
      const unknown = await post(`/api/v1/shipments/0x${"cd".repeat(32)}/inspections`, customs.apiKey, { codes: [batch.uris[0]] });
      expect(unknown.status).to.equal(404);
    });

    it("lets only the office that inspected read or record the report", async function () {
      const made = await post(`/api/v1/shipments/${shipmentId}/inspections`, customs.apiKey, { codes: [batch.uris[0]] });
      const other = (await post("/api/v1/customs-offices", svc.registrarApiKey, { name: "Calais customs", country: "FR" })).body;
      const read = await svc.api("GET", `/api/v1/inspections/${made.body.inspection.id}`, { key: other.apiKey });
      expect(read.status).to.equal(403);
      expect(read.body.error).to.equal("NOT_INSPECTING_OFFICE");
      const record = await post(`/api/v1/inspections/${made.body.inspection.id}/record`, other.apiKey, { outcome: "cleared" });
      expect(record.status).to.equal(403);
      const badOutcome = await post(`/api/v1/inspections/${made.body.inspection.id}/record`, customs.apiKey, { outcome: "burned" });
      expect(badOutcome.body).to.include({ error: "INVALID_FIELD", field: "outcome" });
      const cleared = await post(`/api/v1/inspections/${made.body.inspection.id}/record`, customs.apiKey, { outcome: "cleared" });
      expect(cleared.status, JSON.stringify(cleared.body)).to.equal(201);
      expect(cleared.body.recording.brandIds).to.deep.equal([]);
      expect((await svc.api("GET", "/api/v1/seizures")).body.seizures).to.deep.equal([]);
    });
  });
});
