/**
 * The brand intelligence page in a real browser (Debian's Chromium, driven by playwright-core) against the
 * real service on seeded data: a brand signs in with its key and reads every view, the map and the CSVs.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { buildApp, INTELLIGENCE_SCRIPT_BUDGET_GZIP, pageScriptSize } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { seedIntelligence, SEED_DAYS, type SeededIntelligence } from "../helpers/intelligence-seed.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");

describe("brand intelligence page (Chromium)", function () {
  this.timeout(300_000);
  let svc: TestService;
  let seeded: SeededIntelligence;
  let browser: Browser;
  let page: Page;
  /** Every request to a host other than the service: the page, its map and its chart must make none. */
  const offHostRequests: string[] = [];

  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `intelligence-${name}.png`), fullPage: true });
  const rows = (id: string) => page.locator(`#${id} tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));

  before(async function () {
    const { outDir } = await buildApp();
    const size = await pageScriptSize(outDir, "intelligence");
    console.log(`      intelligence page JavaScript: ${(size.raw / 1024).toFixed(1)} kB raw, ${(size.gzip / 1024).toFixed(1)} kB gzipped`);
    expect(size.gzip).to.be.at.most(INTELLIGENCE_SCRIPT_BUDGET_GZIP);
    svc = await startTestService();
    seeded = await seedIntelligence(svc);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(`${svc.url}/`) && !url.startsWith("data:") && !url.startsWith("blob:")) offHostRequests.push(url);
    });
  });

  after(async function () {
    await browser?.close();
    await svc?.close();
  });

  it("signs in with the brand's key and shows the period's totals", async function () {
    await page.goto(`${svc.url}/intelligence`);
    await page.getByLabel("Brand API key").fill(seeded.brand.apiKey);
    await page.getByLabel("Brand API key").press("Enter");
    await page.locator("#countries tr").first().waitFor();
    // The default period is 90 days ending today: the seeded 60 days are in it.
    expect(await page.locator("#f-to").inputValue()).to.equal(seeded.to);
    await page.locator("#f-from").fill(seeded.from);
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("#summary", { hasText: seeded.from }).waitFor();
    expect(await page.locator("#summary").textContent()).to.equal(`${seeded.from} to ${seeded.to}: ${3 * SEED_DAYS + SEED_DAYS / 2 + 1} counterfeit and 3 suspicious verdicts, 2 seizures.`);
    expect(await page.locator("#account-name").textContent()).to.equal("Acme Intelligence");
  });

  it("colours the countries with counterfeit verdicts on the map, the most the darkest", async function () {
    const hits = await page.locator("#map path.hit").evaluateAll((paths) => paths.map((p) => ({ country: (p as SVGElement).dataset.country, fill: getComputedStyle(p).fill })));
    expect(hits.map((h) => h.country).sort()).to.deep.equal(["DE", "FR"]);
    const fill = (c: string) => hits.find((h) => h.country === c)!.fill;
    const red = (rgb: string) => rgb.match(/\d+/g)!.map(Number);
    // France (180) is darker than Germany (30); every other country keeps the land colour.
    expect(red(fill("FR"))[1]!).to.be.below(red(fill("DE"))[1]!);
    const others = await page.locator("#map path:not(.hit)").evaluateAll((paths) => [...new Set(paths.map((p) => getComputedStyle(p).fill))]);
    expect(others).to.deep.equal(["rgb(221, 227, 234)"]);
    expect(await page.locator("#map path").count()).to.be.above(150);
  });

  it("shows every view's rows and numbers", async function () {
    expect(await rows("countries")).to.deep.equal([
      ["FR", "180", "1"],
      ["DE", "30", "1"],
      ["(not given)", "1", "0"],
      ["IT", "0", "1"],
    ]);
    expect(await rows("forecast")).to.deep.equal([
      ["FR", "21.0", "0.0", "0.0", "21.0", "4"],
      ...(await rows("forecast")).slice(1),
    ]);
    expect((await rows("forecast"))[1]![0]).to.equal("DE");
    expect(await rows("hotspots")).to.deep.equal([["48.9, 2.4", "4", "4"]]);
    expect((await rows("seizures")).map((r) => r.slice(0, 3))).to.deep.equal([
      ["CN → BE", "1", "4"],
      ["TR → DE", "1", "2"],
    ]);
    const clones = await rows("clones");
    expect(clones).to.have.length(1);
    expect(clones[0]!.slice(0, 6)).to.deep.equal([seeded.gtin, "INT1", "CLONED", "3", "3", "3"]);
    expect(await rows("notices")).to.deep.equal([
      ["Acme Intelligence Market A", "3", "1", "1", "0", "1", "0.0", "0.0"],
      ["Acme Intelligence Market B", "1", "0", "0", "1", "0", "0.0", "0.0"],
    ]);
    // The chart: uPlot's canvas and its legend with both series.
    expect(await page.locator("#daily-chart canvas").count()).to.equal(1);
    expect(await page.locator("#daily-chart .u-legend").textContent()).to.contain("Counterfeit").and.to.contain("Suspicious");
    await screenshot("views");
    expect(offHostRequests).to.deep.equal([]);
  });

  it("downloads each view as CSV", async function () {
    const csv = async (view: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`button[data-csv="${view}"]`).click()]);
      expect(download.suggestedFilename()).to.equal(`intelligence-${view}-${seeded.from}-${seeded.to}.csv`);
      return (await readFile((await download.path())!, "utf8")).split("\r\n");
    };
    expect(await csv("countries")).to.deep.equal(["country,counterfeit,suspicious", "FR,180,1", "DE,30,1", ",1,0", "IT,0,1", ""]);
    expect(await csv("hotspots")).to.deep.equal(["latitude,longitude,scans,sessions", "48.9,2.4,4,4", ""]);
    expect((await csv("daily")).length).to.equal(SEED_DAYS + 2);
    expect((await csv("forecast"))[1]).to.equal("FR,21,4,0,0,21");
    expect((await csv("seizures"))[1]!.startsWith("CN,BE,1,4,")).to.equal(true);
    expect((await csv("clones"))[1]!.startsWith(`${seeded.gtin},INT1,CLONED,3,3,3,3,`)).to.equal(true);
    expect((await csv("notices"))[1]!.startsWith("Acme Intelligence Market A,0x")).to.equal(true);
  });

  it("narrows to a lot, and names a bad GTIN", async function () {
    await page.locator("#f-gtin").fill(seeded.gtin);
    await page.locator("#f-lot").fill("OTHER");
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("#countries td.hint").waitFor();
    expect(await page.locator("#map path.hit").count()).to.equal(0);
    expect(await rows("seizures")).to.deep.equal([["No seizures in this period."]]);
    expect(await rows("notices")).to.deep.equal([["No product notices filed in this period."]]);
    await page.locator("#f-gtin").fill("123");
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("#filters-error").waitFor({ state: "visible" });
    expect(await page.locator("#filters-error").textContent()).to.contain("gtin");
    expect(await page.locator("#summary").textContent()).to.equal("Not updated: the views below are for the previous filters.");
    await screenshot("bad-gtin");
  });
});
