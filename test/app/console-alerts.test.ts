/**
 * The brand console's "Alerts to customs" panel in a real browser against the real service: a brand
 * raises an alert, sees a refused field explained beside its input, and withdraws an alert after confirming.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { FIRST_PREFIX, gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");

describe("brand console: alerts to customs (Chromium)", function () {
  this.timeout(180_000);
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let browser: Browser;
  let page: Page;
  const gtin = gtinIn(FIRST_PREFIX);
  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `console-alerts-${name}.png`), fullPage: true });
  const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();

  before(async function () {
    await buildApp();
    svc = await startTestService();
    brand = await svc.newBrand("Acme Alerts");
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${svc.url}/console`);
    const keyField = page.getByLabel("Organisation API key");
    await keyField.fill(brand.apiKey);
    await keyField.press("Enter");
    await page.locator("#console").waitFor({ state: "visible" });
  });

  after(async function () {
    await browser?.close();
    await svc?.close();
  });

  it("shows the service's UNKNOWN_COUNTRY beside the country field for UK, saying to use GB", async function () {
    await page.locator("#alert-gtin").fill(gtin);
    await page.locator("#alert-country").fill("UK");
    await page.locator("#alert-reason").fill("Fake cartons seen at Felixstowe");
    await page.locator("#raise-alert").click();
    await page.locator("#alert-country-error").waitFor({ state: "visible" });
    expect(await text("#alert-country-error")).to.contain("the United Kingdom is GB").and.to.contain("UNKNOWN_COUNTRY");
    expect(await page.locator("#alert-country").getAttribute("aria-invalid")).to.equal("true");
    await screenshot("country-error");
  });

  it("raises the alert once corrected and lists it as active, as the API holds it", async function () {
    await page.locator("#alert-country").fill("GB");
    await page.locator("#alert-lot").fill("L-9");
    await page.locator("#alert-origin").fill("CN");
    await page.locator("#alert-days").fill("30");
    await page.locator("#raise-alert").click();
    await page.locator("#alert-rows tr").first().waitFor();
    const { alerts } = (await svc.api("GET", "/api/v1/brand/alerts", { key: brand.apiKey })).body;
    expect(alerts).to.have.length(1);
    expect(alerts[0]).to.include({ gtin, lot: "L-9", country: "GB", origin: "CN", reason: "Fake cartons seen at Felixstowe", state: "active" });
    const cells = await page.locator("#alert-rows tr").first().locator("td").allTextContents();
    expect(cells.slice(0, 5)).to.deep.equal(["active", gtin, "L-9", "CN → GB", "Fake cartons seen at Felixstowe"]);
    expect(await page.locator("#alert-country-error").isHidden()).to.equal(true);
    expect(await page.locator("#alert-gtin").inputValue()).to.equal("");
    await screenshot("raised");
  });

  it("withdraws it after the confirmation, keeping it in the list as withdrawn", async function () {
    await page.locator("#alert-rows").getByRole("button", { name: "Withdraw…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await text("#confirm-body")).to.contain("Fake cartons seen at Felixstowe");
    await dialog.getByRole("button", { name: "Withdraw alert", exact: true }).click();
    await page.locator("#alert-rows .alert-state-withdrawn").waitFor();
    expect((await svc.api("GET", "/api/v1/brand/alerts?state=withdrawn", { key: brand.apiKey })).body.alerts).to.have.length(1);
    expect(await page.locator("#alert-rows").getByRole("button", { name: "Withdraw…" }).count()).to.equal(0);
    await screenshot("withdrawn");
  });
});
