import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";
import { epcisJson } from "../../../../core/epcis.ts";
import { shipmentEpcis } from "../../../../server/features/brands/epcis-export.ts";
import { epcisSchemaErrors } from "../../../fixtures/epcis/schema.ts";

describe("GET /api/v1/batches/:id/epcis", function () {
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  let res: Response;
  let document: any;

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "E/1", expiry: "271231", quantity: 7 });
    res = await fetch(`${svc.url}/api/v1/batches/${batch.id}/epcis`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
    document = JSON.parse(await res.text());
  });

  after(async function () {
    await svc?.close();
  });

  it("answers a valid EPCIS 2.0 JSON-LD document as a download", function () {
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("application/ld+json; charset=utf-8");
    expect(res.headers.get("content-disposition")).to.equal('attachment; filename="epcis-09506000134352-E_1.jsonld"');
    expect(epcisSchemaErrors(document)).to.deep.equal([]);
  });

  it("commissions exactly the batch's items, by the ids their printed labels carry", function () {
    const [event] = document.epcisBody.eventList;
    expect(event).to.include({ type: "ObjectEvent", action: "ADD", bizStep: "commissioning", disposition: "active" });
    expect(event.epcList).to.deep.equal(batch.uris.map((uri) => uri.slice(0, uri.indexOf("?"))));
    expect(event.epcList[0]).to.match(/^https:\/\/id\.example\.com\/01\/09506000134352\/10\/E%2F1\/21\/[0-9A-Z]{16}$/);
    expect(event.ilmd).to.deep.equal({ "cbvmda:lotNumber": "E/1", "cbvmda:itemExpirationDate": "2027-12-31" });
  });

  it("dates the event by the anchoring block and points at the anchoring transaction", async function () {
    const view = await svc.api("GET", `/api/v1/batches/${batch.id}`, { key: acme.apiKey });
    const block = await svc.ctx.chain.client.getBlock({ blockNumber: BigInt(view.body.blockNumber) });
    const [event] = document.epcisBody.eventList;
    expect(event.eventTime).to.equal(new Date(Number(block.timestamp) * 1000).toISOString());
    expect(event).to.include({
      "vt:chainId": svc.ctx.deployment.chainId,
      "vt:registry": svc.ctx.deployment.productRegistry.address,
      "vt:transactionHash": view.body.transactionHash,
      "vt:merkleRoot": view.body.merkleRoot,
    });
  });

  it("gives the same event id on a second export", async function () {
    const again = await svc.api("GET", `/api/v1/batches/${batch.id}/epcis`, { key: acme.apiKey });
    expect(again.body.epcisBody.eventList[0].eventID).to.equal(document.epcisBody.eventList[0].eventID);
  });

  it("hides another brand's batch (404) and refuses callers without a brand key (401, 403)", async function () {
    const other = await svc.newBrand("Globex");
    expect((await svc.api("GET", `/api/v1/batches/${batch.id}/epcis`, { key: other.apiKey })).status).to.equal(404);
    expect((await svc.api("GET", `/api/v1/batches/${batch.id}/epcis`)).status).to.equal(401);
    expect((await svc.api("GET", `/api/v1/batches/${batch.id}/epcis`, { key: svc.registrarApiKey })).status).to.equal(403);
  });

  describe("shipmentEpcis, for the shipment export", function () {
    const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
    const account = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
    const shipment = {
      shipmentId: hash(1),
      waybill: "WB-1",
      shipper: account(1),
      consignee: account(2),
      origin: "CN",
      destination: "FR",
      declaredAt: new Date("2026-03-05T00:00:00Z"),
      transactionHash: hash(2),
    };

    it("takes the chain and the ShipmentRegistry from the deployment and gives a valid document of the batch's items", function () {
      const registry = { address: account(0x5e), blockNumber: 1, transactionHash: hash(3) };
      const ctx = { ...svc.ctx, deployment: { ...svc.ctx.deployment, shipmentRegistry: registry } };
      const document = JSON.parse(epcisJson(shipmentEpcis(ctx, { ...shipment, items: batch.uris })));
      expect(epcisSchemaErrors(document)).to.deep.equal([]);
      const [packing] = document.epcisBody.eventList;
      expect(packing.childEPCs).to.deep.equal(batch.uris.map((uri) => uri.slice(0, uri.indexOf("?"))));
      expect(packing).to.include({ "vt:chainId": svc.ctx.deployment.chainId, "vt:registry": registry.address });
    });

    it("answers 503 where no ShipmentRegistry is deployed", function () {
      const ctx = { ...svc.ctx, deployment: { ...svc.ctx.deployment, shipmentRegistry: undefined } };
      expect(() => shipmentEpcis(ctx, { ...shipment, items: batch.uris })).to.throw().with.property("status", 503);
    });
  });
});
