import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { openApiContract } from "../../../helpers/openapi-contract.ts";
import { gtinIn } from "../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

/**
 * The consortium's register of known infringements: a customs office, a platform and a brand ask whether
 * a brand, GTIN or lot was seized or scanned counterfeit, and get where and when, aggregated.
 */
describe("the register of known infringements: seizures and counterfeit scans by brand, GTIN and lot, by role", function () {
  this.timeout(300_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let globex: Awaited<ReturnType<TestService["newBrand"]>>;
  let office: { apiKey: string };
  let platformKey: string;
  let carrierKey: string;
  let seized: IssuedBatch;
  let gtin: string;
  let expectDocumented: ReturnType<typeof openApiContract>;
  const DAY = 86_400_000;
  const T = Date.parse("2026-11-20T10:00:00Z");

  const ask = async (key: string | undefined, query: string) => {
    const res = await svc.api("GET", `/api/v1/register${query}`, key === undefined ? {} : { key });
    expectDocumented("GET", "/api/v1/register", res);
    return res;
  };

  before(async function () {
    svc = await startTestService();
    expectDocumented = openApiContract((await svc.api("GET", "/api/v1/openapi.json")).body);
    acme = await svc.newBrand("Acme");
    globex = await svc.newBrand("Globex");
    gtin = gtinIn(acme.prefixes[0]!);
    seized = await issueBatch(svc, acme.apiKey, { gtin, lot: "SZ1", quantity: 6 });
    office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Antwerp customs", country: "BE" } })).body;
    platformKey = (await svc.api("POST", "/api/v1/platforms", { key: svc.registrarApiKey, body: { name: "Tube" } })).body.apiKey;
    carrierKey = (await svc.api("POST", "/api/v1/logistics-parties", { key: svc.registrarApiKey, body: { name: "Carrier", country: "CN" } })).body.apiKey;
    // A shipment of four of the lot's items, opened and seized in Antwerp.
    const shipment = await svc.api("POST", "/api/v1/shipments", {
      key: acme.apiKey,
      body: { waybill: "SZ-1", consignee: privateKeyToAddress(generatePrivateKey()), origin: "CN", destination: "BE", codes: seized.uris.slice(0, 4) },
    });
    expect(shipment.status, JSON.stringify(shipment.body)).to.equal(201);
    const inspection = await svc.api("POST", `/api/v1/shipments/${shipment.body.shipment.id}/inspections`, { key: office.apiKey, body: { codes: seized.uris.slice(0, 4) } });
    expect(inspection.status, JSON.stringify(inspection.body).slice(0, 300)).to.equal(201);
    const recorded = await svc.api("POST", `/api/v1/inspections/${inspection.body.inspection.id}/record`, { key: office.apiKey, body: { outcome: "seized" } });
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
    // Consumers' counterfeit scans of the lot: two in France on two days, one in Germany, one with no location.
    const scan = (lot: string, country: string | undefined, at: number, sessionId: string) =>
      svc.ctx.store.recordCounterfeitScan({ brandId: acme.brandId, gtin, lot, serial: "FAKE1", reason: "UNSIGNED", sessionId, network: `net-${sessionId}`, country, scannedAt: at });
    await scan("SZ1", "FR", T, "a");
    await scan("SZ1", "FR", T + 2 * DAY, "b");
    await scan("SZ1", "DE", T + DAY, "c");
    await scan("SZ1", undefined, T + DAY, "d");
    await scan("OTHER", "IT", T, "e");
  });

  after(async function () {
    await svc?.close();
  });

  it("tells a customs office where and when a brand's goods were seized and scanned counterfeit, by route and by country", async function () {
    const res = await ask(office.apiKey, `?brandId=${acme.brandId}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const body = res.body;
    expect(body.query).to.deep.equal({ brandId: acme.brandId.toLowerCase(), gtin: null, lot: null });
    expect(body.known).to.equal(true);
    expect(body.seized.seizures).to.equal(1);
    expect(body.seized.items).to.equal(4);
    expect(body.seized.byRoute).to.have.length(1);
    expect(body.seized.byRoute[0]).to.include({ origin: "CN", destination: "BE", seizures: 1, items: 4 });
    expect(body.counterfeit.scans).to.equal(5);
    expect(body.counterfeit.byCountry).to.deep.equal([
      { country: "FR", scans: 2, sessions: 2, firstDay: "2026-11-20", lastDay: "2026-11-22" },
      { country: "DE", scans: 1, sessions: 1, firstDay: "2026-11-21", lastDay: "2026-11-21" },
      { country: "IT", scans: 1, sessions: 1, firstDay: "2026-11-20", lastDay: "2026-11-20" },
      { country: null, scans: 1, sessions: 1, firstDay: "2026-11-21", lastDay: "2026-11-21" },
    ]);
    // Aggregated: nothing that names one scan (its session, network, serial or exact time) leaves the service.
    const text = JSON.stringify(body);
    for (const secret of ["net-a", "FAKE1", String(T)]) expect(text).to.not.contain(secret);
  });

  it("narrows to a GTIN and lot for a platform, and answers known: false for a lot nobody reported", async function () {
    const lot = await ask(platformKey, `?gtin=${gtin.slice(1)}&lot=SZ1`);
    expect(lot.status, JSON.stringify(lot.body)).to.equal(200);
    expect(lot.body.query).to.deep.equal({ brandId: null, gtin, lot: "SZ1" });
    expect(lot.body.counterfeit.scans).to.equal(4);
    expect(lot.body.seized.seizures).to.equal(1);
    const clean = await ask(platformKey, `?gtin=${gtin}&lot=CLEAN`);
    expect(clean.body).to.deep.include({ known: false, seized: { seizures: 0, items: 0, byRoute: [] }, counterfeit: { scans: 0, byCountry: [] }, alerts: { active: 0, byCountry: [] } });
  });

  it("lets a brand ask of its own products only, and keeps other kinds of organisation out", async function () {
    const own = await ask(acme.apiKey, "?gtin=" + gtin);
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    expect(own.body.query.brandId).to.equal(acme.brandId.toLowerCase());
    const rival = await ask(globex.apiKey, `?brandId=${acme.brandId}`);
    expect([rival.status, rival.body.error, rival.body.field]).to.deep.equal([403, "NOT_YOUR_BRAND", "brandId"]);
    // Globex asking of Acme's GTIN learns nothing of Acme: the answer is about Globex's own products.
    const byGtin = await ask(globex.apiKey, `?gtin=${gtin}`);
    expect(byGtin.body).to.deep.include({ known: false });
    expect((await ask(carrierKey, `?brandId=${acme.brandId}`)).status).to.equal(403);
    expect((await ask(undefined, `?brandId=${acme.brandId}`)).status).to.equal(401);
  });

  it("names what is wrong with a question", async function () {
    const nothing = await ask(office.apiKey, "");
    expect([nothing.status, nothing.body.field]).to.deep.equal([400, "brandId"]);
    const lotAlone = await ask(office.apiKey, "?lot=SZ1");
    expect([lotAlone.status]).to.deep.equal([400]);
    const badDigit = await ask(office.apiKey, `?gtin=${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}`);
    expect([badDigit.status, badDigit.body.error, badDigit.body.field]).to.deep.equal([400, "GS1_BAD_CHECK_DIGIT", "gtin"]);
    const badBrand = await ask(office.apiKey, "?brandId=acme");
    expect([badBrand.status, badBrand.body.field]).to.deep.equal([400, "brandId"]);
  });

  it("shows the brand's active alerts by country: reasons to customs offices and the brand itself, counts only to platforms and the registrar", async function () {
    const raise = async (body: Record<string, unknown>) => {
      const res = await svc.api("POST", "/api/v1/brand/alerts", { key: acme.apiKey, body: { gtin, ...body } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.alert;
    };
    const everyLot = await raise({ country: "FR", reason: "Fakes sold on Paris markets" });
    const lot1 = await raise({ lot: "SZ1", country: "FR", origin: "CN", reason: "SZ1 copied" });
    const other = await raise({ lot: "SZ9", country: "DE", reason: "SZ9 copied" });
    const withdrawn = await raise({ country: "IT", reason: "Withdrawn" });
    await svc.api("DELETE", `/api/v1/brand/alerts/${withdrawn.id}`, { key: acme.apiKey });
    const group = (a: { country: string; lot: string | null; raisedAt: string; expiresAt: string }, reasons?: string[]) => ({
      country: a.country, gtin, lot: a.lot, alerts: 1, firstRaisedAt: a.raisedAt, lastExpiresAt: a.expiresAt, ...(reasons ? { reasons } : {}),
    });

    const customs = await ask(office.apiKey, `?gtin=${gtin}&lot=SZ1`);
    expect(customs.body.alerts).to.deep.equal({ active: 2, byCountry: [group(everyLot, ["Fakes sold on Paris markets"]), group(lot1, ["SZ1 copied"])] });
    const own = await ask(acme.apiKey, `?gtin=${gtin}`);
    expect(own.body.alerts.active).to.equal(3);
    expect(own.body.alerts.byCountry.map((g: { reasons: string[] }) => g.reasons)).to.have.deep.members([["Fakes sold on Paris markets"], ["SZ1 copied"], ["SZ9 copied"]]);
    const platform = await ask(platformKey, `?gtin=${gtin}&lot=SZ1`);
    expect(platform.body.alerts).to.deep.equal({ active: 2, byCountry: [group(everyLot), group(lot1)] });
    const registrar = await ask(svc.registrarApiKey, `?brandId=${acme.brandId}`);
    expect(registrar.body.alerts.byCountry).to.deep.equal([group(other), group(everyLot), group(lot1)]);
    // An alert alone makes a lot known; another brand asking learns nothing of Acme's.
    const onlyAlerted = await ask(platformKey, `?gtin=${gtin}&lot=CLEAN`);
    expect(onlyAlerted.body).to.deep.include({ known: true, alerts: { active: 1, byCountry: [group(everyLot)] } });
    expect((await ask(globex.apiKey, `?gtin=${gtin}`)).body.alerts).to.deep.equal({ active: 0, byCountry: [] });
  });
});
