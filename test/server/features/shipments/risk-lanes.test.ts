import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { DEFAULT_RISK_WEIGHTS } from "../../../../core/risk/weights.ts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { gtinIn } from "../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

/**
 * A customs office in the Netherlands reads the lanes of shipments bound for it. An honest carrier's
 * cleared record, a brand whose shipment was seized, a recalled batch, items another shipper declared
 * too, and counterfeit scans in the destination each show as the indicator they feed, with its weight.
 */
describe("customs risk lanes: shipments bound for an office, scored on what the office's records show", function () {
  this.timeout(300_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let carrier: { apiKey: string; party: { address: string } };
  let office: { apiKey: string };
  let first: IssuedBatch;
  let recalled: IssuedBatch;
  let gtin: string;
  const consignee = privateKeyToAddress(generatePrivateKey());

  const declare = async (key: string, body: Record<string, unknown>) => {
    const res = await svc.api("POST", "/api/v1/shipments", { key, body: { consignee, ...body } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.shipment.id as `0x${string}`;
  };
  /** Inspects the shipment with a manifest of its own codes and records the outcome on chain. */
  const inspect = async (shipmentId: string, codes: string[], outcome: "cleared" | "seized") => {
    const made = await svc.api("POST", `/api/v1/shipments/${shipmentId}/inspections`, { key: office.apiKey, body: { codes } });
    expect(made.status, JSON.stringify(made.body).slice(0, 300)).to.equal(201);
    const recorded = await svc.api("POST", `/api/v1/inspections/${made.body.inspection.id}/record`, { key: office.apiKey, body: { outcome } });
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
  };
  const lanes = async (query = "") => {
    const res = await svc.api("GET", `/api/v1/customs/lanes${query}`, { key: office.apiKey });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  };
  const laneOf = async (waybill: string) => (await lanes()).lanes.find((l: any) => l.waybill === waybill);
  const fired = (lane: any) => Object.fromEntries(lane.indicators.filter((i: any) => i.fired).map((i: any) => [i.id, i]));

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    gtin = gtinIn(acme.prefixes[0]!);
    first = await issueBatch(svc, acme.apiKey, { gtin, lot: "L1", quantity: 40 });
    recalled = await issueBatch(svc, acme.apiKey, { gtin, lot: "L2", quantity: 10 });
    carrier = (await svc.api("POST", "/api/v1/logistics-parties", { key: svc.registrarApiKey, body: { name: "Honest Freight", country: "VN" } })).body;
    office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } })).body;
    // The honest carrier's record: four shipments to the Netherlands, each opened and cleared.
    for (let i = 0; i < 4; i++) {
      const codes = first.uris.slice(i * 5, i * 5 + 5);
      await inspect(await declare(carrier.apiKey, { waybill: `HF-${i}`, origin: "VN", destination: "NL", codes }), codes, "cleared");
    }
  });

  after(async function () {
    await svc?.close();
  });

  it("puts a brand's first shipment in the green lane and shows every indicator with its configured weight, a new shipper the only one fired", async function () {
    await declare(acme.apiKey, { waybill: "AC-1", origin: "CN", destination: "NL", codes: first.uris.slice(20, 30) });
    const body = await lanes();
    expect(body.office).to.deep.equal({ country: "NL" });
    expect(body.thresholds).to.deep.equal({ amber: DEFAULT_RISK_WEIGHTS.amber, red: DEFAULT_RISK_WEIGHTS.red, redMinIndicators: DEFAULT_RISK_WEIGHTS.redMinIndicators });
    const lane = body.lanes.find((l: any) => l.waybill === "AC-1");
    expect(lane).to.include({ origin: "CN", destination: "NL", itemCount: 10, lane: "green" });
    expect(lane.indicators.map((i: any) => [i.id, i.weight])).to.have.deep.members(Object.entries(DEFAULT_RISK_WEIGHTS.weights));
    expect(Object.keys(fired(lane))).to.deep.equal(["new-party"]);
    expect(fired(lane)["new-party"].detail).to.equal("the shipper was first seen 0 days ago");
    // The carrier's shipments were inspected: they are past their lane and not listed.
    expect(body.lanes.map((l: any) => l.waybill)).to.not.include.members(["HF-0", "HF-1", "HF-2", "HF-3"]);
  });

  it("feeds a seizure back: the brand's next shipment reads its shipper's record, and with a recalled batch on board it is red", async function () {
    await inspect((await laneOf("AC-1")).shipmentId, first.uris.slice(20, 30), "seized");
    const recall = await svc.api("POST", `/api/v1/batches/${recalled.id}/status`, { key: acme.apiKey, body: { status: "recalled" } });
    expect(recall.status, JSON.stringify(recall.body)).to.equal(200);
    await declare(acme.apiKey, { waybill: "AC-2", origin: "CN", destination: "NL", codes: recalled.uris });
    const lane = await laneOf("AC-2");
    expect(lane.lane).to.equal("red");
    const why = fired(lane);
    expect(why["shipper-history"].detail).to.equal("the shipper: 1 of 1 inspections were seizures (100 %, against 29 % overall)");
    expect(why["flagged-items"].detail).to.equal("10 of 10 declared items are from batches (or are items) recalled or reported stolen");
    expect(why["flagged-items"]).to.include({ strength: 1, weight: DEFAULT_RISK_WEIGHTS.weights["flagged-items"] });
    expect(lane.reason).to.match(/^score [0-9.]+ reaches red \(0\.15\) with [0-9]+ indicators fired$/);
    // Riskiest first.
    expect((await lanes()).lanes[0].waybill).to.equal("AC-2");
    expect((await lanes("?lane=red")).lanes.map((l: any) => l.waybill)).to.deep.equal(["AC-2"]);
  });

  it("counts items another shipper declared too, and counterfeit scans of the same GTIN in the destination", async function () {
    // The carrier declares items the brand shipped already (AC-2's): more of them in circulation than were issued.
    await declare(carrier.apiKey, { waybill: "HF-9", origin: "VN", destination: "NL", codes: recalled.uris.slice(0, 4) });
    for (let i = 0; i < 3; i++) {
      await svc.ctx.store.recordCounterfeitScan({ brandId: acme.brandId, gtin, lot: "L9", serial: `X${i}`, reason: "UNSIGNED", sessionId: `s${i}`, network: `n${i}`, country: "NL", scannedAt: Date.now() });
    }
    const lane = await laneOf("HF-9");
    const why = fired(lane);
    expect(why["impossible-counts"].detail).to.equal("4 of 4 declared items were never issued, or exceed their batch's size");
    expect(why["destination-counterfeit-scans"].detail).to.equal("3 counterfeit scans of these GTINs in the destination recently");
    expect(why["flagged-items"].detail).to.equal("4 of 4 declared items are from batches (or are items) recalled or reported stolen");
    // The carrier's clean record does not fire.
    expect(why).to.not.have.property("shipper-history");
  });

  it("answers one shipment's lane to any customs office, and lists only shipments bound for the office's own country", async function () {
    const toGermany = await declare(acme.apiKey, { waybill: "AC-DE", origin: "CN", destination: "DE", codes: first.uris.slice(30, 32) });
    expect((await lanes()).lanes.map((l: any) => l.waybill)).to.not.include("AC-DE");
    const one = await svc.api("GET", `/api/v1/shipments/${toGermany}/risk`, { key: office.apiKey });
    expect(one.status, JSON.stringify(one.body)).to.equal(200);
    expect(one.body.risk).to.include({ waybill: "AC-DE", destination: "DE" });
    const unknown = await svc.api("GET", `/api/v1/shipments/0x${"ab".repeat(32)}/risk`, { key: office.apiKey });
    expect([unknown.status, unknown.body.error]).to.deep.equal([404, "UNKNOWN_SHIPMENT"]);
  });

  it("keeps lanes to customs offices, and names a bad query", async function () {
    expect((await svc.api("GET", "/api/v1/customs/lanes", { key: acme.apiKey })).status).to.equal(403);
    expect((await svc.api("GET", "/api/v1/customs/lanes")).status).to.equal(401);
    const badLimit = await svc.api("GET", "/api/v1/customs/lanes?limit=0", { key: office.apiKey });
    expect([badLimit.status, badLimit.body.field]).to.deep.equal([400, "limit"]);
    const badLane = await svc.api("GET", "/api/v1/customs/lanes?lane=purple", { key: office.apiKey });
    expect([badLane.status, badLane.body.field]).to.deep.equal([400, "lane"]);
    const limited = await lanes("?limit=1");
    expect(limited.lanes).to.have.length(1);
    expect(limited.total).to.equal(2); // AC-2 and HF-9: AC-1 was inspected, AC-DE is bound for Germany
  });
});
