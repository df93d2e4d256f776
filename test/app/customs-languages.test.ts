/**
 * Customs mode in the officer's language, in Chromium against the real service and chain: chosen from the
 * browser's languages, switched by hand and remembered, only the active language's catalogues fetched,
 * countries, dates and counts through Intl, and Arabic laid out right to left. Screenshots go to
 * test-output/customs-<language>.png (Chinese glyphs show as boxes there: no CJK font is installed).
 */
import { mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { LANGUAGES } from "../../app/i18n/languages.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";

const OUTPUT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");
const GTIN = "09506000134352";
const WAYBILL = "WB-LANG-1";
const words = (code: string, set = "customs/"): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../app/i18n/catalogues/${set}${code}.json`, import.meta.url), "utf8"));
const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);

/** A browser locale for each language, as an officer's phone would send it. */
const BROWSER_LOCALE: Record<string, string> = { en: "en-GB", fr: "fr-FR", de: "de-DE", es: "es-ES", "zh-Hans": "zh-CN", ar: "ar-EG" };

describe("customs mode languages: chosen, switched, remembered, right to left (Chromium)", function () {
  this.timeout(240_000);
  let stack: HttpStack;
  let browser: Browser;
  let shipmentId: Hex;
  let officeKey: string;

  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
  const open = async (locale: string, requests: string[] = []): Promise<Page> => {
    const context = await browser.newContext({ locale, timezoneId: "UTC", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${stack.url}/verify/customs`);
    await page.locator("#language").waitFor();
    return page;
  };
  const openShipment = async (page: Page) => {
    await page.locator("#api-key").fill(officeKey);
    await page.locator("#sign-in-form button[type=submit]").click();
    await page.locator("#shipment-id").fill(shipmentId);
    await page.locator("#shipment-form button[type=submit]").click();
    await page.locator("#inspect").waitFor({ state: "visible", timeout: 30_000 });
  };

  before(async function () {
    await buildApp();
    await mkdir(OUTPUT_DIR, { recursive: true });
    stack = await startHttpStack();
    browser = await launchChromium();
    const brand = await stack.newBrand("Acme Lingua");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-LANG-C", expiry: "271231", quantity: 2 });
    const csv = await fetch(`${stack.url}/api/v1/batches/${batch.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const codes = (await csv.text()).trim().split(/\r?\n/).slice(1).map((line) => line.split(",").at(-1)!);
    const shipment = await stack.api("POST", "/api/v1/shipments", {
      key: brand.apiKey,
      body: { waybill: WAYBILL, consignee: privateKeyToAddress(generatePrivateKey()), origin: "CN", destination: "NL", codes },
    });
    expect(shipment.status, JSON.stringify(shipment.body)).to.equal(201);
    shipmentId = shipment.body.shipment.id;
    const office = await stack.api("POST", "/api/v1/customs-offices", { key: stack.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } });
    expect(office.status, JSON.stringify(office.body)).to.equal(201);
    officeKey = office.body.apiKey;
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  for (const { code, dir } of LANGUAGES) {
    it(`${code}: the browser's language (${BROWSER_LOCALE[code]}) chooses it; the desk's words, countries, dates and counts in it; only its catalogues fetched`, async function () {
      const requests: string[] = [];
      const locale = BROWSER_LOCALE[code]!;
      const page = await open(locale, requests);
      const desk = words(code);
      expect(await page.locator("html").getAttribute("lang")).to.equal(code);
      expect(await page.locator("html").getAttribute("dir")).to.equal(dir);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).to.equal(dir);
      expect(await page.title()).to.equal(desk["page.title"]);
      expect(await text(page, "#sign-in-title")).to.equal(desk["signIn.title"]);
      expect(await text(page, "label[for=api-key]")).to.equal(desk["signIn.keyLabel"]);
      expect(await page.locator("#language").inputValue()).to.equal(code);

      await openShipment(page);
      expect(await text(page, "#shipment-title")).to.equal(fill(desk["shipment.titleWith"]!, { waybill: WAYBILL }));
      expect(await text(page, "#camera-toggle")).to.equal(desk["camera.start"]);
      expect(await text(page, "#finish")).to.equal(desk["actions.finish"]);
      expect(await text(page, "#cue-word")).to.equal(desk["cue.ready"]);
      const facts = await page.locator("#shipment-facts dt").allTextContents();
      expect(facts).to.deep.equal(["fact.waybill", "fact.route", "fact.itemsDeclared", "fact.shipper", "fact.declaredOnChain"].map((key) => desk[key]));
      // Countries named by Intl in the reader's locale, the route's arrow as the language writes it.
      const region = new Intl.DisplayNames([locale], { type: "region" });
      const route = fill(desk["fact.routeValue"]!, { origin: `${region.of("CN")} (CN)`, destination: `${region.of("NL")} (NL)` });
      expect(await text(page, "#shipment-facts dd:nth-of-type(2)")).to.equal(route);
      expect(await text(page, "#shipment-facts dd:nth-of-type(3)")).to.equal(new Intl.NumberFormat(locale).format(2));
      const declared = await text(page, "#shipment-facts dd:nth-of-type(5)");
      const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date());
      expect(declared).to.contain(dateOnly);
      // The tally: every class's word from the catalogue, the count in the locale's digits.
      const tallyWords = await page.locator("#tally .tally-word").allTextContents();
      expect(tallyWords).to.deep.equal(["declared", "expired", "undeclared", "counterfeit", "revoked", "duplicate", "unverified"].map((cls) => desk[`class.${cls}.word`]));
      expect(await text(page, "#tally-total")).to.equal(new Intl.NumberFormat(locale).format(0));
      const zeroForm = `tally.title.${new Intl.PluralRules(locale).select(0)}`;
      expect(await text(page, "#tally-title")).to.equal(fill(desk[zeroForm] ?? desk["tally.title.other"]!, { count: new Intl.NumberFormat(locale).format(0) }));

      await page.screenshot({ path: path.join(OUTPUT_DIR, `customs-${code}.png`), fullPage: true });
      // Finish with nothing scanned: the page says so in the language.
      await page.locator("#finish").click();
      await page.locator("#alert", { hasText: desk["finish.nothing"]! }).waitFor();

      // Only the active language: English is in the script, every other language's two catalogues (shared, desk) chunks.
      const chunks = requests.filter((file) => /\/customs-(fr|de|es|zh-Hans|ar)-[A-Z0-9]+\.js$/.test(file));
      expect([...new Set(chunks.map((file) => /customs-([a-zA-Z-]+?)-[A-Z0-9]+\.js$/.exec(file)?.[1]))]).to.deep.equal(code === "en" ? [] : [code]);
      expect(chunks.length).to.equal(code === "en" ? 0 : 2);
      await page.context().close();
    });
  }

  it("ar: the layout mirrors — the product name on the right of the switch, each tally box's coloured edge on its right, codes left to right", async function () {
    const page = await open("ar-EG");
    const product = (await page.locator(".product").boundingBox())!;
    const select = (await page.locator("#language").boundingBox())!;
    expect(product.x).to.be.greaterThan(select.x);
    await openShipment(page);
    const edges = await page.locator("#tally li").first().evaluate((item) => ({ right: getComputedStyle(item).borderRightWidth, left: getComputedStyle(item).borderLeftWidth }));
    expect(edges).to.deep.equal({ right: "8px", left: "2px" });
    // The shipment id stays a left-to-right string inside the right-to-left page.
    expect(await page.locator("#shipment-id").evaluate((input) => getComputedStyle(input).direction)).to.equal("ltr");
    await page.context().close();
  });

  it("a language chosen with the switch is used at once and remembered on this device", async function () {
    const page = await open("en-US");
    expect(await text(page, "#sign-in-title")).to.equal(words("en")["signIn.title"]);
    await Promise.all([page.waitForEvent("load"), page.locator("#language").selectOption("de")]);
    await page.locator("#language").waitFor();
    expect(await text(page, "#sign-in-title")).to.equal(words("de")["signIn.title"]);
    const again = await page.context().newPage();
    await again.goto(`${stack.url}/verify/customs`);
    await again.locator("#language").waitFor();
    expect(await text(again, "#sign-in-title")).to.equal(words("de")["signIn.title"]);
    expect(await again.locator("html").getAttribute("lang")).to.equal("de");
    await page.context().close();
  });
});
