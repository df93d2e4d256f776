/**
 * The verifier in the reader's language, in Chromium against the real service and chain (anvil): chosen from
 * the browser's languages, switched by hand and remembered, only the active language's catalogue fetched,
 * dates through Intl, and Arabic laid out right to left. Screenshots go to /tmp/verifier-<language>.png.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { buildApp } from "../../scripts/build-app.ts";
import { LANGUAGES } from "../../app/i18n/languages.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";

const GTIN = "09506000134352";
const catalogue = (code: string): Record<string, string> => JSON.parse(readFileSync(new URL(`../../app/i18n/catalogues/${code}.json`, import.meta.url), "utf8"));

/** A browser locale for each language, as a reader's phone would send it. */
const BROWSER_LOCALE: Record<string, string> = { en: "en-GB", fr: "fr-FR", de: "de-AT", es: "es-MX", "zh-Hans": "zh-CN", ar: "ar-EG" };

describe("verifier languages: chosen, switched, remembered, right to left (Chromium)", function () {
  this.timeout(240_000);
  let stack: HttpStack;
  let browser: Browser;
  let label: string;

  const open = async (locale: string, requests: string[] = []): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${stack.url}/verify?code=${encodeURIComponent(label)}`);
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return page;
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    browser = await launchChromium();
    const brand = await stack.newBrand("Acme Lingua");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-LANG-1", expiry: "271231", quantity: 1 });
    const csv = await fetch(`${stack.url}/api/v1/batches/${batch.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    label = (await csv.text()).trim().split(/\r?\n/)[1]!.split(",").at(-1)!;
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  for (const { code, dir } of LANGUAGES) {
    it(`${code}: the browser's language (${BROWSER_LOCALE[code]}) chooses it; words from its catalogue, dates as its reader's locale writes them, only its catalogue fetched`, async function () {
      const requests: string[] = [];
      const page = await open(BROWSER_LOCALE[code]!, requests);
      const words = catalogue(code);
      expect(await page.locator("html").getAttribute("lang")).to.equal(code);
      expect(await page.locator("html").getAttribute("dir")).to.equal(dir);
      expect(await text(page, "#verdict-word")).to.equal(words["verdict.GENUINE.word"]);
      expect(await text(page, "#verdict-summary")).to.equal(words["verdict.GENUINE.headline"]);
      expect(await text(page, "#next-steps-title")).to.equal(words["card.whatToDo"]);
      expect(await text(page, "#scan-again")).to.equal(words["card.scanAgain"]);
      const useBy = new Date("2027-12-31T00:00:00Z").toLocaleDateString(BROWSER_LOCALE[code], { dateStyle: "long", timeZone: "UTC" });
      expect(await text(page, "#verdict-product")).to.contain(`${words["card.useBy"]}${useBy}`);
      expect(await page.locator("#language").inputValue()).to.equal(code);
      // Only the active language: English is in the script, every other language a chunk of its own.
      const chunks = requests.filter((path) => /verifier-(fr|de|es|zh-Hans|ar)-/.test(path));
      expect(chunks.map((path) => /verifier-([a-zA-Z-]+?)-[A-Z0-9]+\.js$/.exec(path)?.[1])).to.deep.equal(code === "en" ? [] : [code]);
      await page.screenshot({ path: `/tmp/verifier-${code}.png`, fullPage: true });
      await page.context().close();
    });
  }

  it("ar: the layout mirrors — the verdict's icon on the right of its word, the coloured edge of a list on the right", async function () {
    const page = await open("ar-EG");
    const icon = (await page.locator("#verdict-icon").boundingBox())!;
    const word = (await page.locator("#verdict-word").boundingBox())!;
    expect(icon.x).to.be.greaterThan(word.x);
    // Text starts on the right: a short heading's words sit against the card's right edge, far from its left one.
    const gaps = await page.locator("#next-steps-title").evaluate((heading) => {
      const range = document.createRange();
      range.selectNodeContents(heading);
      const words = range.getBoundingClientRect();
      const box = heading.getBoundingClientRect();
      return { left: words.left - box.left, right: box.right - words.right };
    });
    expect(gaps.right).to.be.lessThan(2);
    expect(gaps.left).to.be.greaterThan(100);
    await page.context().close();
  });

  it("a language chosen with the switch is used at once and remembered on this device", async function () {
    const page = await open("en-US");
    expect(await text(page, "#verdict-word")).to.equal(catalogue("en")["verdict.GENUINE.word"]);
    await Promise.all([page.waitForEvent("load"), page.locator("#language").selectOption("de")]);
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    expect(await text(page, "#verdict-word")).to.equal(catalogue("de")["verdict.GENUINE.word"]);
    // Another visit on the same device, whatever the browser's languages.
    const again = await page.context().newPage();
    await again.goto(`${stack.url}/verify?code=${encodeURIComponent(label)}`);
    await again.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    expect(await text(again, "#verdict-word")).to.equal(catalogue("de")["verdict.GENUINE.word"]);
    expect(await again.locator("html").getAttribute("lang")).to.equal("de");
    await page.context().close();
  });
});
