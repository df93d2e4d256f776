import { expect } from "chai";
import { openApiContract } from "../../../helpers/openapi-contract.ts";
import { seedIntelligence, SEED_DAYS, type SeededIntelligence } from "../../../helpers/intelligence-seed.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

/**
 * The brand intelligence page's data: a brand sees where its fakes appear (by country and day), where its
 * codes are scanned (cells of at least 3 scans), which codes are cloned, where its goods are seized, and
 * what to expect next week — aggregated, its own only, and as CSV per view.
 */
describe("brand intelligence: verdicts by country and day, hotspots, clones, seizures by route, forecast", function () {
  this.timeout(300_000);
  let svc: TestService;
  let seeded: SeededIntelligence;
  let expectDocumented: ReturnType<typeof openApiContract>;

  const ask = async (key: string | undefined, query = "") => {
    const res = await svc.api("GET", `/api/v1/brand/intelligence${query}`, key === undefined ? {} : { key });
    if (res.headers.get("content-type")?.startsWith("application/json")) expectDocumented("GET", "/api/v1/brand/intelligence", res);
    return res;
  };
  const period = () => `?from=${seeded.from}&to=${seeded.to}`;

  before(async function () {
    svc = await startTestService();
    expectDocumented = openApiContract((await svc.api("GET", "/api/v1/openapi.json")).body);
    seeded = await seedIntelligence(svc);
  });

  after(async function () {
    await svc?.close();
  });

  it("counts counterfeit verdicts and scans of cloned codes by country, and every day of the period", async function () {
    const res = await ask(seeded.brand.apiKey, period());
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).to.equal(200);
    const body = res.body;
    expect(body.query).to.deep.equal({ gtin: null, lot: null, from: seeded.from, to: seeded.to });
    expect(body.totals).to.deep.equal({ counterfeit: 3 * SEED_DAYS + SEED_DAYS / 2 + 1, suspicious: 3 });
    expect(body.byCountry).to.deep.equal([
      { country: "FR", counterfeit: 3 * SEED_DAYS, suspicious: 1 },
      { country: "DE", counterfeit: SEED_DAYS / 2, suspicious: 1 },
      { country: null, counterfeit: 1, suspicious: 0 },
      { country: "IT", counterfeit: 0, suspicious: 1 },
    ]);
    expect(body.daily).to.have.length(SEED_DAYS);
    expect(body.daily[0]).to.deep.equal({ day: seeded.from, counterfeit: 5, suspicious: 0 });
    expect(body.daily[1]).to.deep.equal({ day: body.daily[1].day, counterfeit: 3, suspicious: 0 });
    expect(body.daily.at(-2).suspicious).to.equal(3);
  });

  it("shows hotspots of at least 3 scans, clone clusters and seizures by route, and no single scan's place or session", async function () {
    const { body } = await ask(seeded.brand.apiKey, period());
    // Paris holds four scans; Berlin and Rome one each, so they stay hidden.
    expect(body.hotspots).to.deep.equal([{ latitude: 48.9, longitude: 2.4, scans: 4, sessions: 4 }]);
    expect(body.cloneClusters).to.deep.equal([
      { gtin: seeded.gtin, lot: "INT1", serial: "CLONED", countries: 3, cells: 3, scans: 3, sessions: 3, firstDay: body.daily.at(-2).day, lastDay: body.daily.at(-2).day },
    ]);
    expect(body.seizures.map((s: { origin: string; destination: string; seizures: number; items: number }) => [s.origin, s.destination, s.seizures, s.items])).to.deep.equal([
      ["CN", "BE", 1, 4],
      ["TR", "DE", 1, 2],
    ]);
    const text = JSON.stringify(body);
    for (const secret of ["52.5", "41.9", "net-", "FAKE"]) expect(text, secret).to.not.contain(secret);
  });

  it("forecasts next week per country with the backtest error beside the naive forecast's", async function () {
    const { body } = await ask(seeded.brand.apiKey, period());
    expect(body.forecast.map((f: { country: string }) => f.country)).to.deep.equal(["FR", "DE"]);
    const [fr, de] = body.forecast;
    // France: 3 a day, steadily: 21 next week, and the backtest is exact.
    expect(fr).to.deep.include({ country: "FR", next7Days: 21 });
    expect(fr.daily).to.deep.equal([3, 3, 3, 3, 3, 3, 3]);
    expect(fr.backtest).to.deep.equal({ windows: 4, mae: 0, naiveMae: 0, meanActual: 21 });
    expect(de.next7Days).to.be.within(3, 4);
    expect(de.backtest.windows).to.equal(4);
    expect(de.backtest.mae).to.be.below(1);
  });

  it("narrows to a GTIN, a lot and a period", async function () {
    const lot = await ask(seeded.brand.apiKey, `${period()}&gtin=${seeded.gtin.slice(1)}&lot=INT1`);
    expect(lot.body.query).to.deep.include({ gtin: seeded.gtin, lot: "INT1" });
    expect(lot.body.totals.counterfeit).to.equal(3 * SEED_DAYS + SEED_DAYS / 2 + 1);
    const other = await ask(seeded.brand.apiKey, `${period()}&gtin=${seeded.gtin}&lot=OTHER`);
    expect(other.body).to.deep.include({ totals: { counterfeit: 0, suspicious: 0 }, byCountry: [], hotspots: [], cloneClusters: [], seizures: [], forecast: [], notices: [] });
    // The GTIN filter keeps the notices naming its batch; the brand-wide notice on Market B names none.
    expect(lot.body.notices.map((n: { platform: string; filed: number }) => [n.platform, n.filed])).to.deep.equal([["Acme Intelligence Market A", 3]]);
    const firstDay = await ask(seeded.brand.apiKey, `?from=${seeded.from}&to=${seeded.from}`);
    expect(firstDay.body.byCountry).to.deep.equal([
      { country: "FR", counterfeit: 3, suspicious: 0 },
      { country: "DE", counterfeit: 1, suspicious: 0 },
      { country: null, counterfeit: 1, suspicious: 0 },
    ]);
    expect(firstDay.body.seizures).to.deep.equal([]);
  });

  it("exports each view as CSV", async function () {
    const csv = async (view: string) => {
      const res = await ask(seeded.brand.apiKey, `${period()}&format=csv&view=${view}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get("content-type")).to.match(/^text\/csv/);
      expect(res.headers.get("content-disposition")).to.contain(`intelligence-${view}-`);
      return (res.body as string).split("\r\n");
    };
    expect(await csv("countries")).to.deep.equal(["country,counterfeit,suspicious", "FR,180,1", "DE,30,1", ",1,0", "IT,0,1", ""]);
    expect((await csv("daily")).slice(0, 2)).to.deep.equal(["day,counterfeit,suspicious", `${seeded.from},5,0`]);
    expect(await csv("hotspots")).to.deep.equal(["latitude,longitude,scans,sessions", "48.9,2.4,4,4", ""]);
    expect((await csv("clones"))[1]).to.match(new RegExp(`^${seeded.gtin},INT1,CLONED,3,3,3,3,`));
    expect((await csv("seizures")).slice(1, 3).map((l) => l.split(",").slice(0, 4).join(","))).to.deep.equal(["CN,BE,1,4", "TR,DE,1,2"]);
    expect((await csv("forecast"))[1]).to.equal("FR,21,4,0,0,21");
    const notices = await csv("notices");
    expect(notices[0]).to.equal("platform,platform_id,filed,removed,rejected,counter_noticed,open,median_hours_to_answer,p90_hours_to_answer");
    expect(notices.slice(1).map((l) => l.split(",").filter((_, i) => i !== 1).join(","))).to.deep.equal(["Acme Intelligence Market A,3,1,1,0,1,0,0", "Acme Intelligence Market B,1,0,0,1,0,0,0", ""]);
  });

  it("counts the brand's product notices per platform: filed, each answer, open, and hours to answer", async function () {
    const { body } = await ask(seeded.brand.apiKey, period());
    expect(body.notices).to.have.length(2);
    const [a, b] = body.notices;
    expect(a).to.deep.include({ platform: "Acme Intelligence Market A", filed: 3, removed: 1, rejected: 1, counterNoticed: 0, open: 1 });
    expect(b).to.deep.include({ platform: "Acme Intelligence Market B", filed: 1, removed: 0, rejected: 0, counterNoticed: 1, open: 0 });
    // Answered within the test's seconds: well under an hour.
    for (const n of body.notices) expect(n.medianHoursToAnswer).to.be.within(0, 0.1);
    expect(a.platformId).to.match(/^0x[0-9a-f]{64}$/);
    // Before the notices were filed: none.
    const before = await ask(seeded.brand.apiKey, `?from=${seeded.from}&to=${seeded.from}`);
    expect(before.body.notices).to.deep.equal([]);
  });

  it("answers only a brand's key, about its own products, and names bad filters", async function () {
    expect((await ask(undefined)).status).to.equal(401);
    expect((await ask(svc.registrarApiKey)).status).to.equal(403);
    const rival = await svc.newBrand("Rival");
    expect((await ask(rival.apiKey, `${period()}&gtin=${seeded.gtin}`)).body.totals).to.deep.equal({ counterfeit: 0, suspicious: 0 });
    const bad = async (query: string) => {
      const res = await ask(seeded.brand.apiKey, query);
      return [res.status, res.body.field];
    };
    expect(await bad("?from=2026-13-01")).to.deep.equal([400, "from"]);
    expect(await bad("?from=2026-02-01&to=2026-01-01")).to.deep.equal([400, "from"]);
    expect(await bad("?from=2020-01-01&to=2026-01-01")).to.deep.equal([400, "from"]);
    expect(await bad("?lot=INT1")).to.deep.equal([400, "gtin"]);
    expect(await bad("?gtin=123")).to.deep.equal([400, "gtin"]);
    expect(await bad("?format=csv")).to.deep.equal([400, "view"]);
    expect(await bad("?format=csv&view=scans")).to.deep.equal([400, "view"]);
    const unknown = await ask(seeded.brand.apiKey, "?brandId=x");
    expect([unknown.status, unknown.body.error, JSON.stringify(unknown.body.fields)]).to.satisfy(([status, code, fields]: [number, string, string]) => status === 400 && code === "UNKNOWN_FIELD" && fields.includes("brandId"));
  });
});
