import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { raiseAlert } from "../../../../server/features/alerts/alerts.ts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { gtinIn } from "../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

/**
 * A brand's alert to customs fires the `brand-alert` indicator on a shipment bound for the alert's country
 * carrying the brand's goods (of the alert's lot and origin when it names them), and the office reads the
 * brand's reason in the evidence. Another brand's alert, another country, lot or origin, and a withdrawn or
 * expired alert leave it silent.
 */
describe("customs risk lanes: brand alerts", function () {
  this.timeout(300_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let globex: Awaited<ReturnType<TestService["newBrand"]>>;
  let office: { apiKey: string };
  let l1: IssuedBatch;
  let l2: IssuedBatch;
  let gtin: string;
  const consignee = privateKeyToAddress(generatePrivateKey());
  const DAY = 86_400_000;

  const declare = async (waybill: string, codes: string[], origin = "CN", destination = "NL") => {
    const res = await svc.api("POST", "/api/v1/shipments", { key: acme.apiKey, body: { waybill, consignee, origin, destination, codes } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.shipment.id as string;
  };
  const alertOf = async (shipmentId: string) => {
    const res = await svc.api("GET", `/api/v1/shipments/${shipmentId}/risk`, { key: office.apiKey });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.risk.indicators.find((i: { id: string }) => i.id === "brand-alert") as { fired: boolean; detail: string; strength: number; weight: number; contribution: number };
  };
  const raise = async (key: string, body: Record<string, unknown>) => {
    const res = await svc.api("POST", "/api/v1/brand/alerts", { key, body });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.alert as { id: string };
  };

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    globex = await svc.newBrand("Globex");
    gtin = gtinIn(acme.prefixes[0]!);
    l1 = await issueBatch(svc, acme.apiKey, { gtin, lot: "L1", quantity: 12 });
    l2 = await issueBatch(svc, acme.apiKey, { gtin, lot: "L2", quantity: 4 });
    office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } })).body;
  });

  after(async function () {
    await svc?.close();
  });

  it("stays silent before any alert", async function () {
    const quiet = await alertOf(await declare("QUIET", l1.uris.slice(0, 1)));
    expect(quiet).to.include({ fired: false, strength: 0, detail: "no brand alert" });
  });

  it("fires on the brand's goods bound for the alert's country and quotes the reason; another brand's alert, another country, lot or origin do not count", async function () {
    await raise(acme.apiKey, { gtin, country: "NL", reason: "Fake L1 cartons seized in Antwerp last week" });
    await raise(acme.apiKey, { gtin, country: "DE", reason: "Fakes in Hamburg" });
    await raise(acme.apiKey, { gtin, lot: "L2", country: "NL", reason: "Lot L2 copied" });
    await raise(acme.apiKey, { gtin, country: "NL", origin: "VN", reason: "From Vietnam only" });
    await raise(globex.apiKey, { gtin: gtinIn(globex.prefixes[0]!), country: "NL", reason: "Globex's own goods" });

    const shipment = await declare("ALERTED", l1.uris.slice(1, 3));
    const indicator = await alertOf(shipment);
    expect(indicator).to.include({ fired: true, strength: 1, detail: '1 brand alert(s) for these GTINs in the destination: "Fake L1 cartons seized in Antwerp last week"' });
    expect(indicator.contribution).to.equal(indicator.weight);
    // The office's list shows the same reason.
    const lanes = (await svc.api("GET", "/api/v1/customs/lanes", { key: office.apiKey })).body.lanes;
    const lane = lanes.find((l: { waybill: string }) => l.waybill === "ALERTED");
    expect(lane.indicators.find((i: { id: string }) => i.id === "brand-alert").detail).to.contain("Fake L1 cartons seized in Antwerp last week");
  });

  it("counts an alert for the lot on board, and one for the shipment's origin", async function () {
    const lot2 = await alertOf(await declare("LOT2", l2.uris.slice(0, 2)));
    expect(lot2.detail).to.equal('2 brand alert(s) for these GTINs in the destination: "Fake L1 cartons seized in Antwerp last week"; "Lot L2 copied"');
    const fromVietnam = await alertOf(await declare("VN", l1.uris.slice(3, 4), "VN"));
    expect(fromVietnam.detail).to.equal('2 brand alert(s) for these GTINs in the destination: "Fake L1 cartons seized in Antwerp last week"; "From Vietnam only"');
    const toGermany = await alertOf(await declare("DE", l1.uris.slice(4, 5), "CN", "DE"));
    expect(toGermany.detail).to.equal('1 brand alert(s) for these GTINs in the destination: "Fakes in Hamburg"');
  });

  it("goes silent once the alerts are withdrawn, and never counts an expired one", async function () {
    const listed = (await svc.api("GET", "/api/v1/brand/alerts?state=active", { key: acme.apiKey })).body.alerts as Array<{ id: string; country: string }>;
    for (const alert of listed.filter((a) => a.country === "NL")) {
      expect((await svc.api("DELETE", `/api/v1/brand/alerts/${alert.id}`, { key: acme.apiKey })).status).to.equal(200);
    }
    const org = (await svc.ctx.store.findOrganisationByName("Acme"))!;
    // Raised 8 days ago for 7 days: expired by the service's clock.
    await raiseAlert(svc.ctx, org, { gtin, lot: undefined, country: "NL", origin: undefined, reason: "Old news", days: 7 }, Date.now() - 8 * DAY);
    const after = await alertOf(await declare("AFTER", l1.uris.slice(5, 7)));
    expect(after).to.include({ fired: false, detail: "no brand alert" });
  });
});
