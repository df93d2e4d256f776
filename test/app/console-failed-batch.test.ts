/**
 * The brand console's controls for a failed batch, in a real browser against the real service: a batch
 * whose signer was removed before its turn fails for real, and the brand retries it (refused while it has
 * no signer, then anchored with a new one) or discards it to free its lot.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");
const GTIN = "09506000134352";

describe("brand console: failed batches (Chromium)", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `console-${name}.png`), fullPage: true });
  const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
  const rowState = (lot: string) => page.locator(`#batch-rows tr[data-batch-id="${ids[lot]}"] .state`);
  const confirmInDialog = async (label: string) => {
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ state: "visible" });
    await dialog.getByRole("button", { name: label, exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
  };

  before(async function () {
    this.timeout(180_000);
    await buildApp();
    svc = await startTestService();
    brand = await svc.newBrand("Acme Failing");
    const post = (lot: string, body: object) => svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: GTIN, lot, ...body } });
    // The worker drives one batch at a time: the small ones wait behind the big one, and their signer is
    // removed before their turn comes.
    const big = await post("BIG", { quantity: 3_000 });
    for (const lot of ["FAIL-R", "FAIL-D"]) ids[lot] = (await post(lot, { quantity: 4 })).body.id;
    expect((await svc.api("DELETE", `/api/v1/signers/${brand.signer}`, { key: brand.apiKey })).status).to.equal(200);
    for (const id of [...Object.values(ids), big.body.id]) await svc.waitForBatch(brand.apiKey, id, 60_000);
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

  it("shows a failed batch's reason with its retry and discard, and no label buttons to press", async function () {
    await page.getByRole("button", { name: "Manage batch FAIL-R" }).click();
    await page.locator("#failed-batch").waitFor({ state: "visible" });
    expect(await rowState("FAIL-R").textContent()).to.equal("failed");
    expect(await text("#failed-batch-reason")).to.match(/removed before the batch was anchored/);
    expect(await page.getByRole("button", { name: "Retry batch…" }).isEnabled()).to.equal(true);
    expect(await page.getByRole("button", { name: "PDF sheet" }).isDisabled()).to.equal(true);
    expect(await page.locator("#detail-unconfirmed").isHidden()).to.equal(true);
    expect(await page.locator("#chain-statuses").isHidden()).to.equal(true);
    await screenshot("failed-batch");
  });

  it("says why a retry is refused while the brand has no signer (NO_ACTIVE_SIGNER), leaving the batch failed", async function () {
    await page.getByRole("button", { name: "Retry batch…" }).click();
    await confirmInDialog("Retry batch");
    await page.locator("#failed-batch-error").waitFor({ state: "visible" });
    expect(await text("#failed-batch-error code")).to.equal("NO_ACTIVE_SIGNER");
    expect(await rowState("FAIL-R").textContent()).to.equal("failed");
    await screenshot("retry-refused");
  });

  it("retries the batch once a signer is added, and follows it to confirmed with its labels ready", async function () {
    expect((await svc.api("POST", "/api/v1/signers", { key: brand.apiKey })).status).to.equal(201);
    await page.getByRole("button", { name: "Retry batch…" }).click();
    await confirmInDialog("Retry batch");
    await page.waitForFunction((id) => document.querySelector(`#batch-rows tr[data-batch-id="${id}"] .state`)?.textContent === "confirmed", ids["FAIL-R"], { timeout: 30_000 });
    await page.locator("#failed-batch").waitFor({ state: "hidden" });
    expect(await page.getByRole("button", { name: "PDF sheet" }).isEnabled()).to.equal(true);
    await page.waitForFunction(() => document.querySelector("#chain-status")?.getAttribute("data-status") === "active");
    expect((await svc.api("GET", `/api/v1/batches/${ids["FAIL-R"]}`, { key: brand.apiKey })).body.state).to.equal("confirmed");
    await screenshot("retried");
  });

  it("discards a failed batch after confirmation: its row and panel go, and the service no longer has it", async function () {
    await page.getByRole("button", { name: "Manage batch FAIL-D" }).click();
    await page.locator("#failed-batch").waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Discard batch…" }).click();
    await page.getByRole("dialog").waitFor({ state: "visible" });
    expect(await text("#confirm-body")).to.contain("Lot FAIL-D of GTIN 09506000134352 may then be registered again");
    await screenshot("confirm-discard");
    await confirmInDialog("Discard batch");
    await page.locator(`#batch-rows tr[data-batch-id="${ids["FAIL-D"]}"]`).waitFor({ state: "detached" });
    await page.locator("#batch-detail").waitFor({ state: "hidden" });
    expect((await svc.api("GET", `/api/v1/batches/${ids["FAIL-D"]}`, { key: brand.apiKey })).status).to.equal(404);
    // The lot is free again.
    expect((await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: GTIN, lot: "FAIL-D", quantity: 1 } })).status).to.equal(202);
    await screenshot("discarded");
  });
});
