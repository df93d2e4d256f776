/**
 * The verifier's customs mode and the custody path on the result card, in a real browser (Debian's
 * Chromium) whose fake camera films real printed labels one after another, against the real service and a
 * real chain (anvil) the page reads itself. What an officer relies on: each label classed as the server's
 * manifest check classes it, told by sight and sound, a label held in view counted once, the report agreeing
 * with the page, and the outcome landing on chain; what a shopper sees: where the item has been.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { shipmentRegistryAbi } from "../../core/abi/index.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { forgedLabel } from "../helpers/forged-label.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";
import { decodeQrPng } from "../helpers/qr.ts";
import { unzip } from "../helpers/zip.ts";
import { writeY4m, writeY4mSequence, type Y4mShot } from "../helpers/y4m.ts";

const OUTPUT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output", "customs");
const GTIN = "09506000134352";
const LOT = "L-CUSTOMS-1";
/** The film's frame rate: a label held for 4 frames is in view for a second. */
const FPS = 4;

type Label = { serial: string; uri: string; png: Buffer };

/** Counts the page's tones: each oscillator started, by frequency (the Web Audio API itself still plays). */
const RECORD_TONES = () => {
  const played: number[] = [];
  (window as unknown as { tones: number[] }).tones = played;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    played.push(this.frequency.value);
    return start.call(this, when);
  };
};

