/**
 * The verifier page with no network at all: the device offline and the chain's RPC cut, in Chromium, against
 * the real service and a real chain. What a shopper in a shop with no signal relies on: the page opens (from
 * the address it was opened at, or from a label's link), a label signed by a key the brand removed never
 * reads like a good one, and every check made offline is checked again, and shown, once the page is back.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { getAddress } from "viem";
import { buildApp } from "../../scripts/build-app.ts";
import { REASON_COPY } from "../../app/verifier/verdict-copy.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { forgedLabel } from "../helpers/forged-label.ts";
import { gtinIn } from "../helpers/prefixes.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";
import { decodeQrPng } from "../helpers/qr.ts";
import { unzip } from "../helpers/zip.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output", "verifier");

describe("verifier page offline (Chromium, network and RPC cut)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let browser: Browser;
  let network: { chainId: number; registry: `0x${string}` };

  /** A confirmed batch's label links, in serial order. */
  const labelsOf = async (apiKey: string, body: Record<string, unknown>) => {
    const batch = await stack.confirmedBatch(apiKey, body);
    const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: apiKey });
    if (download.status !== 200) throw new Error(`label download failed: ${download.status}`);
    const labels = [...(await unzip(download.body))].map(([file, png]) => ({ serial: file.replace(/\.png$/, ""), uri: decodeQrPng(png) }));
    return { batch, labels: labels.sort((a, b) => a.serial.localeCompare(b.serial)) };
  };
  const newPage = async () => (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
  const verdictOf = async (page: Page) => {
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return page.locator("#result").getAttribute("data-verdict");
  };
  /** Pastes a link into the page already open, as a shopper with no network can. */
  const paste = async (page: Page, uri: string) => {
    if (await page.locator("#result").isVisible()) await page.getByRole("button", { name: "Check another product" }).click();
    await page.getByLabel("Or paste the link from the label").fill(uri);
    const answered = page.waitForFunction(
      (expected) => document.getElementById("result")?.hidden === false && document.title !== expected,
      "Checking this label… | Veritrace",
    );
    await page.getByRole("button", { name: "Check link" }).click();
    await answered;
    return verdictOf(page);
  };
  const leadingCode = async (page: Page) => page.locator("#verdict-reasons li").nth(1).getAttribute("data-code");
  /** No network at all: the device offline, and the chain's RPC refused even if the browser tried it. */
  const cutEverything = async (context: BrowserContext) => {
    await context.route(
      (url) => url.origin === new URL(stack.rpcUrl).origin,
      (route) => route.abort("internetdisconnected"),
    );
    await context.setOffline(true);
  };
  const restore = async (context: BrowserContext) => {
    await context.unrouteAll();
    await context.setOffline(false);
  };
  /** Both of the page's workers, the verifier's and the label links', installed and in charge. */
  const workersReady = async (page: Page) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(100)) {
      const scopes = await page.evaluate(async () =>
        (await navigator.serviceWorker.getRegistrations())
          .filter((registration) => registration.active?.state === "activated")
          .map((registration) => registration.scope),
      );
      if (scopes.length === 2) return scopes.sort();
    }
    throw new Error("the verifier's two service workers were not both activated within 30 s");
  };

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    network = (await stack.api("GET", "/api/v1/network")).body;
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  describe("a label signed with a key the brand has removed", function () {
    it("never gets the good headline offline, even for a lot the brand never made, and says why", async function () {
      const brand = await stack.newBrand("Acme Leaked Key");
      const gtin = gtinIn(brand.prefixes[0]!);
      const { labels } = await labelsOf(brand.apiKey, { gtin, lot: "L-BEFORE", expiry: "271231", quantity: 2 });
      // The key leaks, and the brand removes it: a counterfeiter can still sign lots the brand never made.
      const account = await stack.ctx.store.getAccount(getAddress(brand.signer));
      const stolenKey = stack.ctx.vault.open(account!.address, account!.encryptedKey);
      // The registry counts seconds: a removal mined in the second its batch was anchored cannot be told from
      // one before it, and reads REVOKED. Let the chain's clock pass, as it does between a batch and a leak.
      await stack.ctx.chain.client.request({ method: "evm_increaseTime", params: [2] } as never);
      const removed = await stack.api("DELETE", `/api/v1/signers/${brand.signer}`, { key: brand.apiKey });
      expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
      const invented = (lot: string) =>
        forgedLabel({ base: stack.url, code: { gtin, lot, serial: "S-1" }, chainId: network.chainId, registry: network.registry, key: stolenKey }).uri;

      const page = await newPage();
      await page.goto(`${stack.url}/verify`);
      // Online, the page sees the chain report the key removed: its own lot, anchored before, still counts ...
      expect(await paste(page, labels[0]!.uri)).to.equal("GENUINE");
      // ... and an invented lot signed with it is a fake.
      expect(await paste(page, invented("L-INVENTED-1"))).to.equal("COUNTERFEIT");

      await cutEverything(page.context());
      expect(await paste(page, invented("L-INVENTED-2"))).to.equal("UNVERIFIED");
      expect(await leadingCode(page)).to.equal("SIGNER_REMOVED_OFFLINE");
      const summary = await text(page, "#verdict-summary");
      expect(summary).to.not.equal(REASON_COPY.SIGNATURE_VALID_OFFLINE.headline(undefined));
      expect(summary)
        .to.match(/^This label was signed with a key the brand withdrew on \w+ \d+, \d{4}\./)
        .and.to.contain("may be a fake made with the old key");
      expect(await text(page, "#next-steps-body")).to.equal(REASON_COPY.SIGNER_REMOVED_OFFLINE.whatToDo);
      expect(await text(page, "#verdict-reasons"))
        .to.contain('"Acme Leaked Key" removed on')
        .and.to.not.contain("a known signer");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
      await screenshot(page, "offline-removed-key");

      // A label of the lot the page saw anchored before the removal still reads as a good signature.
      expect(await paste(page, labels[1]!.uri)).to.equal("UNVERIFIED");
      expect(await leadingCode(page)).to.equal("SIGNATURE_VALID_OFFLINE");
      expect(await text(page, "#verdict-reasons")).to.contain("after this batch was anchored");
      await restore(page.context());
      await page.context().close();
    });
  });

  describe("a device that remembered its signers before removal times were kept", function () {
    it("still reads its older list (brand ids alone) as active keys", async function () {
      const brand = await stack.newBrand("Acme Older Device");
      const { labels } = await labelsOf(brand.apiKey, { gtin: gtinIn(brand.prefixes[0]!), lot: "L-OLD", expiry: "271231", quantity: 1 });
      const page = await newPage();
      await page.goto(`${stack.url}/verify`);
      await page.evaluate(({ signer, brandId }) => localStorage.setItem("veritrace.verifier.knownSigners", JSON.stringify({ [signer]: brandId })), brand);
      await cutEverything(page.context());
      expect(await paste(page, labels[0]!.uri)).to.equal("UNVERIFIED");
      expect(await leadingCode(page)).to.equal("SIGNATURE_VALID_OFFLINE");
      await restore(page.context());
      await page.context().close();
    });
  });

  describe("several checks made offline", function () {
    it("queues every one, keeps them over a reload, and checks and shows each once back online", async function () {
      const brand = await stack.newBrand("Acme Queue");
      const { batch, labels } = await labelsOf(brand.apiKey, { gtin: gtinIn(brand.prefixes[0]!), lot: "L3", expiry: "271231", quantity: 3 });
      const recalled = await stack.api("POST", `/api/v1/batches/${batch.id}/items/${labels[2]!.serial}/status`, {
        key: brand.apiKey,
        body: { status: "recalled" },
      });
      expect(recalled.status, JSON.stringify(recalled.body)).to.be.oneOf([200, 201]);
      const { code } = (await stack.api("GET", `/api/v1/proof?code=${encodeURIComponent(labels[1]!.uri)}`)).body;
      const forged = forgedLabel({ base: stack.url, code, chainId: network.chainId, registry: network.registry }).uri;

      const page = await newPage();
      const context = page.context();
      await page.goto(`${stack.url}/verify`);
      expect(await paste(page, labels[0]!.uri)).to.equal("GENUINE");
      await workersReady(page);

      await cutEverything(context);
      for (const uri of [labels[1]!.uri, labels[2]!.uri, forged]) expect(await paste(page, uri)).to.equal("UNVERIFIED");
      const rows = page.locator("#offline-checks-list li");
      expect(await rows.count()).to.equal(3);
      expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-state")))).to.deep.equal(["waiting", "waiting", "waiting"]);
      expect(await text(page, "#offline-checks-list li"))
        .to.contain(`lot L3, serial ${labels[1]!.serial}`)
        .and.to.contain("waiting to check it again");

      // Closed and opened again with no network: the page comes from its worker, and the queue from storage.
      await page.reload();
      await page.locator("#offline-checks-list li").nth(2).waitFor();
      expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-uri")))).to.deep.equal([labels[1]!.uri, labels[2]!.uri, forged]);
      await screenshot(page, "offline-queued-checks");

      await restore(context);
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await page.locator('#offline-checks-list li[data-state="answered"]').nth(2).waitFor({ timeout: 30_000 });
      expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-verdict")))).to.deep.equal(["GENUINE", "REVOKED", "COUNTERFEIT"]);
      expect(await page.evaluate(() => localStorage.getItem("veritrace.verifier.offlineChecks"))).to.equal(null);
      await page.locator("#notice", { hasText: "3 labels checked offline have now been checked" }).waitFor();
      await screenshot(page, "offline-queued-rechecked");

      // Each answer opens its own result card.
      await rows.nth(1).getByRole("button", { name: "Show the result" }).click();
      expect(await verdictOf(page)).to.equal("REVOKED");
      expect(await text(page, "#verdict-facts")).to.contain(labels[2]!.serial);
      await context.close();
    });
  });

  describe("opened with no network", function () {
    it("opens the verifier, and a label's link, from its workers and checks the label offline", async function () {
      const brand = await stack.newBrand("Acme Reload");
      const { labels } = await labelsOf(brand.apiKey, { gtin: gtinIn(brand.prefixes[0]!), lot: "L-RELOAD", expiry: "271231", quantity: 3 });
      expect(labels[2]!.uri.startsWith(`${stack.url}/01/`)).to.equal(true);
      const page = await newPage();
      const context = page.context();
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[0]!.uri)}`);
      expect(await verdictOf(page)).to.equal("GENUINE");
      expect(await workersReady(page)).to.deep.equal([`${stack.url}/01/`, `${stack.url}/verify`]);

      await cutEverything(context);
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[1]!.uri)}`);
      expect(await verdictOf(page)).to.equal("UNVERIFIED");
      expect(await leadingCode(page)).to.equal("SIGNATURE_VALID_OFFLINE");
      await screenshot(page, "offline-reloaded");

      // The label's own link, as the phone's camera opens it: the resolver cannot be reached, the page can.
      await page.goto(labels[2]!.uri);
      expect(await verdictOf(page)).to.equal("UNVERIFIED");
      expect(new URL(page.url()).pathname).to.equal("/verify");
      expect(new URL(page.url()).searchParams.get("code")).to.equal(labels[2]!.uri);
      expect(await leadingCode(page)).to.equal("SIGNATURE_VALID_OFFLINE");
      await screenshot(page, "offline-label-link");

      // Online, the label link is the resolver's again: the worker only stands in when the network fails.
      await restore(context);
      const json = await page.evaluate(async (uri) => (await fetch(uri, { headers: { accept: "application/json" } })).status, labels[2]!.uri);
      expect(json).to.equal(200);
      await page.goto(labels[2]!.uri);
      expect(await verdictOf(page)).to.equal("GENUINE");
      await context.close();
    });
  });
});
