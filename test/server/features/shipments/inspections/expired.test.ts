import { execFile } from "node:child_process";
import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { batchIdOf } from "../../../../../core/ids.ts";
import type { IssuedBatch } from "../../../../helpers/issued.ts";
import { issueBatch } from "../../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../../helpers/service.ts";

const GTIN = "09506000134352";

describe("an item whose expiry date has passed, at the verify endpoint and in a customs inspection", function () {
  this.timeout(120_000);
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let fresh: IssuedBatch;
  let stale: IssuedBatch;
  let office: { apiKey: string };
  let shipmentId: string;

  /**
   * Stock issued while in date whose date has since passed: the API refuses such a batch today, so it is put
   * in the store as an earlier request left it, and the anchoring worker anchors and labels it as any other.
   */
  async function issuedBeforeItsDatePassed(lot: string, expiry: number): Promise<IssuedBatch> {
    const org = (await svc.ctx.store.listOrganisations()).find((o) => o.brandId === brand.brandId)!;
    const id = batchIdOf(brand.brandId, GTIN, lot);
    await svc.ctx.store.createBatch({ id, orgId: org.id, brandId: brand.brandId, gtin: GTIN, lot, expiry, quantity: 2, metadataUri: "", signer: brand.signer, serials: ["OLD1", "OLD2"] });
    svc.ctx.wakeWorker();
    expect((await svc.waitForBatch(brand.apiKey, id)).state).to.equal("confirmed");
    const csv = await svc.api("GET", `/api/v1/batches/${id}/labels?format=csv`, { key: brand.apiKey });
    const uris = (csv.body as string).trim().split("\r\n").slice(1).map((row) => row.slice(row.lastIndexOf(",") + 1));
    return { id, uris, serials: ["OLD1", "OLD2"] };
  }

  before(async function () {
    svc = await startTestService();
    brand = await svc.newBrand("Acme");
    fresh = await issueBatch(svc, brand.apiKey, { gtin: GTIN, lot: "FRESH", expiry: "271231", quantity: 2 });
    stale = await issuedBeforeItsDatePassed("STALE", 260303);
    office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } })).body;
    const shipment = await svc.api("POST", "/api/v1/shipments", {
      key: brand.apiKey,
      body: { waybill: "WB-EXP", consignee: privateKeyToAddress(generatePrivateKey()), origin: "CN", destination: "NL", batches: [fresh.id, stale.id] },
    });
    expect(shipment.status, JSON.stringify(shipment.body)).to.equal(201);
    shipmentId = shipment.body.shipment.id;
  });

  after(async function () {
    await svc?.close();
  });

  it("answers GENUINE with the passed date and the EXPIRED reason at GET /api/v1/verify", async function () {
    const res = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(stale.uris[0]!)}`);
    expect(res.status).to.equal(200);
    expect(res.body.verdict).to.equal("GENUINE");
    expect(res.body.expiry).to.deep.equal({ date: "2026-03-03", expired: true });
    expect(res.body.reasons).to.deep.equal([{ code: "EXPIRED", message: "The item expired on 2026-03-03: it should not be sold or used", detail: "2026-03-03" }]);
    const inDate = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(fresh.uris[0]!)}`);
    expect(inDate.body).to.deep.include({ verdict: "GENUINE", reasons: [], expiry: { date: "2027-12-31", expired: false } });
  });

  it("classes the declared expired items as expired, in the summary, the rows, the CSV and the PDF", async function () {
    const csv = ["code", ...fresh.uris, ...stale.uris].join("\n");
    const res = await svc.api("POST", `/api/v1/shipments/${shipmentId}/inspections`, { key: office.apiKey, body: csv, headers: { "content-type": "text/csv" } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const { inspection } = res.body;
    expect(inspection.summary).to.deep.equal({ declared: 2, expired: 2, undeclared: 0, counterfeit: 0, revoked: 0, duplicate: 0, unverified: 0, malformed: 0 });
    expect(inspection.rows.map((r: any) => [r.row, r.class, r.verdict, r.reasons.map((x: any) => x.code)])).to.deep.equal([
      [2, "declared", "GENUINE", []],
      [3, "declared", "GENUINE", []],
      [4, "expired", "GENUINE", ["EXPIRED"]],
      [5, "expired", "GENUINE", ["EXPIRED"]],
    ]);

    const headers = { authorization: `Bearer ${office.apiKey}` };
    const report = await (await fetch(`${svc.url}/api/v1/inspections/${inspection.id}?format=csv`, { headers })).text();
    const classes = report.trim().split("\r\n").slice(1).map((line) => line.split(",").slice(0, 5));
    expect(classes.map(([row, , cls, verdict, reasons]) => [row, cls, verdict, reasons])).to.deep.equal([
      ["2", "declared", "GENUINE", ""],
      ["3", "declared", "GENUINE", ""],
      ["4", "expired", "GENUINE", "EXPIRED"],
      ["5", "expired", "GENUINE", "EXPIRED"],
    ]);

    const pdf = Buffer.from(await (await fetch(`${svc.url}/api/v1/inspections/${inspection.id}?format=pdf`, { headers })).arrayBuffer());
    const text = await pdfText(pdf);
    expect(text).to.match(/genuine, declared, but past its expiry date +2\n/);
    expect(text).to.match(/^ +4 +expired +GENUINE +https:\/\/\S+\/21\/OLD1\?/m);
    expect(text).to.match(/^ +5 +expired +GENUINE +https:\/\/\S+\/21\/OLD2\?/m);

    const recorded = await svc.api("POST", `/api/v1/inspections/${inspection.id}/record`, { key: office.apiKey, body: { outcome: "held" } });
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
    // The chain has no count of its own for expired items: they are declared genuine ones.
    expect(recorded.body.recording.counts).to.deep.equal({ genuine: 4, counterfeit: 0, undeclared: 0, revoked: 0 });
  });
});

/** The PDF's text as poppler's pdftotext reads it from standard input. */
function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("pdftotext", ["-layout", "-", "-"], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin!.end(pdf);
  });
}