describe("verifier customs mode (Chromium, fake camera, real chain over HTTP)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let labels: Label[];
  let forged: { uri: string; png: Buffer };
  let shipmentId: Hex;
  let officeKey: string;
  let shipmentRegistry: Address;
  let cameraDir: string;
  const browsers: Browser[] = [];

  const cameraOn = async (file: string) => {
    const browser = await launchChromium(file);
    browsers.push(browser);
    return browser;
  };
  const mobilePage = async (browser: Browser) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
    await context.addInitScript(RECORD_TONES);
    return context.newPage();
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
  const count = async (page: Page, cls: string) => Number(await text(page, `#tally li[data-class="${cls}"] .tally-count`));
  const signIn = async (page: Page, key: string) => {
    await page.getByLabel("The office's API key").fill(key);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  const openShipment = async (page: Page, id: string) => {
    await page.getByLabel("Shipment id").fill(id);
    await page.getByRole("button", { name: "Open shipment" }).click();
  };
  const readyToScan = async (page: Page) => {
    await page.goto(`${stack.url}/verify/customs`);
    await signIn(page, officeKey);
    await openShipment(page, shipmentId);
    await page.locator("#inspect").waitFor({ state: "visible" });
  };
  const scanned = (page: Page, total: number) => page.locator("#tally-total", { hasText: new RegExp(`^${total}$`) }).waitFor({ timeout: 60_000 });
  const readShipment = () =>
    createPublicClient({ transport: http(stack.rpcUrl) }).readContract({ address: shipmentRegistry, abi: shipmentRegistryAbi, functionName: "getShipment", args: [shipmentId] });

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    const brand = await stack.newBrand("Acme Customs");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: LOT, expiry: "271231", quantity: 6 });
    const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: brand.apiKey });
    labels = [...(await unzip(download.body))].map(([file, png]) => ({ serial: file.replace(/\.png$/, ""), uri: decodeQrPng(png), png }));
    labels.sort((a, b) => a.serial.localeCompare(b.serial));

    // Shipped: items 0, 1 and 2. Item 2 is then recalled; items 3 to 5 stay at the factory.
    const consignee = privateKeyToAddress(generatePrivateKey());
    const shipment = await stack.api("POST", "/api/v1/shipments", {
      key: brand.apiKey,
      body: { waybill: "WB-CUSTOMS-1", consignee, origin: "CN", destination: "NL", codes: labels.slice(0, 3).map((label) => label.uri) },
    });
    expect(shipment.status, JSON.stringify(shipment.body)).to.equal(201);
    shipmentId = shipment.body.shipment.id;
    const recall = await stack.api("POST", `/api/v1/batches/${batch.id}/items/${labels[2]!.serial}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    expect(recall.status, JSON.stringify(recall.body)).to.be.oneOf([200, 201]);

    const office = await stack.api("POST", "/api/v1/customs-offices", { key: stack.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } });
    expect(office.status, JSON.stringify(office.body)).to.equal(201);
    officeKey = office.body.apiKey;

    const network = (await stack.api("GET", "/api/v1/network")).body;
    shipmentRegistry = network.shipmentRegistry;
    const { code } = (await stack.api("GET", `/api/v1/proof?code=${encodeURIComponent(labels[4]!.uri)}`)).body;
    forged = forgedLabel({ base: stack.url, code, chainId: network.chainId, registry: network.registry });

    cameraDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-customs-camera-"));
    await mkdir(OUTPUT_DIR, { recursive: true });
  });

  after(async function () {
    for (const browser of browsers) await browser.close();
    await stack?.close();
  });

  describe("signing in and opening a shipment", function () {
    let page: Page;
    before(async function () {
      page = await mobilePage(await cameraOn(await stillCamera(labels[1]!.png)));
    });

    it("says in words that a key is not valid, or not a customs office's", async function () {
      await page.goto(`${stack.url}/verify/customs`);
      await signIn(page, "vt_not-a-real-key");
      await page.locator("#sign-in-error").waitFor({ state: "visible" });
      expect(await text(page, "#sign-in-error")).to.contain("This API key is not valid");
      const brand = await stack.newBrand("Acme Not Customs");
      await signIn(page, brand.apiKey);
      await page.locator("#sign-in-error", { hasText: "does not belong to a customs office" }).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem("veritrace.customs.apiKey"))).to.equal(null);
    });

    it("names the office once signed in, keeps the key in this tab only, and refuses an unknown shipment", async function () {
      await signIn(page, officeKey);
      await page.locator("#office-name", { hasText: "Rotterdam customs (NL)" }).waitFor();
      expect(await page.evaluate(() => [sessionStorage.getItem("veritrace.customs.apiKey"), Object.keys(localStorage).join()])).to.deep.equal([officeKey, ""]);
      await openShipment(page, "0x1234");
      expect(await text(page, "#shipment-error")).to.contain("64 hex digits");
      await openShipment(page, `0x${"ab".repeat(32)}`);
      await page.locator("#shipment-error", { hasText: "No shipment with this id" }).waitFor();
      await openShipment(page, shipmentId);
      await page.locator("#inspect").waitFor({ state: "visible" });
      const facts = await page.locator("#shipment-facts dd").allTextContents();
      expect(facts.slice(0, 4)).to.deep.equal(["WB-CUSTOMS-1", "China (CN) → Netherlands (NL)", "3", "Acme Customs"]);
      await screenshot(page, "shipment-open");
    });

    it("counts a label held in view once, undoes it, and stays silent when muted", async function () {
      await page.getByRole("button", { name: "Mute" }).click();
      expect(await page.locator("#mute").getAttribute("aria-pressed")).to.equal("true");
      await page.getByRole("button", { name: "Start scanning" }).click();
      await scanned(page, 1);
      expect(await count(page, "declared")).to.equal(1);
      // The label stays in front of the camera for three more seconds: still one scan.
      await page.waitForTimeout(3_000);
      expect(await text(page, "#tally-total")).to.equal("1");
      expect(await page.evaluate(() => (window as unknown as { tones: number[] }).tones)).to.deep.equal([]);
      await page.getByRole("button", { name: "Undo last" }).click();
      await scanned(page, 0);
      expect(await count(page, "declared")).to.equal(0);
      await page.locator("#notice", { hasText: "Removed scan 1 (Declared)" }).waitFor();
      await page.getByRole("button", { name: "Finish" }).click();
      await page.locator("#alert", { hasText: "Nothing has been scanned yet" }).waitFor();
    });
  });

  describe("scanning a shipment's goods one after another", function () {
    let page: Page;
    let shownAt: number;
    let filmSeconds: number;
    let classedAt: number;
    before(async function () {
      // Declared, not in the shipment, forged, recalled, then the first label again after it left the view;
      // a long empty view at the end, so the film does not loop back to the first label before Finish.
      const film: Y4mShot[] = [labels[0]!.png, labels[3]!.png, forged.png, labels[2]!.png, labels[0]!.png].flatMap((png) => [
        { png, frames: FPS },
        { frames: FPS },
      ]);
      film.push({ frames: 4 * FPS });
      filmSeconds = film.reduce((sum, shot) => sum + shot.frames, 0) / FPS;
      const file = path.join(cameraDir, "shipment.y4m");
      await writeY4mSequence(film, file, { fps: FPS });
      page = await mobilePage(await cameraOn(file));
      await readyToScan(page);
      await page.getByRole("button", { name: "Start scanning" }).click();
      shownAt = Date.now();
      await scanned(page, 5);
      classedAt = Date.now();
    });

    it("classes each label as core's rule does, in scan order, with a word, an icon and a colour", async function () {
      const log = await page.locator("#scan-log li").evaluateAll((items) => items.map((li) => li.getAttribute("data-class")).reverse());
      expect(log).to.deep.equal(["declared", "undeclared", "counterfeit", "revoked", "duplicate"]);
      for (const cls of ["declared", "undeclared", "counterfeit", "revoked", "duplicate"]) expect(await count(page, cls), cls).to.equal(1);
      expect(await count(page, "unverified")).to.equal(0);
      expect(await page.locator("#cue").getAttribute("data-class")).to.equal("duplicate");
      expect(await text(page, "#cue")).to.equal("↺Scanned twice");
      expect(await page.locator("#cue-live").getAttribute("aria-live")).to.equal("assertive");
      expect(await text(page, "#cue-live")).to.equal("Scanned twice: scanned twice. 5 scanned.");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
      await screenshot(page, "scanning-tally");
    });

    it("sounds one high beep for a declared item and a low double tone for each problem", async function () {
      const tones = await page.evaluate(() => (window as unknown as { tones: number[] }).tones);
      expect(tones).to.deep.equal([1320, 220, 220, 220, 220, 220, 220, 660, 660, 660]);
    });

    it("measures how many codes a minute the page classes from the camera", async function () {
      const checks = await page.locator("#scan-log li").evaluateAll((items) => items.map((li) => Number(li.getAttribute("data-check-ms"))));
      const mean = checks.reduce((sum, ms) => sum + ms, 0) / checks.length;
      const figures = {
        codes: checks.length,
        checkMsPerCode: checks,
        meanCheckMs: Math.round(mean),
        // One code at a time, the officer waiting for each cue; codes are checked side by side, so faster in practice.
        codesPerMinuteOneAtATime: Math.round(60_000 / mean),
        filmSeconds,
        // The fifth label comes into view 8 s into the film: the rest is the camera and the check.
        secondsFromStartToFifthClass: (classedAt - shownAt) / 1000,
      };
      console.log(`      customs scan rate: ${JSON.stringify(figures)}`);
      await writeFile(path.join(OUTPUT_DIR, "scan-rate.json"), `${JSON.stringify(figures, null, 2)}\n`);
      expect(mean).to.be.below(5_000);
    });

    it("finishes with the service's report equal to the page's tally, and offers the report files", async function () {
      await page.getByRole("button", { name: "Finish" }).click();
      await page.locator("#report").waitFor({ state: "visible" });
      for (const cls of ["declared", "undeclared", "counterfeit", "revoked", "duplicate", "unverified"]) {
        const row = page.locator(`#compare-body tr[data-class="${cls}"]`);
        const pageCount = await text(page, `#compare-body tr[data-class="${cls}"] td[data-side="page"]`);
        expect(await text(page, `#compare-body tr[data-class="${cls}"] td[data-side="service"]`), cls).to.equal(pageCount);
        expect(await row.getAttribute("class")).to.equal(null);
      }
      expect(await text(page, "#report-agreement")).to.contain("agrees");
      expect(await text(page, "#report-status")).to.contain("5 codes checked");
      expect(await page.locator("#actions").isHidden()).to.equal(true);
      const downloaded = page.waitForEvent("download");
      await page.getByRole("button", { name: "CSV" }).click();
      const csv = await downloaded;
      expect(csv.suggestedFilename()).to.match(/^inspection-.*\.csv$/);
      const body = (await import("node:fs")).readFileSync((await csv.path())!, "utf8");
      expect(body).to.contain(labels[0]!.serial).and.to.contain("duplicate").and.to.contain("counterfeit");
      await screenshot(page, "report");
    });

    it("records the seizure on chain after a confirmation, and reads it back from the chain", async function () {
      await page.getByRole("button", { name: "Record seized on chain" }).click();
      const dialog = page.locator("#confirm-dialog");
      await dialog.waitFor({ state: "visible" });
      expect(await text(page, "#confirm-body")).to.contain("cannot be undone");
      await dialog.getByRole("button", { name: "Record seized", exact: true }).click();
      await page.locator('#record-status[data-recorded="seized"]').waitFor({ timeout: 60_000 });
      await page.locator('#record-status .on-chain[data-seized="true"]').waitFor({ timeout: 30_000 });
      const onChain = await readShipment();
      expect(onChain.seized).to.equal(true);
      expect(onChain.inspections).to.equal(1);
      await screenshot(page, "recorded-seized");
    });
  });

  describe("when the chain cannot be reached", function () {
    let page: Page;
    it("says so, and counts the scan as not checked rather than guessing", async function () {
      page = await mobilePage(await cameraOn(await stillCamera(labels[1]!.png, "still-2")));
      const rpcOrigin = new URL(stack.rpcUrl).origin;
      await page.context().route((url) => url.origin === rpcOrigin, (route) => route.abort("internetdisconnected"));
      await readyToScan(page);
      expect(await text(page, "#shipment-warning")).to.contain("The blockchain could not be read");
      await page.getByRole("button", { name: "Start scanning" }).click();
      await scanned(page, 1);
      expect(await count(page, "unverified")).to.equal(1);
      expect(await text(page, "#cue-word")).to.equal("Not checked");
      expect(await text(page, "#chain-problem")).to.contain("could not be reached");
      await screenshot(page, "chain-unreachable");
    });

    it("warns when the service's report, checked against the chain, differs from the page's tally", async function () {
      await page.getByRole("button", { name: "Finish" }).click();
      await page.locator("#report").waitFor({ state: "visible" });
      expect(await page.locator('#compare-body tr[data-class="unverified"]').getAttribute("class")).to.equal("differs");
      expect(await text(page, '#compare-body tr[data-class="declared"] td[data-side="service"]')).to.equal("1");
      expect(await text(page, "#report-agreement")).to.contain("Warning: the service's report differs from this page's own checks");
      await screenshot(page, "report-differs");
    });
  });

  describe("the custody path on the consumer's result card", function () {
    let page: Page;
    before(async function () {
      const browser = await launchChromium();
      browsers.push(browser);
      page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    });

    it("shows the batch, the shipment with its declaration checked on chain by the page, and the seizure", async function () {
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[0]!.uri)}`);
      await page.locator('#result[data-verdict="GENUINE"]').waitFor({ timeout: 30_000 });
      await page.locator("#custody").waitFor({ state: "visible" });
      const shipment = page.locator(`#custody li[data-shipment="${shipmentId}"]`);
      expect(await text(page, "#custody h4")).to.equal("CN → NL, waybill WB-CUSTOMS-1");
      await shipment.locator('.declaration[data-check="ok"]').waitFor();
      expect(await text(page, "#custody .declaration")).to.contain("Declaration confirmed on chain");
      const seizure = shipment.locator("li.seizure");
      expect(await seizure.count()).to.equal(1);
      expect(await text(page, "#custody li.seizure")).to.contain("Rotterdam customs").and.to.contain("SEIZED");
      expect(await text(page, "#custody")).to.contain(`Lot ${LOT}`).and.to.contain("registered on chain");
      // The page asked the chain itself whether the item is in the shipment (isDeclared through the RPC).
      expect(requests.some((url) => url.startsWith(stack.rpcUrl))).to.equal(true);
      await page.locator("#custody").scrollIntoViewIfNeeded();
      await screenshot(page, "consumer-custody");
    });

    it("marks a declaration the chain does not confirm", async function () {
      await page.route("**/api/v1/items/custody?**", async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        for (const s of body.shipments) s.declaration.proof = [`0x${"11".repeat(32)}`];
        await route.fulfill({ response, json: body });
      });
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[1]!.uri)}`);
      await page.locator('#custody .declaration[data-check="failed"]').waitFor({ timeout: 30_000 });
      expect(await text(page, "#custody .declaration")).to.contain("does NOT confirm");
      await page.unroute("**/api/v1/items/custody?**");
    });

    it("says an item that never shipped was declared in no shipment", async function () {
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[5]!.uri)}`);
      await page.locator("#custody", { hasText: "Not declared in any shipment" }).waitFor({ timeout: 30_000 });
    });
  });

  /** A camera filming one label, still. */
  async function stillCamera(png: Buffer, name = "still"): Promise<string> {
    const file = path.join(cameraDir, `${name}.y4m`);
    await writeY4m(png, file);
    return file;
  }
});
