/**
 * The brand console on a phone (Chromium at 390 CSS px, device scale 3): no screen is wider than the
 * phone, and a rejected batch shows each wrong field's problem in words beside that field.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import type { Hex } from "viem";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { storedItems } from "../helpers/issued.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");
const PHONE = { width: 390, height: 844 };

describe("brand console on a phone (Chromium, 390 px)", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let browser: Browser;
  let page: Page;
  let batchId: Hex;
  let serial: string;

  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `console-phone-${name}.png`), fullPage: true });
  /** The page's width, and the visible elements sticking out past the phone's edge (to say what to fix). */
  const widthReport = () =>
    page.evaluate((phone) => {
      const wide = [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > phone + 0.5)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${element.className} → ${Math.round(element.getBoundingClientRect().right)}`);
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    }, PHONE.width);
  const expectPhoneWide = async (screen: string) => {
    const report = await widthReport();
    expect(report.scrollWidth, `${screen}: ${report.wide.join("; ")}`).to.be.at.most(PHONE.width);
    await screenshot(screen);
  };
  const fieldError = async (id: string) => ((await page.locator(`#${id}-error .problem`).allTextContents()) ?? []).map((text) => text.trim());

  before(async function () {
    await buildApp();
    svc = await startTestService();
    brand = await svc.newBrand("Phone Brand With A Rather Long Name Ltd");
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: gtinIn(brand.prefixes[0]!), lot: "PHONE-LOT-0001", quantity: 3, expiry: "271231" } });
    batchId = created.body.id;
    await svc.waitForBatch(brand.apiKey, batchId);
    serial = (await storedItems(svc.ctx.store, batchId as Hex))[0]!.serial;
    await svc.api("POST", `/api/v1/batches/${batchId}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    await svc.api("POST", `/api/v1/batches/${batchId}/items/${serial}/status`, { key: brand.apiKey, body: { status: "stolen" } });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  });

  after(async function () {
    await browser?.close();
    await svc?.close();
  });

  it("fits the sign-in screen, with a refused key shown", async function () {
    await page.goto(`${svc.url}/console`);
    await page.getByLabel("Organisation API key").fill("vt_not-a-key");
    await page.getByLabel("Organisation API key").press("Enter");
    await page.locator("#api-key-error").waitFor({ state: "visible" });
    await expectPhoneWide("sign-in");
  });

  it("fits the brand and the batch list once signed in", async function () {
    await page.getByLabel("Organisation API key").fill(brand.apiKey);
    await page.getByLabel("Organisation API key").press("Enter");
    await page.locator("#batch-rows tr", { hasText: "PHONE-LOT-0001" }).waitFor();
    await page.locator("#batches").scrollIntoViewIfNeeded();
    await expectPhoneWide("batch-list");
    // Every row's facts are still there to read, each with its column's name.
    const row = page.locator("#batch-rows tr", { hasText: "PHONE-LOT-0001" });
    expect(await row.locator("td").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-label")))).to.deep.equal([
      "Lot",
      "GTIN",
      "Expiry",
      "Items",
      "State",
      "Progress",
      "Transaction",
      "Block",
      "Created",
      null,
    ]);
  });

  it("names every wrong field of the batch form in words beside it, and fits", async function () {
    await page.getByLabel("GTIN", { exact: true }).fill("");
    await page.getByLabel("Lot", { exact: true }).fill("BAD#LOT");
    await page.locator("#expiry").fill("271399");
    await page.getByRole("button", { name: "Create batch" }).click();
    await page.locator("#gtin-error").waitFor({ state: "visible" });
    const refusal = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "", lot: "BAD#LOT", expiry: "271399" } });
    const words = (field: string) => refusal.body.fields.filter((p: { field: string }) => p.field === field).map((p: { message: string; code: string }) => `${p.message} ${p.code}`);
    expect(refusal.body.fields.map((p: { field: string }) => p.field).sort()).to.deep.equal(["expiry", "gtin", "lot", "quantity"]);

    expect(await fieldError("gtin")).to.deep.equal(words("gtin"));
    expect(await fieldError("gtin")).to.deep.equal(["GTIN is required: 8, 12, 13 or 14 digits, check digit included INVALID_FIELD"]);
    expect(await fieldError("lot")).to.deep.equal(words("lot"));
    expect(await fieldError("expiry")).to.deep.equal(words("expiry"));
    expect(await fieldError("quantity")).to.deep.equal(["Quantity is required, or else a list of your own serials QUANTITY_OR_SERIALS"]);
    for (const id of ["gtin", "lot", "expiry", "quantity"]) {
      const input = page.locator(`#${id}`);
      expect(await input.getAttribute("aria-invalid"), id).to.equal("true");
      expect((await input.getAttribute("aria-describedby"))?.split(" "), id).to.include(`${id}-error`);
    }
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal("gtin");
    expect(await page.locator("#batch-form-error").isHidden()).to.equal(true);
    await page.locator("#new-batch").scrollIntoViewIfNeeded();
    await expectPhoneWide("batch-form-errors");
  });

  it("clears a field's problem once the form is sent again", async function () {
    await page.getByLabel("GTIN", { exact: true }).fill(gtinIn(brand.prefixes[0]!));
    await page.getByLabel("Lot", { exact: true }).fill("PHONE-LOT-0001");
    await page.locator("#expiry").fill("271231");
    await page.getByLabel("Quantity", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Create batch" }).click();
    // The batch exists: a conflict named on the lot, and nothing left of the earlier field problems.
    await page.locator("#lot-error", { hasText: "BATCH_EXISTS" }).waitFor();
    for (const id of ["gtin", "expiry", "quantity"]) {
      expect(await page.locator(`#${id}-error`).isHidden(), id).to.equal(true);
      expect(await page.locator(`#${id}`).getAttribute("aria-invalid"), id).to.equal(null);
    }
  });

  it("fits the batch detail with its statuses and its item's", async function () {
    await page.getByRole("button", { name: "Manage batch PHONE-LOT-0001" }).click();
    await page.locator("#chain-status[data-status='recalled']").waitFor();
    await page.locator("#item-status-rows tr", { hasText: serial }).waitFor();
    await expectPhoneWide("batch-detail");
  });
});
