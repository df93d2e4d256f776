/**
 * The brand console in a real browser (Debian's Chromium, driven by playwright-core) against the real
 * service on Hardhat's in-process chain: what a brand does in the factory office, checked on chain.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import type { Hex } from "viem";
import { itemIdOf } from "../../core/ids.ts";
import { Status } from "../../core/status.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { storedItems } from "../helpers/issued.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output");
const LOT = "L-CONSOLE-1";

describe("brand console (Chromium)", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let browser: Browser;
  let page: Page;
  let batchId: Hex;
  /** Every request the page made to a host other than the service: the console must make none. */
  const offHostRequests: string[] = [];

  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `console-${name}.png`), fullPage: true });
  const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
  const confirmInDialog = async (label: string) => {
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ state: "visible" });
    await dialog.getByRole("button", { name: label, exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
  };

  before(async function () {
    await buildApp();
    svc = await startTestService();
    brand = await svc.newBrand("Acme Console");
    // Fails in a second, rather than every step after a 30 s wait, when the service does not serve the page.
    const served = await fetch(`${svc.url}/console`);
    if (served.status !== 200) throw new Error(`GET /console answered ${served.status} ${await served.text()}: is appRoutes() mounted in server/app.ts?`);
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

  describe("signing in", function () {
    it("shows the API's refusal of a wrong key beside the key field", async function () {
      await page.goto(`${svc.url}/console`);
      const keyField = page.getByLabel("Organisation API key");
      await keyField.fill("vt_not-a-key");
      await keyField.press("Enter");
      await page.locator("#api-key-error").waitFor({ state: "visible" });
      const refusal = await svc.api("GET", "/api/v1/brand", { key: "vt_not-a-key" });
      expect(await text("#api-key-error code")).to.equal(refusal.body.error);
      expect(await text("#api-key-error")).to.contain(refusal.body.message);
      expect(await keyField.getAttribute("aria-invalid")).to.equal("true");
    });

    it("shows the brand, its id and its signers once the key is accepted, keeping the key for this tab only", async function () {
      const keyField = page.getByLabel("Organisation API key");
      await keyField.fill(brand.apiKey);
      await keyField.press("Enter");
      await page.locator("#console").waitFor({ state: "visible" });
      expect(await text("#brand-name")).to.equal("Acme Console");
      expect(await text("#brand-id")).to.equal(brand.brandId);
      expect(await text("#signers")).to.contain(brand.signer).and.to.contain("active");
      expect(await page.evaluate(() => sessionStorage.getItem("veritrace.console.apiKey"))).to.equal(brand.apiKey);
      expect(await page.evaluate(() => localStorage.length)).to.equal(0);
      await screenshot("signed-in");
    });
  });

  describe("creating a batch", function () {
    it("shows the API's message in words next to the GTIN field for a bad GTIN, its code after it", async function () {
      const body = { gtin: "9506000134353", lot: "L-BAD", quantity: 5 };
      const refusal = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body });
      expect(refusal.status).to.equal(400);
      expect(refusal.body.field).to.equal("gtin");

      await page.getByLabel("GTIN", { exact: true }).fill(body.gtin);
      await page.getByLabel("Lot", { exact: true }).fill(body.lot);
      await page.getByLabel("Quantity", { exact: true }).fill(String(body.quantity));
      await page.getByRole("button", { name: "Create batch" }).click();
      await page.locator("#gtin-error").waitFor({ state: "visible" });
      expect(refusal.body.fields).to.deep.equal([{ field: "gtin", code: refusal.body.error, message: refusal.body.message }]);
      expect(await text("#gtin-error code")).to.equal(refusal.body.error);
      expect(await text("#gtin-error")).to.equal(`${refusal.body.message} ${refusal.body.error}`);
      expect(await page.getByLabel("GTIN", { exact: true }).getAttribute("aria-invalid")).to.equal("true");
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal("gtin");
      await screenshot("gtin-error");
    });

    it("turns a picked expiry date into YYMMDD", async function () {
      await page.getByLabel("or pick a date").fill("2027-02-28");
      expect(await page.getByLabel("Expiry").inputValue()).to.equal("270228");
    });

    it("offers no past day in the date picker, and shows the service's EXPIRY_IN_PAST at the expiry field", async function () {
      const today = new Date().toISOString().slice(0, 10);
      expect(await page.getByLabel("or pick a date").getAttribute("min")).to.equal(today);
      await page.getByLabel("GTIN", { exact: true }).fill("9506000134352");
      await page.getByLabel("Lot", { exact: true }).fill("L-PAST");
      await page.getByLabel("Quantity", { exact: true }).fill("1");
      await page.getByLabel("Expiry").fill("260303");
      await page.getByRole("button", { name: "Create batch" }).click();
      await page.locator("#expiry-error").waitFor({ state: "visible" });
      expect(await text("#expiry-error")).to.equal("Expiry 260303 is 2026-03-03, which has passed: a batch's expiry must be today or later EXPIRY_IN_PAST");
      expect(await page.getByLabel("Expiry").getAttribute("aria-invalid")).to.equal("true");
      await page.getByLabel("or pick a date").fill("2027-02-28");
      expect(await page.getByLabel("Expiry").inputValue()).to.equal("270228");
    });

    it("creates a batch of 5 and follows it to confirmed, with its progress, transaction and block", async function () {
      await page.getByLabel("GTIN", { exact: true }).fill("9506000134352");
      await page.getByLabel("Lot", { exact: true }).fill(LOT);
      await page.getByLabel("Quantity", { exact: true }).fill("5");
      await page.getByRole("button", { name: "Create batch" }).click();

      const row = page.locator("#batch-rows tr", { hasText: LOT });
      await row.waitFor({ state: "visible" });
      expect(await page.locator("#gtin-error").isHidden()).to.equal(true);
      await screenshot("batch-created");
      await row.locator(".state", { hasText: "confirmed" }).waitFor({ timeout: 60_000 });

      batchId = (await row.getAttribute("data-batch-id")) as Hex;
      const { body: batch } = await svc.api("GET", `/api/v1/batches/${batchId}`, { key: brand.apiKey });
      expect(batch).to.include({ state: "confirmed", lot: LOT, gtin: "09506000134352", expiry: "270228", quantity: 5 });
      expect(await row.locator("progress").evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).to.deep.equal([5, 5]);
      expect(await row.locator(".hash").textContent()).to.equal(batch.transactionHash);
      expect(await row.locator("td.number").nth(1).textContent()).to.equal(String(batch.blockNumber));
      expect(await page.locator("#batch-rows tr").first().getAttribute("data-batch-id")).to.equal(batchId);
      await screenshot("confirmed");
    });
    it("re-sends with the same Idempotency-Key after a lost answer, so the batch is made once", async function () {
      const lot = "L-CONSOLE-2";
      const keys: string[] = [];
      await page.route("**/api/v1/batches", async (route) => {
        if (route.request().method() !== "POST") return route.fallback();
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (keys.length > 1) return route.fallback();
        // The service receives the request and makes the batch; its answer never reaches the page.
        await route.fetch();
        return route.abort("connectionreset");
      });
      try {
        await page.getByLabel("Lot", { exact: true }).fill(lot);
        await page.getByLabel("Quantity", { exact: true }).fill("3");
        await page.getByRole("button", { name: "Create batch" }).click();
        await page.locator("#batch-form-error", { hasText: "NETWORK_ERROR" }).waitFor();
        await screenshot("network-error");
        await page.getByRole("button", { name: "Create batch" }).click();
        // Straight away: the notice bar moves on to the batch's progress once it is followed.
        await page.locator("#notice", { hasText: "accepted already" }).waitFor();
        await page.locator("#batch-rows tr", { hasText: lot }).waitFor();
      } finally {
        await page.unroute("**/api/v1/batches");
      }
      expect(keys).to.have.length(2);
      expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
      expect(keys[1]).to.equal(keys[0]);
      const { body } = await svc.api("GET", "/api/v1/batches", { key: brand.apiKey });
      expect(body.batches.filter((batch: { lot: string }) => batch.lot === lot)).to.have.length(1);
    });
    it("uploads the brand's own serial list, pointing at the file's line of a serial the API rejects", async function () {
      const lot = "L-CONSOLE-3";
      await page.getByLabel("My own serial list").check();
      await page.getByLabel("Lot", { exact: true }).fill(lot);
      const serialFile = page.getByLabel("Serial list file");
      await serialFile.setInputFiles({ name: "serials.txt", mimeType: "text/plain", buffer: Buffer.from("SN-0001\n\nBAD#2\nSN-0003\n") });
      await page.locator("#serials-summary", { hasText: "serials.txt: 3 serials." }).waitFor();
      await page.getByRole("button", { name: "Create batch" }).click();
      await page.locator("#serials-file-error").waitFor({ state: "visible" });
      const refusal = await svc.api("POST", "/api/v1/batches", {
        key: brand.apiKey,
        body: { gtin: "9506000134352", lot, expiry: "270228", serials: ["SN-0001", "BAD#2", "SN-0003"] },
      });
      expect(refusal.body.field).to.equal("serials[1]");
      expect(refusal.body.fields).to.have.length(1);
      expect(await text("#serials-file-error")).to.equal(`${refusal.body.message} (line 3 of serials.txt) ${refusal.body.error}`);
      await screenshot("serial-error");

      await serialFile.setInputFiles({ name: "serials.txt", mimeType: "text/plain", buffer: Buffer.from("SN-0001\r\nSN-0002\r\nSN-0003\r\n") });
      await page.locator("#serials-summary", { hasText: "serials.txt: 3 serials." }).waitFor();
      await page.getByRole("button", { name: "Create batch" }).click();
      const row = page.locator("#batch-rows tr", { hasText: lot });
      await row.waitFor();
      const id = (await row.getAttribute("data-batch-id")) as Hex;
      await row.locator(".state", { hasText: "confirmed" }).waitFor({ timeout: 60_000 });
      const serials = (await storedItems(svc.ctx.store, id as Hex)).map((item) => item.serial);
      expect(serials.sort()).to.deep.equal(["SN-0001", "SN-0002", "SN-0003"]);
    });
  });

  describe("managing a confirmed batch", function () {
    it("downloads the labels as CSV, one row per item", async function () {
      await page.getByRole("button", { name: `Manage batch ${LOT}` }).click();
      await page.locator("#batch-detail").waitFor({ state: "visible" });
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV", exact: true }).click()]);
      expect(download.suggestedFilename()).to.match(/\.csv$/);
      const lines = (await readFile(await download.path(), "utf8")).split(/\r?\n/).filter((line) => line.trim() !== "");
      const rows = lines.filter((line) => line.includes(`/01/09506000134352/10/${LOT}/21/`));
      expect(rows).to.have.length(5);
      // Nothing but a header besides the item rows.
      expect(lines.length - rows.length).to.be.at.most(1);
      await page.locator("#labels-status", { hasText: "Saved" }).waitFor();
    });

    it("downloads the PDF sheet and the SVG and PNG zips", async function () {
      for (const [button, extension, magic] of [
        ["PDF sheet", ".pdf", "%PDF"],
        ["SVG files (zip)", ".zip", "PK"],
        ["PNG files (zip)", ".zip", "PK"],
      ] as const) {
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button, exact: true }).click()]);
        expect(download.suggestedFilename().endsWith(extension), download.suggestedFilename()).to.equal(true);
        expect((await readFile(await download.path())).subarray(0, magic.length).toString("latin1")).to.equal(magic);
      }
    });

    it("changes nothing when the recall is cancelled at the confirmation step", async function () {
      await page.getByRole("button", { name: "Recall batch…" }).click();
      await page.getByRole("dialog").waitFor({ state: "visible" });
      await screenshot("confirm-recall");
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "hidden" });
      expect((await svc.ctx.chain.getBatch(batchId)).status).to.equal(Status.Active);
    });

    it("recalls the whole batch on chain once confirmed", async function () {
      await page.getByRole("button", { name: "Recall batch…" }).click();
      await confirmInDialog("Recall batch");
      await page.locator("#status-log li", { hasText: `Batch ${LOT} set to recalled` }).waitFor();
      expect((await svc.ctx.chain.getBatch(batchId)).status).to.equal(Status.Recalled);
      await screenshot("recalled");
    });

    it("shows the API's refusal when the batch is recalled already", async function () {
      await page.getByRole("button", { name: "Recall batch…" }).click();
      await confirmInDialog("Recall batch");
      await page.locator("#batch-status-error").waitFor({ state: "visible" });
      expect(await text("#batch-status-error code")).to.equal("STATUS_UNCHANGED");
    });

    it("marks one item stolen on chain by its serial", async function () {
      const serial = (await storedItems(svc.ctx.store, batchId as Hex))[2]!.serial;
      await page.getByLabel("Serial", { exact: true }).fill(serial);
      await page.getByRole("button", { name: "Mark item stolen…" }).click();
      await confirmInDialog("Mark item stolen");
      await page.locator("#status-log li", { hasText: `Item ${serial} of lot ${LOT} set to stolen` }).waitFor();
      expect(await svc.ctx.chain.getItemStatus(itemIdOf(batchId, serial))).to.equal(Status.Stolen);
    });

    it("shows the batch recalled and the item stolen as read from the chain, after the changes were made", async function () {
      const serial = (await storedItems(svc.ctx.store, batchId as Hex))[2]!.serial;
      await page.locator("#chain-status[data-status='recalled']").waitFor();
      expect(await text("#chain-status")).to.equal("Recalled: every label of the batch shows the recall when scanned");
      await page.locator("#item-status-rows tr").first().waitFor();
      expect(await page.locator("#item-status-rows tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)))).to.deep.equal([
        [serial, "stolen", String(Number(await svc.ctx.chain.blockNumber()))],
      ]);
    });

    it("still shows them after a reload, set from elsewhere through the API: it asks the service, not its memory", async function () {
      // Another batch, its statuses set through the API (as the CLI or another tab would), not by this page.
      const { body: list } = await svc.api("GET", "/api/v1/batches", { key: brand.apiKey });
      const other = list.batches.find((b: { lot: string }) => b.lot === "L-CONSOLE-2");
      await svc.waitForBatch(brand.apiKey, other.id);
      const serial = (await storedItems(svc.ctx.store, other.id as Hex))[0]!.serial;
      const recalled = await svc.api("POST", `/api/v1/batches/${other.id}/status`, { key: brand.apiKey, body: { status: "stolen" } });
      expect(recalled.status, JSON.stringify(recalled.body)).to.equal(200);
      const stolen = await svc.api("POST", `/api/v1/batches/${other.id}/items/${serial}/status`, { key: brand.apiKey, body: { status: "destroyed" } });
      expect(stolen.status, JSON.stringify(stolen.body)).to.equal(200);

      await page.reload();
      await page.locator("#console").waitFor({ state: "visible" });
      for (const [lot, batchStatus, row] of [
        ["L-CONSOLE-2", "stolen", [serial, "destroyed", String(stolen.body.blockNumber)]],
        [LOT, "recalled", undefined],
      ] as const) {
        await page.getByRole("button", { name: `Manage batch ${lot}` }).click();
        await page.locator(`#chain-status[data-status='${batchStatus}']`).waitFor();
        if (row) {
          await page.locator("#item-status-rows tr").first().waitFor();
          expect(await page.locator("#item-status-rows tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((cell) => cell.textContent)))).to.deep.equal([row]);
        }
      }
      expect(await page.locator("#item-status-rows tr").count()).to.equal(1);
      expect(await page.locator("#status-log li").count(), "the tab's own log starts empty after a reload").to.equal(0);
      await screenshot("statuses-after-reload");
    });
  });

  describe("signing out", function () {
    it("forgets the key: a reload asks for it again", async function () {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.locator("#sign-in").waitFor({ state: "visible" });
      expect(await page.evaluate(() => sessionStorage.getItem("veritrace.console.apiKey"))).to.equal(null);
      await page.reload();
      await page.locator("#sign-in").waitFor({ state: "visible" });
      expect(await page.locator("#console").isHidden()).to.equal(true);
    });
  });

  // In a suite of its own: mocha runs a suite's own tests before its nested suites.
  describe("throughout", function () {
    it("loaded nothing from any other host", function () {
      expect(offHostRequests).to.deep.equal([]);
    });
  });
});
