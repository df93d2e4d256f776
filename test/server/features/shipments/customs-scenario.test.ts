import { createHash } from "node:crypto";
import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { shipmentRegistryAbi } from "../../../../core/abi/index.ts";
import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import { forgedLabel } from "../../../helpers/forged-label.ts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("customs scenario: a shipment, a counterfeiter's additions, a manifest inspection and a seizure", function () {
  this.timeout(300_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let shipped: IssuedBatch;
  let other: IssuedBatch;
  let forged: string[];
  let shipmentId: `0x${string}`;
  let office: { apiKey: string; office: { address: string } };
  let inspection: any;
  let reportHash: string;
  const consignee = privateKeyToAddress(generatePrivateKey());

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    shipped = await issueBatch(svc, acme.apiKey, { gtin: "9506000134352", lot: "SHIP1", expiry: "271231", quantity: 1_000 });
    other = await issueBatch(svc, acme.apiKey, { gtin: "9506000134352", lot: "OTHER", expiry: "271231", quantity: 50 });
    const { chainId, productRegistry } = svc.ctx.deployment;
    forged = Array.from({ length: 20 }, (_, i) => {
      const code = { gtin: "09506000134352", lot: "SHIP1", serial: `FAKE${String(i).padStart(4, "0")}`, expiry: 271231 };
      return forgedLabel({ base: "https://id.example.com", code, chainId, registry: productRegistry.address }).uri;
    });
    const res = await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    office = res.body;
  });

  after(async function () {
    await svc?.close();
  });

  it("declares 1,000 items of a batch in one transaction, anchoring the root the service computed", async function () {
    const res = await svc.api("POST", "/api/v1/shipments", {
      key: acme.apiKey,
      body: { waybill: "WB-1", consignee, origin: "CN", destination: "NL", batches: [shipped.id] },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const { shipment } = res.body;
    expect(shipment).to.include({ waybill: "WB-1", consignee, origin: "CN", destination: "NL", itemCount: 1_000, state: "confirmed" });
    expect(shipment.shipper).to.equal(acme.admin);
    shipmentId = shipment.id;
    const onChain = await svc.ctx.chain.client.readContract({
      address: svc.ctx.deployment.shipmentRegistry!.address,
      abi: shipmentRegistryAbi,
      functionName: "getShipment",
      args: [shipmentId],
    });
    expect(onChain.itemsRoot).to.equal(shipment.itemsRoot);
    expect(onChain.itemCount).to.equal(1_000);
    expect(onChain.custodian).to.equal(acme.admin);
  });

  it("reports each class exactly for a manifest of the shipment, 50 copied codes, 20 forged ones, a recalled item, a duplicate and malformed rows", async function () {
    // One shipped item recalled by the brand: the manifest's bulk reader must see the item's status event.
    const recalledSerial = shipped.serials[10]!;
    const recall = await svc.api("POST", `/api/v1/batches/${shipped.id}/items/${recalledSerial}/status`, { key: acme.apiKey, body: { status: "recalled" } });
    expect(recall.status, JSON.stringify(recall.body)).to.equal(200);

    const rows = ["code", ...shipped.uris, ...other.uris, ...forged, shipped.uris[0]!, '""', "https://id.example.com/01/12345678901234/10/X/21/Y?s=abc", '"unterminated'];
    const res = await svc.api("POST", `/api/v1/shipments/${shipmentId}/inspections`, { key: office.apiKey, body: rows.join("\n"), headers: { "content-type": "text/csv" } });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(201);
    inspection = res.body.inspection;
    reportHash = res.body.reportHash;
    expect(inspection.summary).to.deep.equal({ declared: 999, expired: 0, undeclared: 50, counterfeit: 20, revoked: 1, duplicate: 1, unverified: 0, malformed: 3 });
    // Line numbers as in the file: the header is line 1.
    const lastRow = rows.length;
    expect(inspection.malformed.map((m: any) => [m.row, m.error])).to.deep.equal([
      [lastRow - 2, "EMPTY_CODE"],
      [lastRow - 1, "GS1_BAD_CHECK_DIGIT"],
      [lastRow, "BAD_CSV"],
    ]);
    const byRow = new Map(inspection.rows.map((r: any) => [r.row, r]));
    expect(byRow.get(2)).to.include({ class: "declared", verdict: "GENUINE" });
    expect(byRow.get(12)).to.include({ class: "revoked", verdict: "REVOKED" });
    expect(byRow.get(1_002)).to.include({ class: "undeclared", verdict: "GENUINE" });
    expect(byRow.get(1_052)).to.include({ class: "counterfeit", verdict: "COUNTERFEIT" });
    expect((byRow.get(1_052) as any).reasons[0].code).to.equal("SIGNER_NOT_REGISTERED");
    expect(byRow.get(1_072)).to.include({ class: "duplicate" });
    expect(inspection.office).to.include({ name: "Rotterdam customs", country: "NL" });
  });

  it("serves the report as the exact JSON whose SHA-256 is the report hash, as CSV, and as a printable PDF", async function () {
    const headers = { authorization: `Bearer ${office.apiKey}` };
    const json = await fetch(`${svc.url}/api/v1/inspections/${inspection.id}?format=json`, { headers });
    const text = await json.text();
    expect(`0x${createHash("sha256").update(text).digest("hex")}`).to.equal(reportHash);
    expect(json.headers.get("x-report-sha256")).to.equal(reportHash);

    const csv = await (await fetch(`${svc.url}/api/v1/inspections/${inspection.id}?format=csv`, { headers })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).to.equal("row,code,class,verdict,reasons,message");
    expect(lines).to.have.length(1 + 1_071 + 3);
    const counted = lines.slice(1).reduce<Record<string, number>>((tally, line) => {
      const cls = line.split(",")[2]!;
      tally[cls] = (tally[cls] ?? 0) + 1;
      return tally;
    }, {});
    expect(counted).to.deep.equal({ declared: 999, undeclared: 50, counterfeit: 20, revoked: 1, duplicate: 1, malformed: 3 });

    const pdf = Buffer.from(await (await fetch(`${svc.url}/api/v1/inspections/${inspection.id}?format=pdf`, { headers })).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).to.equal("%PDF-");
    expect(pdf.toString("latin1")).to.include(shipmentId);
  });

  it("records the seizure on chain once, which the brand and another office then see", async function () {
    const res = await svc.api("POST", `/api/v1/inspections/${inspection.id}/record`, { key: office.apiKey, body: { outcome: "seized" } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.recording).to.deep.include({
      outcome: "seized",
      counts: { genuine: 999, counterfeit: 20, undeclared: 50, revoked: 1 },
      reportHash,
      brandIds: [acme.brandId],
    });
    const again = await svc.api("POST", `/api/v1/inspections/${inspection.id}/record`, { key: office.apiKey, body: { outcome: "cleared" } });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.equal("INSPECTION_RECORDED");

    const infringements = await svc.api("GET", "/api/v1/brand/infringements", { key: acme.apiKey });
    expect(infringements.status).to.equal(200);
    expect(infringements.body.infringements).to.have.length(1);
    expect(infringements.body.infringements[0]).to.include({ shipmentId, reportHash, office: office.office.address, officeName: "Rotterdam customs" });

    const other = await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Hamburg customs", country: "DE" } });
    const seizures = await svc.api("GET", "/api/v1/seizures", { key: other.body.apiKey });
    expect(seizures.body.seizures).to.have.length(1);
    expect(seizures.body.seizures[0]).to.deep.include({ shipmentId, outcome: "seized", reportHash, brandIds: [acme.brandId] });

    const shipment = await svc.api("GET", `/api/v1/shipments/${shipmentId}`);
    expect(shipment.body.shipment.seized).to.equal(true);
    expect(shipment.body.shipment.inspections.map((i: any) => i.outcome)).to.deep.equal(["seized"]);
  });

  it("exports the shipment's history as EPCIS 2.0 for the shipper only: packing the 1,000 items, shipping, the inspection", async function () {
    const res = await fetch(`${svc.url}/api/v1/shipments/${shipmentId}/epcis`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.match(/^application\/ld\+json/);
    const document = (await res.json()) as any;
    const events = document.epcisBody.eventList as any[];
    const epcs = events.flatMap((e) => e.epcList ?? e.childEPCs ?? []);
    expect(new Set(epcs).size).to.be.at.least(1_000);
    expect(JSON.stringify(events)).to.include(reportHash.slice(2));
    const denied = await fetch(`${svc.url}/api/v1/shipments/${shipmentId}/epcis`, { headers: { authorization: `Bearer ${office.apiKey}` } });
    expect(denied.status).to.equal(403);
  });

  it("gives an item's custody path with a declaration proof the chain accepts, and says when an item is not declared", async function () {
    const res = await svc.api("GET", `/api/v1/items/custody?code=${encodeURIComponent(shipped.uris[5]!)}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.batch).to.include({ batchId: shipped.id, lot: "SHIP1" });
    expect(res.body.shipments).to.have.length(1);
    const [entry] = res.body.shipments;
    expect(entry).to.include({ id: shipmentId, seized: true });
    expect(entry.declaration.declared).to.equal(true);
    const declared = await svc.ctx.chain.client.readContract({
      address: svc.ctx.deployment.shipmentRegistry!.address,
      abi: shipmentRegistryAbi,
      functionName: "isDeclared",
      args: [shipmentId, entry.declaration.itemId, entry.declaration.proof],
    });
    expect(declared).to.equal(true);

    const outside = await svc.api("GET", `/api/v1/shipments/${shipmentId}/proof?code=${encodeURIComponent(other.uris[0]!)}`);
    expect(outside.status).to.equal(200);
    expect(outside.body).to.include({ declared: false });
    expect(outside.body.proof).to.deep.equal([]);
    expect(parseDigitalLink(other.uris[0]!).code.lot).to.equal("OTHER");
  });
});
