/**
 * The verifier page in a real browser (Debian's Chromium, driven by playwright-core), its camera fed real
 * printed labels (the service's own PNG label download) through Chromium's fake video capture, against the
 * real service and a real chain (anvil) that the page reads itself over HTTP. What a shopper relies on: the
 * verdict the page shows, and that no lying service can turn a fake into GENUINE.
 */
import { mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Browser, BrowserContext, Page } from "playwright-core";
import QRCode from "qrcode";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { forgedLabel } from "../helpers/forged-label.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";
import { decodeQrPng } from "../helpers/qr.ts";
import { unzip } from "../helpers/zip.ts";
import { writeY4m } from "../helpers/y4m.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output", "verifier");
const GTIN = "09506000134352";
const LOT = "L-VERIFY-1";
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const SYDNEY = { latitude: -33.8688, longitude: 151.2093 };

type Label = { serial: string; uri: string; png: Buffer };

describe("verifier page (Chromium, real chain over HTTP)", function () {
  this.timeout(120_000);
  let stack: HttpStack;
  let brand: Awaited<ReturnType<HttpStack["newBrand"]>>;
  let batch: any;
  let network: { chainId: number; registry: `0x${string}`; rpcUrl: string };
  /** The batch's labels, in serial order; each scenario uses its own item so that their scan logs stay apart. */
  let labels: Label[];
  let cameraDir: string;
  const browsers: Browser[] = [];

  /** A browser whose camera films this PNG. */
  const cameraOn = async (name: string, png: Buffer) => {
    const file = path.join(cameraDir, `${name}.y4m`);
    await writeY4m(png, file);
    const browser = await launchChromium(file);
    browsers.push(browser);
    return browser;
  };
  const mobilePage = async (target: Browser | BrowserContext) =>
    "newContext" in target ? (await target.newContext({ viewport: { width: 360, height: 740 } })).newPage() : target.newPage();
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const verdictOf = async (page: Page) => {
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return page.locator("#result").getAttribute("data-verdict");
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();
  const scanWithCamera = async (page: Page, query = "") => {
    await page.goto(`${stack.url}/verify${query}`);
    await page.getByRole("button", { name: "Scan with camera" }).click();
    return verdictOf(page);
  };
  const pasteLink = async (page: Page, uri: string) => {
    await page.goto(`${stack.url}/verify`);
    await page.getByLabel("Or paste the link from the label").fill(uri);
    await page.getByRole("button", { name: "Check link" }).click();
  };

  before(async function () {
    await buildApp();
    // The phones below reach the service from different networks through a proxy on this machine.
    stack = await startHttpStack({ TRUSTED_PROXIES: "loopback" });
    brand = await stack.newBrand("Acme Verifier");
    batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: LOT, expiry: "271231", quantity: 8 });
    const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: brand.apiKey });
    if (download.status !== 200) throw new Error(`label download failed: ${download.status}`);
    labels = [...(await unzip(download.body))].map(([file, png]) => ({ serial: file.replace(/\.png$/, ""), uri: decodeQrPng(png), png }));
    labels.sort((a, b) => a.serial.localeCompare(b.serial));
    network = (await stack.api("GET", "/api/v1/network")).body;
    cameraDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-camera-"));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });

  after(async function () {
    for (const browser of browsers) await browser.close();
    await stack?.close();
  });

  describe("scanning a genuine label with the camera", function () {
    let browser: Browser;
    before(async function () {
      browser = await cameraOn("genuine", labels[0]!.png);
    });

    it("shows GENUINE with the item's record and the chain and RPC it checked against", async function () {
      const page = await mobilePage(browser);
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      expect(await scanWithCamera(page)).to.equal("GENUINE");
      expect(await text(page, "#verdict-word")).to.equal("Genuine");
      expect(await page.locator("#verdict-icon svg").getAttribute("data-icon")).to.equal("ok");
      // The registration is the chain's own BatchRegistered event, read by the page after the verdict.
      await page.locator(".registration", { hasText: batch.transactionHash }).waitFor({ state: "attached" });
      const facts = await text(page, "#verdict-facts");
      // The brand's name and country are the chain's, as the registrar admitted it.
      expect(facts).to.contain("Signed by brandAcme Verifier").and.to.contain("GS1 company prefix 9506000");
      expect(facts).to.contain(GTIN).and.to.contain(LOT).and.to.contain(labels[0]!.serial);
      expect(facts).to.contain("December 31, 2027").and.to.contain("Active");
      expect(facts).to.contain("First sale").and.to.contain("Not recorded yet");
      const checked = await text(page, "#checked-against");
      expect(checked).to.contain(`chain ${network.chainId}`).and.to.contain(network.registry).and.to.contain(stack.rpcUrl);
      expect(checked).to.contain("named by the trusted deployment");
      // The page itself read the chain, through its trust root's node, and took no verdict or name from the service.
      expect(requests.some((url) => url.startsWith(stack.rpcUrl))).to.equal(true);
      expect(requests.some((url) => url.includes("/api/v1/verify?"))).to.equal(false);
      // Nothing from a third-party host: the service, its decoder wasm, and the RPC only.
      expect(requests.filter((url) => !url.startsWith(stack.url) && !url.startsWith(stack.rpcUrl) && !url.startsWith("data:"))).to.deep.equal([]);
      expect(requests).to.include(`${stack.url}/verify/zxing_reader.wasm`);
      await screenshot(page, "genuine");
      await page.context().close();
    });

    it("moves focus to the verdict and announces it to screen readers", async function () {
      const page = await mobilePage(browser);
      await scanWithCamera(page);
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal("result");
      await page.locator("#notice", { hasText: "Genuine." }).waitFor();
      expect(await page.locator("#notice").getAttribute("aria-live")).to.equal("polite");
      await page.context().close();
    });

    it("still scans with jsQR when the WebAssembly decoder cannot be loaded", async function () {
      const page = await mobilePage(browser);
      await page.route("**/zxing_reader.wasm", (route) => route.abort());
      expect(await scanWithCamera(page)).to.equal("GENUINE");
      expect(await page.evaluate(() => performance.getEntriesByName("verifier:scan-to-verdict").length)).to.equal(1);
      await page.context().close();
    });

    it("gives its verdict and says so when the scan log cannot be reached", async function () {
      const page = await mobilePage(browser);
      await page.route("**/api/v1/scans", (route) => route.abort());
      expect(await scanWithCamera(page)).to.equal("GENUINE");
      expect(await text(page, "#verdict-facts")).to.contain("Unavailable: the scan log could not be reached");
      await page.context().close();
    });
  });

  describe("a label signed with someone else's key", function () {
    it("shows COUNTERFEIT, with the report details to give the brand", async function () {
      const real = labels[1]!;
      const { code } = (await stack.api("GET", `/api/v1/proof?code=${encodeURIComponent(real.uri)}`)).body;
      const forged = forgedLabel({ base: stack.url, code, chainId: network.chainId, registry: network.registry });
      expect(decodeQrPng(forged.png)).to.equal(forged.uri);
      const page = await mobilePage(await cameraOn("forged", forged.png));
      expect(await scanWithCamera(page)).to.equal("COUNTERFEIT");
      expect(await page.locator("#verdict-icon svg").getAttribute("data-icon")).to.equal("counterfeit");
      expect(await page.locator("#verdict-reasons li").first().getAttribute("data-code")).to.equal("SIGNER_NOT_REGISTERED");
      expect(await text(page, "#next-steps")).to.contain("report the suspected fake to the brand");
      expect(await text(page, "#report-details")).to.contain(real.serial).and.to.contain(LOT);
      // Its longest verdict word and the long link still fit a 360 px phone without sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
      await screenshot(page, "counterfeit-forged-signature");
    });
  });

  describe("a recalled item", function () {
    it("shows REVOKED, saying the brand recalled it", async function () {
      const recalled = labels[2]!;
      const res = await stack.api("POST", `/api/v1/batches/${batch.id}/items/${recalled.serial}/status`, { key: brand.apiKey, body: { status: "recalled" } });
      expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
      const page = await mobilePage(await cameraOn("recalled", recalled.png));
      expect(await scanWithCamera(page)).to.equal("REVOKED");
      expect(await page.locator("#verdict-reasons li").first().getAttribute("data-code")).to.equal("ITEM_RECALLED");
      expect(await text(page, "#verdict-facts")).to.contain("item recalled");
      await screenshot(page, "revoked-recalled");
    });
  });

  describe("the same code scanned in Paris, then in Sydney a moment later", function () {
    it("shows SUSPICIOUS on the second device", async function () {
      const cloned = labels[3]!;
      const browser = await cameraOn("cloned", cloned.png);
      // Each place is also seen by a phone on a third and fourth network (posted through the API): impossible
      // travel needs each of its two places corroborated by another network, so that no one network can
      // invent the second place. The browser's Paris scan alone then sees one place; its Sydney scan, both.
      for (const [where, network] of [[PARIS, "192.0.2.7"], [SYDNEY, "198.18.0.9"]] as const) {
        const headers = { "x-forwarded-for": network };
        const { sessionId } = (await stack.api("POST", "/api/v1/sessions", { headers })).body;
        const scan = await stack.api("POST", "/api/v1/scans", { headers, body: { code: cloned.uri, sessionId, location: where } });
        expect(scan.body, JSON.stringify(scan.body)).to.include({ counted: true });
      }
      // Two phones on two more networks, each sharing its location.
      const scanFrom = async (where: typeof PARIS, network: string) => {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, geolocation: where, permissions: ["geolocation"] });
        const page = await context.newPage();
        await page.route(`${stack.url}/api/v1/**`, (route) => route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": network } }));
        await page.goto(`${stack.url}/verify`);
        await page.getByLabel("Share my approximate location with the scan").check();
        const sent = page.waitForRequest((request) => request.url().endsWith("/api/v1/scans"));
        const verdict = await scanWithCamera(page);
        return { page, verdict, body: (await sent).postDataJSON() };
      };
      const paris = await scanFrom(PARIS, "198.51.100.7");
      expect(paris.verdict).to.equal("GENUINE");
      // Rounded before it leaves the device.
      expect(paris.body.location).to.deep.equal({ latitude: 48.9, longitude: 2.4 });
      const sydney = await scanFrom(SYDNEY, "203.0.113.9");
      expect(sydney.body.sessionId).to.not.equal(paris.body.sessionId);
      expect(sydney.verdict).to.equal("SUSPICIOUS");
      expect(await sydney.page.locator("#verdict-icon svg").getAttribute("data-icon")).to.equal("warn");
      expect(await text(sydney.page, "#verdict-facts")).to.contain("Unusual");
      await screenshot(sydney.page, "suspicious-paris-sydney");
    });
  });

  describe("a service that lies about the Merkle proof, with the chain honest", function () {
    let browser: Browser;
    before(async function () {
      browser = await cameraOn("genuine-2", labels[4]!.png);
    });

    const withServedProof = async (proof: (real: `0x${string}`[]) => `0x${string}`[] | Promise<`0x${string}`[]>) => {
      const page = await mobilePage(browser);
      await page.route("**/api/v1/proof?**", async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        await route.fulfill({ response, json: { ...body, proof: await proof(body.proof) } });
      });
      return page;
    };

    it("shows COUNTERFEIT when it serves another item's proof", async function () {
      const other = (await stack.api("GET", `/api/v1/proof?code=${encodeURIComponent(labels[5]!.uri)}`)).body.proof;
      const page = await withServedProof(() => other);
      expect(await scanWithCamera(page)).to.equal("COUNTERFEIT");
      const reason = page.locator("#verdict-reasons li").first();
      expect(await reason.getAttribute("data-code")).to.equal("NOT_IN_BATCH");
      await screenshot(page, "counterfeit-lying-proof");
    });

    it("shows COUNTERFEIT when it serves a made-up proof", async function () {
      const page = await withServedProof((real) => real.map((_, i) => `0x${String(i + 1).padStart(64, "a")}` as `0x${string}`));
      expect(await scanWithCamera(page)).to.equal("COUNTERFEIT");
    });
  });

  describe("when the chain cannot be reached", function () {
    it("says the signature is valid but not yet checked on chain, then checks it once back online", async function () {
      const context = await (await launchChromium()).newContext({ viewport: { width: 360, height: 740 } });
      browsers.push(context.browser()!);
      const page = await context.newPage();
      // An earlier online check on this device taught it the brand's signer.
      await pasteLink(page, labels[6]!.uri);
      expect(await verdictOf(page)).to.equal("GENUINE");

      const rpcOrigin = new URL(stack.rpcUrl).origin;
      const toRpc = (url: URL) => url.origin === rpcOrigin;
      await context.route(toRpc, (route) => route.abort("internetdisconnected"));
      await pasteLink(page, labels[7]!.uri);
      expect(await verdictOf(page)).to.equal("UNVERIFIED");
      expect(await text(page, "#verdict-summary")).to.match(/^The brand's signature on the label is right, but the public record could not be reached/);
      expect(await text(page, "#verdict-reasons")).to.contain(brand.signer);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
      await screenshot(page, "offline-signature-valid");

      await context.unroute(toRpc);
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await page.locator('#result[data-verdict="GENUINE"]').waitFor({ timeout: 20_000 });
      await screenshot(page, "offline-rechecked");
    });
  });

  describe("other ways in", function () {
    let page: Page;
    before(async function () {
      const browser = await launchChromium();
      browsers.push(browser);
      page = await mobilePage(browser);
    });

    it("checks a photo of the label", async function () {
      await page.goto(`${stack.url}/verify`);
      await page.getByLabel("Or choose a photo of the label").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: labels[0]!.png });
      expect(await verdictOf(page)).to.equal("GENUINE");
      expect(await text(page, "#verdict-facts")).to.contain(labels[0]!.serial);
    });

    it("checks a pasted link", async function () {
      await pasteLink(page, labels[1]!.uri);
      expect(await verdictOf(page)).to.equal("GENUINE");
    });

    it("checks the code the resolver redirects with (/verify?code=)", async function () {
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[2]!.uri)}`);
      expect(await verdictOf(page)).to.equal("REVOKED");
    });

    it("says clearly that a QR code which is not a Veritrace code is not one", async function () {
      await page.goto(`${stack.url}/verify`);
      const png = await QRCode.toBuffer("WIFI:S:CoffeeShop;T:WPA;P:hunter2;;", { width: 400 });
      await page.getByLabel("Or choose a photo of the label").setInputFiles({ name: "wifi.png", mimeType: "image/png", buffer: png });
      await page.locator("#not-a-code").waitFor({ state: "visible" });
      expect(await text(page, "#not-a-code")).to.contain("This QR code is not a Veritrace product code").and.to.contain("WIFI:S:CoffeeShop");
      expect(await page.locator("#result").isHidden()).to.equal(true);
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal("not-a-code");
      await screenshot(page, "not-a-veritrace-code");
    });

    it("says so when a photo holds no QR code at all", async function () {
      await page.goto(`${stack.url}/verify`);
      await page.getByLabel("Or choose a photo of the label").setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: await blankPng() });
      await page.locator("#photo-error").waitFor({ state: "visible" });
      expect(await text(page, "#photo-error")).to.contain("No QR code could be read in this photo");
    });
  });
});

/** A white picture: a photo that missed the label. */
async function blankPng(): Promise<Buffer> {
  const { PNG } = await import("pngjs");
  const image = new PNG({ width: 200, height: 200 });
  image.data.fill(255);
  return PNG.sync.write(image);
}
