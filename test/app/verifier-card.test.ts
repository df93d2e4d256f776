/**
 * What a shopper reads on the result card, in Chromium against the real service and a real chain (anvil):
 * for each verdict a plain sentence and what to do, an icon drawn in SVG (no emoji, which shows as an empty
 * box on a phone without an emoji font), the page's title, and the precise record (signing key, chain,
 * registry, batch) folded inside a closed "details" disclosure rather than in the words a shopper reads.
 * And what the HTML shows before any script runs.
 */
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { buildApp } from "../../scripts/build-app.ts";
import { CARD_TEXT, REASON_COPY, VERDICT_COPY } from "../../app/verifier/verdict-copy.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { forgedLabel } from "../helpers/forged-label.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";
import { decodeQrPng } from "../helpers/qr.ts";
import { unzip } from "../helpers/zip.ts";

const GTIN = "09506000134352";
const EMOJI = /\p{Extended_Pictographic}/u;

/** Today's UTC date: the earliest expiry the service accepts for a batch. */
const EXPIRY_TODAY = new Date().toISOString().slice(0, 10);

describe("verifier result card: plain words, SVG icons, title, details folded (Chromium)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let browser: Browser;
  let brand: Awaited<ReturnType<HttpStack["newBrand"]>>;
  let network: { chainId: number; registry: string };
  /**
   * Label links of a batch with expiry 31 Dec 2027, and of one whose expiry is today (the service refuses a
   * passed date), read by a page whose clock is three days later.
   */
  let labels: string[];
  let expiredLabels: string[];
  let batchId: string;

  const uris = async (batch: { id: string }) => {
    const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: brand.apiKey });
    if (download.status !== 200) throw new Error(`label download failed: ${download.status}`);
    return [...(await unzip(download.body)).values()].map((png) => decodeQrPng(png)).sort();
  };
  const open = async (uri: string, prepare?: (page: Page) => Promise<void>): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await prepare?.(page);
    await page.goto(`${stack.url}/verify?code=${encodeURIComponent(uri)}`);
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return page;
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();
  /** What is rendered on screen: the closed details' contents are not. */
  const shown = (page: Page) => page.locator("#result").innerText();
  const reasonCodes = (page: Page) => page.locator("#verdict-reasons li").evaluateAll((items) => items.map((li) => li.getAttribute("data-code")));
  const iconOf = (page: Page) => page.locator("#verdict-icon svg").getAttribute("data-icon");

  /** The checks every verdict's card passes: details closed holding the record, nothing of it on screen, no emoji. */
  const expertFactsFolded = async (page: Page, facts: string[]) => {
    expect(await page.locator("#verdict-details").evaluate((details) => (details as HTMLDetailsElement).open)).to.equal(false);
    const folded = await text(page, "#verdict-details");
    const onScreen = await shown(page);
    for (const fact of facts) {
      expect(folded, fact).to.contain(fact);
      expect(onScreen, fact).not.to.contain(fact);
    }
    expect(await page.locator("#result").textContent()).not.to.match(EMOJI);
    expect(await page.title()).not.to.match(EMOJI);
    expect(await page.locator("#verdict-icon svg").isVisible()).to.equal(true);
  };

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    browser = await launchChromium();
    brand = await stack.newBrand("Acme Card");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-CARD-1", expiry: "271231", quantity: 5 });
    batchId = batch.id;
    labels = await uris(batch);
    expiredLabels = await uris(await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-CARD-OLD", expiry: EXPIRY_TODAY.replace(/-/g, "").slice(2), quantity: 1 }));
    network = (await stack.api("GET", "/api/v1/network")).body;
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  it("GENUINE: the plain sentence, nothing to do, 'Use by' in the reader's date format, title naming the brand", async function () {
    const page = await open(labels[0]!);
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("GENUINE");
    expect(await iconOf(page)).to.equal("ok");
    expect(await text(page, "#verdict-word")).to.equal("Genuine");
    expect(await text(page, "#verdict-summary")).to.equal(VERDICT_COPY.GENUINE.headline);
    expect(await text(page, "#next-steps-body")).to.equal(VERDICT_COPY.GENUINE.whatToDo);
    expect(await text(page, "#verdict-product")).to.equal(`BrandAcme CardProduct number${GTIN}LotL-CARD-1Serial number${labels[0]!.split("/21/")[1]!.split("?")[0]}Use byDecember 31, 2027`);
    expect(await page.locator("#verdict-expiry").isHidden()).to.equal(true);
    expect(await page.title()).to.equal("Genuine — Acme Card | Veritrace");
    await expertFactsFolded(page, [brand.signer, network.registry, `Chain id${network.chainId}`, "Batch id"]);
    // Opened, the details show the record.
    await page.locator("#verdict-details summary").click();
    expect(await shown(page)).to.contain(brand.signer).and.to.contain(network.registry);
    await page.context().close();
  });

  it("COUNTERFEIT: says in plain words the label is not the brand's; the signature and its key only in the details", async function () {
    const { code } = (await stack.api("GET", `/api/v1/proof?code=${encodeURIComponent(labels[1]!)}`)).body;
    const forged = forgedLabel({ base: stack.url, code, chainId: network.chainId, registry: network.registry as `0x${string}` });
    const page = await open(forged.uri);
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("COUNTERFEIT");
    expect(await iconOf(page)).to.equal("counterfeit");
    expect(await text(page, "#verdict-summary")).to.equal(REASON_COPY.SIGNER_NOT_REGISTERED.headline(undefined));
    expect(await text(page, "#next-steps-body")).to.equal(VERDICT_COPY.COUNTERFEIT.whatToDo);
    expect(await text(page, "#verdict-product")).to.contain("Product number belongs toAcme Card");
    expect(await page.title()).to.equal("Counterfeit — not from Acme Card | Veritrace");
    const signerKey = await page.locator("#verdict-facts dt", { hasText: "Signing key" }).evaluate((dt) => dt.nextElementSibling?.textContent ?? "");
    expect(signerKey).to.match(/^0x[0-9a-fA-F]{40}$/);
    await expertFactsFolded(page, [signerKey, "recovers to", network.registry, "SIGNER_NOT_REGISTERED"]);
    await page.context().close();
  });

  it("REVOKED: says the brand recalled it and what to do about a recall", async function () {
    const serial = labels[2]!.split("/21/")[1]!.split("?")[0]!;
    const res = await stack.api("POST", `/api/v1/batches/${batchId}/items/${serial}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
    const page = await open(labels[2]!);
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("REVOKED");
    expect(await iconOf(page)).to.equal("revoked");
    expect(await text(page, "#verdict-summary")).to.equal(REASON_COPY.ITEM_RECALLED.headline(undefined));
    expect(await text(page, "#next-steps-body")).to.equal(REASON_COPY.ITEM_RECALLED.whatToDo);
    expect(await page.title()).to.equal("Revoked — Acme Card | Veritrace");
    await expertFactsFolded(page, [brand.signer, network.registry, "marked this item recalled"]);
    expect(await text(page, "#report-details")).to.contain(`Serial: ${serial}`);
    await page.context().close();
  });

  it("SUSPICIOUS: a genuine code on a label linking to a host the brand never registered", async function () {
    const lookalike = labels[3]!.replace("//127.0.0.1:", "//localhost:");
    const page = await open(lookalike);
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("SUSPICIOUS");
    expect(await iconOf(page)).to.equal("warn");
    const host = new URL(lookalike).host;
    expect(await text(page, "#verdict-summary")).to.equal(REASON_COPY.LABEL_HOST_NOT_REGISTERED.headline(host));
    expect(await text(page, "#next-steps-body")).to.equal(REASON_COPY.LABEL_HOST_NOT_REGISTERED.whatToDo);
    expect(await page.title()).to.equal("Suspicious — Acme Card | Veritrace");
    await expertFactsFolded(page, [brand.signer, network.registry, "LABEL_HOST_NOT_REGISTERED"]);
    await page.context().close();
  });

  it("UNVERIFIED: the chain cannot be reached, said plainly, with no verdict word of trust in the title", async function () {
    const rpc = new URL(stack.rpcUrl).origin;
    const page = await open(labels[4]!, async (target) => {
      await target.context().route((url) => url.origin === rpc, (route) => route.abort());
    });
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("UNVERIFIED");
    expect(await iconOf(page)).to.equal("unknown");
    expect(await text(page, "#verdict-summary")).to.equal(REASON_COPY.SIGNER_UNKNOWN_OFFLINE.headline(undefined));
    expect(await text(page, "#next-steps-body")).to.equal(REASON_COPY.SIGNER_UNKNOWN_OFFLINE.whatToDo);
    expect(await page.title()).to.equal("Not yet verified | Veritrace");
    await expertFactsFolded(page, ["The chain could not be read", "recovers to"]);
    expect(await reasonCodes(page)).to.deep.equal(["CHAIN_UNREACHABLE", "SIGNER_UNKNOWN_OFFLINE"]);
    await page.context().close();
  });

  it("GENUINE but expired: the genuine sentence, and a line of its own saying it expired and not to use it", async function () {
    const page = await open(expiredLabels[0]!, (p) => p.clock.setFixedTime(new Date(Date.now() + 3 * 86_400_000)));
    const onDate = new Date(`${EXPIRY_TODAY}T00:00:00Z`).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("GENUINE");
    expect(await text(page, "#verdict-summary")).to.equal(VERDICT_COPY.GENUINE.headline);
    expect(await page.locator("#verdict-expiry").isVisible()).to.equal(true);
    expect(await text(page, "#verdict-expiry")).to.equal(`Expired on ${onDate} — do not use it; ask the seller.`);
    expect(await page.locator("#verdict-expiry svg").getAttribute("data-icon")).to.equal("expired");
    expect(await text(page, "#next-steps-body")).to.equal(REASON_COPY.EXPIRED.whatToDo);
    expect(await text(page, "#verdict-product")).to.contain(`Expired on${onDate}`).and.not.to.contain("Use by");
    await expertFactsFolded(page, [brand.signer, `expired on ${EXPIRY_TODAY}`]);
    expect(await reasonCodes(page)).to.deep.equal(["EXPIRED"]);
    await page.context().close();
  });

  describe("before any script runs (JavaScript off)", function () {
    it("shows 'Checking this label…' when a label's link opened the page, and the scan panel when none did", async function () {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${stack.url}/verify?code=${encodeURIComponent(labels[0]!)}`);
      expect(await page.locator("#checking").isVisible()).to.equal(true);
      expect(await text(page, "#checking h1")).to.equal(CARD_TEXT.checkingTitle);
      expect(await page.locator("#checking svg").isVisible()).to.equal(true);
      expect(await page.locator("#scan").isHidden()).to.equal(true);
      expect(await page.locator("#result").isHidden()).to.equal(true);

      await page.goto(`${stack.url}/verify`);
      expect(await page.locator("#checking").isHidden()).to.equal(true);
      expect(await page.locator("#scan").isVisible()).to.equal(true);
      expect(await text(page, "#scan-title")).to.equal("Check a product");
      await context.close();
    });
  });
});
