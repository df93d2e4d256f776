import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("the seizures register and a brand's infringements, read from the chain index a page at a time", function () {
  this.timeout(300_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  /** One shipment per outcome, inspected and recorded in this order. */
  const outcomes = ["seized", "cleared", "seized", "held", "seized"] as const;
  const shipments: string[] = [];
  const seized = () => shipments.filter((_, i) => outcomes[i] === "seized");

  /** Every page of a list, following nextCursor, with the pages' sizes. */
  async function pages(route: string, field: string, limit: number, key?: string) {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await svc.api("GET", `${route}?limit=${limit}${cursor === null ? "" : `&cursor=${cursor}`}`, { key });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.indexedBlock).to.be.a("number");
      ids.push(...res.body[field].map((x: { shipmentId: string }) => x.shipmentId));
      sizes.push(res.body[field].length);
      cursor = res.body.nextCursor;
    } while (cursor !== null);
    return { ids, sizes };
  }

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme Registers");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "9506000134352", lot: "REG1", expiry: "271231", quantity: 5 });
    const office = await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Antwerp customs", country: "BE" } });
    expect(office.status, JSON.stringify(office.body)).to.equal(201);
    for (const [i, outcome] of outcomes.entries()) {
      const declared = await svc.api("POST", "/api/v1/shipments", {
        key: acme.apiKey,
        body: { waybill: `REG-${i}`, consignee: privateKeyToAddress(generatePrivateKey()), origin: "CN", destination: "BE", batches: [batch.id] },
      });
      expect(declared.status, JSON.stringify(declared.body)).to.equal(201);
      const id = declared.body.shipment.id;
      const inspected = await svc.api("POST", `/api/v1/shipments/${id}/inspections`, { key: office.body.apiKey, body: { codes: batch.uris.slice(0, 2) } });
      expect(inspected.status, JSON.stringify(inspected.body)).to.equal(201);
      const recorded = await svc.api("POST", `/api/v1/inspections/${inspected.body.inspection.id}/record`, { key: office.body.apiKey, body: { outcome } });
      expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
      shipments.push(id);
    }
  });

  after(async function () {
    await svc?.close();
  });

  it("lists each seizure once, oldest first, with the brands it concerns, skipping other outcomes across a page boundary", async function () {
    const two = await pages("/api/v1/seizures", "seizures", 2);
    expect(two.ids).to.deep.equal(seized());
    expect(two.sizes).to.deep.equal([2, 1]);
    // The last seizure is the last inspection: a full page that ends the index is the last page.
    expect((await pages("/api/v1/seizures", "seizures", 3)).sizes).to.deep.equal([3]);
    const first = (await svc.api("GET", "/api/v1/seizures?limit=1")).body.seizures[0];
    expect(first).to.deep.include({ shipmentId: shipments[0], outcome: "seized", officeName: "Antwerp customs", brandIds: [acme.brandId] });
    expect(first.at).to.be.a("string");
  });

  it("pages the caller brand's infringements, one per seizure", async function () {
    const all = await pages("/api/v1/brand/infringements", "infringements", 2, acme.apiKey);
    expect(all.ids).to.deep.equal(seized());
    expect(all.sizes).to.deep.equal([2, 1]);
    const first = (await svc.api("GET", "/api/v1/brand/infringements?limit=1", { key: acme.apiKey })).body.infringements[0];
    expect(first).to.deep.include({ brandId: acme.brandId, shipmentId: shipments[0], officeName: "Antwerp customs", shipment: { waybill: "REG-0", origin: "CN", destination: "BE" } });
  });

  it("refuses a cursor it did not make with 400 INVALID_FIELD naming it", async function () {
    const bad = await svc.api("GET", "/api/v1/seizures?cursor=1.2.3");
    expect(bad.status).to.equal(400);
    expect(bad.body).to.include({ error: "INVALID_FIELD", field: "cursor" });
    const other = await svc.api("GET", "/api/v1/brand/infringements?cursor=x", { key: acme.apiKey });
    expect(other.body).to.include({ error: "INVALID_FIELD", field: "cursor" });
  });
});
