/**
 * Words on the result card that must not contradict or confuse (issue 14), in Chromium against the real
 * service and a real chain (anvil): a label signed with a key withdrawn before its batch reads as that,
 * never as a recall beside "Status: Active"; times are the reader's dates, never Unix seconds; the seller
 * of a first sale has a name where the service knows the account.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { getAddress, type Hex } from "viem";
import type { Browser, Page } from "playwright-core";
import { parseDigitalLink } from "../../core/gs1/index.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { CARD_TEXT, REASON_COPY, VERDICT_COPY } from "../../app/verifier/verdict-copy.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { forgedLabel } from "../helpers/forged-label.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";

const GTIN = "09506000134352";

describe("verifier result card: words that neither contradict nor confuse (Chromium)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let browser: Browser;
  let brand: Awaited<ReturnType<HttpStack["newBrand"]>>;

  const csvLabels = async (batchId: string) => {
    const csv = await fetch(`${stack.url}/api/v1/batches/${batchId}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    return (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
  };
  const open = async (uri: string, locale = "en-US"): Promise<Page> => {
    const page = await (await browser.newContext({ locale, viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${stack.url}/verify?code=${encodeURIComponent(uri)}`);
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return page;
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();
  const fact = (page: Page, term: string) => page.locator("#verdict-facts dt", { hasText: term }).evaluate((dt) => dt.nextElementSibling?.textContent ?? "");

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    browser = await launchChromium();
    brand = await stack.newBrand("Acme Words");
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  it("a label signed with a key withdrawn before its batch: its own sentence with the date, and a status row that agrees", async function () {
    const oldSigner = getAddress(brand.signer);
    expect((await stack.api("POST", "/api/v1/signers", { key: brand.apiKey })).status).to.equal(201);
    const removed = await stack.api("DELETE", `/api/v1/signers/${oldSigner}`, { key: brand.apiKey });
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-WORDS-2", quantity: 1 });
    const genuine = (await csvLabels(batch.id))[0]!;
    const account = (await stack.ctx.store.getAccount(oldSigner))!;
    const leakedKey: Hex = stack.ctx.vault.open(account.address, account.encryptedKey);
    const { ctx } = stack;
    const forged = forgedLabel({ base: ctx.publicBaseUrl, code: parseDigitalLink(genuine).code, chainId: ctx.deployment.chainId, registry: ctx.deployment.productRegistry.address, key: leakedKey }).uri;

    const page = await open(forged, "en-GB");
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("REVOKED");
    const reason = await page.locator('#verdict-reasons li[data-code="SIGNER_REVOKED_BEFORE_BATCH"]');
    const removedAt = (await reason.locator("time").first().getAttribute("datetime"))!;
    expect(removedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const summary = await text(page, "#verdict-summary");
    // The sentence Node's own locale writes, with the day as the page's reader writes it.
    const nodeDay = new Date(removedAt).toLocaleDateString(undefined, { dateStyle: "long" });
    const readerDay = new Date(removedAt).toLocaleDateString("en-GB", { dateStyle: "long" });
    expect(summary).to.equal(REASON_COPY.SIGNER_REVOKED_BEFORE_BATCH.headline(removedAt).replace(nodeDay, readerDay));
    // The day as a British reader writes it ("6 December 2026"), not a Unix time, not the ISO form.
    expect(summary).to.contain(readerDay);
    expect(summary).not.to.match(/recalled|stolen|\d{9,}/);
    expect(await text(page, "#verdict-also")).to.equal("");
    expect(await fact(page, "Status")).to.equal(CARD_TEXT.statusSignerWithdrawn);
    // The expert's sentence keeps the exact instant (in `datetime`) and reads in the reader's format.
    const expert = await text(page, '#verdict-reasons li[data-code="SIGNER_REVOKED_BEFORE_BATCH"]');
    // Addresses aside (a random key's hex may hold a run of nine digits): no Unix time, no ISO time.
    expect(expert).to.contain("was removed from its brand on ");
    expect(expert.replace(/0x[0-9a-fA-F]+/g, "0x…")).not.to.match(/\d{9,}|T\d\d:/);
    expect(VERDICT_COPY.REVOKED.headline).not.to.match(/recalled/);
    await page.screenshot({ path: "/tmp/words-revoked-signer.png", fullPage: true });
    await page.context().close();
  });

  it("the first sale: the country by name and the seller by the name the service knows, beside the account", async function () {
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-WORDS-1", quantity: 1 });
    const [label] = await csvLabels(batch.id);
    const retailer = await stack.api("POST", "/api/v1/retailers", { key: brand.apiKey, body: { name: "High Street Words" } });
    expect(retailer.status, JSON.stringify(retailer.body)).to.equal(201);
    const sold = await stack.api("POST", "/api/v1/activations", { key: retailer.body.apiKey, body: { code: label, country: "FR" } });
    expect(sold.status, JSON.stringify(sold.body)).to.equal(201);

    const page = await open(label!, "de-DE");
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("GENUINE");
    await page.locator("#verdict-facts .seller", { hasText: "High Street Words" }).waitFor({ state: "attached", timeout: 10_000 });
    // A German reader: the page's words from the German catalogue, the country as German names it.
    const german = JSON.parse(readFileSync(new URL("../../app/i18n/catalogues/de.json", import.meta.url), "utf8")) as Record<string, string>;
    expect(await fact(page, german["facts.soldBy"]!)).to.equal(`${german["card.sellerNamed"]!.replace("{name}", "High Street Words")} ${sold.body.activation.seller}`);
    expect(await fact(page, german["facts.firstSale"]!)).to.contain("Frankreich").and.not.to.match(/\bFR\b/);
    await page.context().close();
  });
});
