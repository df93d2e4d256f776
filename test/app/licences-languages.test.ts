/**
 * The licence page in the reader's language, in Chromium against the real service and chain: chosen from
 * the browser's languages, switched by hand and remembered, only the active language's catalogues
 * fetched, a real check read from the LicenceRegistry answered in the language (countries and dates through
 * Intl), the notices register's count, and Arabic laid out right to left. Screenshots go to
 * test-output/licences-<language>.png (Chinese glyphs show as boxes there: no CJK font is installed).
 */
import { mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { LANGUAGES } from "../../app/i18n/languages.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";

const OUTPUT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");
const words = (code: string): Record<string, string> => JSON.parse(readFileSync(new URL(`../../app/i18n/catalogues/licences/${code}.json`, import.meta.url), "utf8"));
const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
/** A browser locale for each language, as a reader's phone would send it. */
const BROWSER_LOCALE: Record<string, string> = { en: "en-GB", fr: "fr-FR", de: "de-DE", es: "es-ES", "zh-Hans": "zh-CN", ar: "ar-EG" };
/** A work nobody registered: the chain answers "UnknownWork" however the other fields read. */
const UNKNOWN_WORK = `0x${"ab".repeat(32)}`;
const LICENSEE = "0x000000000000000000000000000000000000dEaD";

describe("licence page languages: chosen, switched, remembered, right to left (Chromium)", function () {
  this.timeout(240_000);
  let stack: HttpStack;
  let browser: Browser;

  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
  const open = async (locale: string, requests: string[] = [], hash = ""): Promise<Page> => {
    const context = await browser.newContext({ locale, timezoneId: "UTC", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${stack.url}/licences${hash}`);
    await page.locator("#language").waitFor();
    return page;
  };

  before(async function () {
    await buildApp();
    await mkdir(OUTPUT_DIR, { recursive: true });
    stack = await startHttpStack();
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  for (const { code, dir } of LANGUAGES) {
    it(`${code}: the browser's language (${BROWSER_LOCALE[code]}) chooses it; field errors and the chain's answer in it; only its catalogues fetched`, async function () {
      const requests: string[] = [];
      const locale = BROWSER_LOCALE[code]!;
      const page = await open(locale, requests);
      const say = words(code);
      expect(await page.locator("html").getAttribute("lang")).to.equal(code);
      expect(await page.locator("html").getAttribute("dir")).to.equal(dir);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).to.equal(dir);
      expect(await page.title()).to.equal(say["page.title"]);
      expect(await text(page, "#tab-check")).to.equal(say["tabs.check"]);
      expect(await text(page, "#tab-notices")).to.equal(say["tabs.notices"]);
      expect(await text(page, "label[for=work]")).to.equal(say["field.work"]);

      // An empty form: each field's message in the language, before any chain call.
      await page.locator("#check-form button[type=submit]").click();
      expect(await text(page, "#work-error")).to.equal(say["error.workEmpty"]);
      expect(await text(page, "#licensee-error")).to.equal(say["error.licenseeEmpty"]);
      expect(await text(page, "#country-error")).to.equal(say["error.countryEmpty"]);

      // A real check: the LicenceRegistry knows no such work.
      await page.locator("#work").fill(UNKNOWN_WORK);
      await page.locator("#licensee").fill(LICENSEE);
      await page.locator("#platform").fill("VideoHub");
      await page.locator("#country").fill("FR");
      await page.locator("#at").fill("2026-06-01T12:00");
      await page.locator("#check-form button[type=submit]").click();
      await page.locator('#check-result[data-licensed="false"]').waitFor({ state: "visible", timeout: 30_000 });
      expect(await page.locator("#check-result").getAttribute("data-reason")).to.equal("UnknownWork");
      expect(await text(page, "#check-word")).to.equal(say["result.no"]);
      expect(await text(page, "#check-summary")).to.equal(say["unlicensed.UnknownWork"]);
      const terms = await page.locator("#check-facts dt").allTextContents();
      expect(terms).to.deep.equal(["term.work", "term.licensee", "term.platform", "term.country", "term.dateTime", "term.reason"].map((key) => say[key]));
      const country = new Intl.DisplayNames([locale], { type: "region" }).of("FR");
      expect(await text(page, "#check-facts dd:nth-of-type(4)")).to.equal(`${country} (FR)`);
      const at = new Date("2026-06-01T12:00:00Z").toLocaleString(locale, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone: "UTC" });
      expect(await text(page, "#check-facts dd:nth-of-type(5)")).to.equal(at);
      await page.screenshot({ path: path.join(OUTPUT_DIR, `licences-${code}.png`), fullPage: true });

      // The register, empty on this chain: its status line in the language.
      await page.locator("#tab-notices").click();
      await page.locator("#notices-status", { hasText: say["notices.none"]! }).waitFor({ timeout: 30_000 });

      // Only the active language: English is in the script, every other language's two catalogues (shared, page) chunks.
      const chunks = requests.filter((file) => /\/licences-(fr|de|es|zh-Hans|ar)-[A-Z0-9]+\.js$/.test(file));
      expect([...new Set(chunks.map((file) => /licences-([a-zA-Z-]+?)-[A-Z0-9]+\.js$/.exec(file)?.[1]))]).to.deep.equal(code === "en" ? [] : [code]);
      expect(chunks.length).to.equal(code === "en" ? 0 : 2);
      await page.context().close();
    });
  }

  it("ar: the layout mirrors — the product name on the right of the switch, labels from the right, hashes left to right", async function () {
    const page = await open("ar-EG");
    const product = (await page.locator(".product").boundingBox())!;
    const select = (await page.locator("#language").boundingBox())!;
    expect(product.x).to.be.greaterThan(select.x);
    const gaps = await page.locator("label[for=country]").evaluate((label) => {
      const range = document.createRange();
      range.selectNodeContents(label);
      const words = range.getBoundingClientRect();
      const box = label.parentElement!.getBoundingClientRect();
      return { left: words.left - box.left, right: box.right - words.right };
    });
    expect(gaps.right).to.be.lessThan(gaps.left);
    expect(await page.locator("#work").evaluate((input) => getComputedStyle(input).direction)).to.equal("ltr");
    await page.context().close();
  });

  it("a language chosen with the switch is used at once and remembered on this device", async function () {
    const page = await open("en-US");
    expect(await text(page, "#tab-check")).to.equal(words("en")["tabs.check"]);
    await Promise.all([page.waitForEvent("load"), page.locator("#language").selectOption("es")]);
    await page.locator("#language").waitFor();
    expect(await text(page, "#tab-check")).to.equal(words("es")["tabs.check"]);
    const again = await page.context().newPage();
    await again.goto(`${stack.url}/licences`);
    await again.locator("#language").waitFor();
    expect(await text(again, "#tab-check")).to.equal(words("es")["tabs.check"]);
    expect(await again.locator("html").getAttribute("lang")).to.equal("es");
    await page.context().close();
  });
});
