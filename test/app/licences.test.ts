/**
 * The licence page in a real browser (Debian's Chromium, playwright-core, a 360 px phone viewport) against
 * the real service and a real chain (anvil) that the page reads itself over HTTP. The scene is set on chain
 * directly, as the parties would: the registrar admits a rights holder and two platforms, the rights holder
 * registers a work and grants a licence for France and Germany on VideoHub for 2026, the licensee
 * sub-licenses it, notices are filed and answered. What a platform or a creator relies on: the YES / NO the
 * page reads, with the reason, and a register that shows every notice with its answer.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { createPublicClient, createWalletClient, http, keccak256, parseEther, stringToHex, zeroHash, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { licenceRegistryAbi } from "../../core/abi/index.ts";
import { licenceIdOf, noticeIdOf, platformIdOf } from "../../core/licence-ids.ts";
import { countryBytes } from "../../core/iso3166.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { ANVIL_DEV_KEY } from "../../scripts/local-chain.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output", "licences");
const seconds = (iso: string) => BigInt(Date.parse(iso) / 1000);
const YEAR_2026 = { start: seconds("2026-01-01T00:00:00Z"), end: seconds("2027-01-01T00:00:00Z") };
const MID_2026 = "2026-07-01T12:00";

describe("licence page (Chromium, real chain over HTTP)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let browser: Browser;
  let registry: Address;
  let workFile: string;
  let workId: Hex;
  const holder = privateKeyToAccount(generatePrivateKey());
  const platformAccount = privateKeyToAccount(generatePrivateKey());
  const licensee = privateKeyToAccount(generatePrivateKey());
  const sublicensee = privateKeyToAccount(generatePrivateKey());
  const videoHub = platformIdOf("VideoHub");
  const rootLicence = () => licenceIdOf(workId, 1);
  const subLicence = () => licenceIdOf(workId, 2);
  const notices: Record<"removed" | "rejected" | "awaiting", Hex> = { removed: zeroHash, rejected: zeroHash, awaiting: zeroHash };

  /** One transaction by `account` on the LicenceRegistry, waited for and required to succeed. */
  let send: (account: PrivateKeyAccount, functionName: string, args: readonly unknown[]) => Promise<void>;

  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  /** What a reader sees (innerText: the term labels in capitals, as the CSS shows them), spaces collapsed. */
  const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();
  const phone = async () => (await browser.newContext({ viewport: { width: 360, height: 740 }, timezoneId: "UTC" })).newPage();

  /** Fills the check form and submits it; `work` undefined leaves the field as it is. */
  const check = async (page: Page, fields: { work?: string; licensee?: string; platform?: string; country?: string; at?: string }) => {
    for (const [id, value] of Object.entries(fields)) if (value !== undefined) await page.locator(`#${id}`).fill(value);
    await page.getByRole("button", { name: "Check", exact: true }).click();
  };
  /** The answer card once it shows this check's answer (the previous one is replaced in place). */
  const answer = async (page: Page, licensed: boolean) => {
    await page
      .locator(`#check-result[data-licensed="${licensed}"]`)
      .waitFor({ state: "visible", timeout: 30_000 })
      // A failed check says why in the page's alert region: that is the message worth reading.
      .catch(async (error) => Promise.reject(new Error(`no answer shown; the page said: ${await text(page, "#alert")}`, { cause: error })));
    return { reason: await page.locator("#check-result").getAttribute("data-reason"), summary: await text(page, "#check-summary"), card: await text(page, "#check-result") };
  };

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    const network = (await stack.api("GET", "/api/v1/network")).body;
    if (!network.licenceRegistry) throw new Error("the service announces no licenceRegistry");
    registry = network.licenceRegistry;
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });

    const transport = http(stack.rpcUrl);
    const publicClient = createPublicClient({ chain: anvil, transport });
    send = async (account, functionName, args) => {
      const wallet = createWalletClient({ account, chain: anvil, transport });
      const hash = await wallet.writeContract({ address: registry, abi: licenceRegistryAbi, functionName, args } as never);
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
    };
    const registrar = privateKeyToAccount(ANVIL_DEV_KEY);
    const funder = createWalletClient({ account: registrar, chain: anvil, transport });
    for (const account of [holder, platformAccount, licensee]) {
      await publicClient.waitForTransactionReceipt({ hash: await funder.sendTransaction({ to: account.address, value: parseEther("1") }) });
    }

    // The work is a file on disk: the page computes its id from it, as a creator would.
    const dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-work-"));
    workFile = path.join(dir, "film-trailer.mp4");
    const bytes = Buffer.from("not really a film, but a file with bytes: Veritrace licence page test");
    await writeFile(workFile, bytes);
    workId = `0x${createHash("sha256").update(bytes).digest("hex")}`;

    await send(registrar, "admitRightsHolder", [holder.address, "Studio Nord"]);
    await send(registrar, "admitPlatform", ["VideoHub", platformAccount.address]);
    await send(registrar, "admitPlatform", ["ClipShare", platformAccount.address]);
    await send(holder, "registerWork", [workId, 0n, "ipfs://trailer"]);
    const terms = { workId, parentId: zeroHash, licensee: licensee.address, ...YEAR_2026, sublicensable: true, worldwide: false, platformIds: [videoHub] };
    await send(holder, "grantLicence", [{ ...terms, territories: [countryBytes("FR"), countryBytes("DE")] }]);
    await send(licensee, "grantLicence", [
      { ...terms, parentId: rootLicence(), licensee: sublicensee.address, start: seconds("2026-03-01T00:00:00Z"), end: seconds("2026-09-01T00:00:00Z"), sublicensable: false, territories: [countryBytes("FR")] },
    ]);

    const location = (url: string) => keccak256(stringToHex(url));
    const evidence = keccak256(stringToHex("screenshots and a hash of the copy"));
    const file = async (url: string, territory: string) => {
      const filing = { principal: holder.address, platformId: videoHub, territory: countryBytes(territory), workId, brandId: zeroHash, batchId: zeroHash, locationHash: location(url), evidenceHash: evidence };
      await send(holder, "fileNotice", [filing]);
      return noticeIdOf(holder.address, videoHub, filing.locationHash, evidence);
    };
    notices.removed = await file("https://videohub.example/v/1", "FR");
    await send(platformAccount, "confirmRemoval", [notices.removed]);
    notices.rejected = await file("https://videohub.example/v/2", "DE");
    await send(platformAccount, "rejectNotice", [notices.rejected, 1, "The uploader holds a licence for Germany"]);
    notices.awaiting = await file("https://videohub.example/v/3", "FR");
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  it("computes the work's hash from a local file and answers YES for the licensee on VideoHub in France in mid-2026", async function () {
    const page = await phone();
    await page.goto(`${stack.url}/licences`);
    await page.locator("#work-file").setInputFiles(workFile);
    await page.waitForFunction((id) => (document.getElementById("work") as HTMLInputElement).value === id, workId);
    await check(page, { licensee: licensee.address, platform: "VideoHub", country: "FR", at: MID_2026 });
    const { card, summary } = await answer(page, true);
    expect(summary).to.contain("may publish this work on VideoHub in France (FR)");
    expect(card).to.contain(rootLicence()).and.to.contain("Germany (DE)").and.to.contain("France (FR)").and.to.match(/may be sub-licensed yes/i);
    expect(card).to.contain("Jan 1, 2026").and.to.contain("Jan 1, 2027");
    expect(card).to.contain(`LicenceRegistry ${registry}`).and.to.contain(stack.rpcUrl).and.to.contain("chain id 31337");
    // The answer is announced to screen readers, not only drawn.
    await page.waitForFunction(() => document.getElementById("notice")!.textContent!.startsWith("Yes: licensed"));
    await screenshot(page, "licensed-yes");
    await page.close();
  });

  it("answers NO with the reason for another country, a date after the end and another platform", async function () {
    const page = await phone();
    await page.goto(`${stack.url}/licences`);
    const base = { work: workId, licensee: licensee.address, platform: "VideoHub", country: "FR", at: MID_2026 };

    await check(page, { ...base, country: "ES" });
    let no = await answer(page, false);
    expect(no.reason).to.equal("TerritoryNotCovered");
    expect(no.summary).to.equal("This account's licence does not cover this country.");
    expect(no.card).to.contain(rootLicence());
    await screenshot(page, "not-licensed-country");

    await check(page, { ...base, at: "2027-02-01T09:00" });
    await page.locator('#check-result[data-reason="Expired"]').waitFor({ timeout: 30_000 });
    no = await answer(page, false);
    expect(no.summary).to.equal("This account's licence had ended by this date.");

    await check(page, { ...base, platform: "ClipShare" });
    await page.locator('#check-result[data-reason="PlatformNotCovered"]').waitFor({ timeout: 30_000 });
    no = await answer(page, false);
    expect(no.summary).to.equal("This account's licence does not cover this platform.");
    expect(no.card).to.contain(`ClipShare (${platformIdOf("ClipShare")})`);

    // Someone with no licence at all, and a work nobody registered.
    await check(page, { ...base, licensee: platformAccount.address });
    await page.locator('#check-result[data-reason="NoLicence"]').waitFor({ timeout: 30_000 });
    await check(page, { ...base, work: `0x${"ab".repeat(32)}` });
    await page.locator('#check-result[data-reason="UnknownWork"]').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it("names a bad country code, and every other bad field, before any chain call", async function () {
    const page = await phone();
    const rpcCalls: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(stack.rpcUrl)) rpcCalls.push(request.postData() ?? "");
    });
    await page.goto(`${stack.url}/licences`);
    await check(page, { work: workId, licensee: licensee.address, platform: "VideoHub", country: "XX", at: MID_2026 });
    await page.locator("#country-error").waitFor({ state: "visible" });
    expect(await text(page, "#country-error")).to.equal('"XX" is not an ISO 3166-1 alpha-2 country code (two letters, e.g. FR, DE, US)');
    expect(await page.locator("#country").getAttribute("aria-invalid")).to.equal("true");
    expect(await page.locator("#country").evaluate((element) => element === document.activeElement)).to.equal(true);
    await screenshot(page, "bad-country");

    await check(page, { work: "0x1234", licensee: "0xnot-an-address", platform: " ", country: "", at: MID_2026 });
    for (const field of ["work", "licensee", "platform", "country"]) await page.locator(`#${field}-error`).waitFor({ state: "visible" });
    expect(await text(page, "#work-error")).to.contain("64 hexadecimal digits");
    expect(await text(page, "#licensee-error")).to.contain("not an account address");
    expect(await page.locator("#check-result").isHidden()).to.equal(true);
    expect(rpcCalls, "RPC requests").to.deep.equal([]);

    // Corrected, the same form checks: lower case is taken as the code it is.
    await check(page, { work: workId, licensee: licensee.address, platform: "VideoHub", country: "fr", at: MID_2026 });
    await answer(page, true);
    expect(await page.locator("#country-error").isHidden()).to.equal(true);
    expect(rpcCalls.length).to.be.greaterThan(0);
    await page.close();
  });

  it("answers YES for the sub-licensee, then NO once the parent licence is revoked, showing the chain to the root", async function () {
    const page = await phone();
    await page.goto(`${stack.url}/licences?work=${workId}&licensee=${sublicensee.address}&platform=VideoHub&country=FR&at=${MID_2026}`);
    await check(page, {});
    let result = await answer(page, true);
    expect(result.card).to.contain(subLicence()).and.to.contain(rootLicence());
    expect(await page.locator("#licence-chain > li").count()).to.equal(2);
    expect(await text(page, "#licence-chain > li:nth-child(1)")).to.contain("2 (a sub-licence)").and.to.match(/may be sub-licensed no/i);
    expect(await text(page, "#licence-chain > li:nth-child(2)")).to.contain("1 (a root licence");

    // Outside the sub-licence's own narrower terms, though within its parent's.
    await check(page, { country: "DE" });
    await page.locator('#check-result[data-reason="TerritoryNotCovered"]').waitFor({ timeout: 30_000 });

    await send(holder, "revokeLicence", [rootLicence()]);
    await check(page, { country: "FR" });
    await page.locator('#check-result[data-reason="AncestorRevoked"]').waitFor({ timeout: 30_000 });
    result = await answer(page, false);
    expect(result.summary).to.contain("was revoked, so the sub-licence fell with it");
    expect(await page.locator('#licence-chain > li[data-revoked="true"]').getAttribute("data-licence")).to.equal(rootLicence());
    expect(await text(page, "#licence-chain > li:nth-child(2)")).to.contain("✕ Revoked");
    await screenshot(page, "not-licensed-parent-revoked");

    // The licensee's own licence is now revoked in itself.
    await check(page, { licensee: licensee.address });
    await page.locator('#check-result[data-reason="Revoked"]').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it("lists the notices register from the chain, newest first, with each platform's answer, and filters it", async function () {
    const page = await phone();
    await page.goto(`${stack.url}/licences`);
    await page.getByRole("tab", { name: "Notices register" }).click();
    await page.locator(".notice-card").nth(2).waitFor({ timeout: 30_000 });
    const ids = await page.locator(".notice-card").evaluateAll((cards) => cards.map((card) => card.getAttribute("data-notice")));
    expect(ids).to.deep.equal([notices.awaiting, notices.rejected, notices.removed]);

    const card = (id: Hex) => text(page, `.notice-card[data-notice="${id}"]`);
    expect(await card(notices.removed)).to.contain("Answer: removed on").and.to.contain("Studio Nord").and.to.contain("VideoHub").and.to.contain(workId);
    expect(await card(notices.removed)).to.contain(keccak256(stringToHex("https://videohub.example/v/1")));
    expect(await card(notices.rejected)).to.contain("Answer: rejected").and.to.contain("the use is licensed").and.to.contain("The uploader holds a licence for Germany").and.to.contain("Germany (DE)");
    expect(await card(notices.awaiting)).to.contain("Awaiting the platform's answer.");
    expect(await text(page, "#notices-status")).to.contain("3 notices").and.to.contain(stack.rpcUrl);
    await screenshot(page, "notices-register");

    await page.getByLabel("Platform (name or id)").fill("ClipShare");
    await page.getByRole("button", { name: "Show notices" }).click();
    await page.waitForFunction(() => document.getElementById("notices-status")!.textContent!.startsWith("No notices matching"));
    await page.getByLabel("Platform (name or id)").fill("VideoHub");
    await page.getByLabel("Rights holder (account)").fill(holder.address.toLowerCase());
    await page.getByRole("button", { name: "Show notices" }).click();
    await page.waitForFunction(() => document.getElementById("notices-status")!.textContent!.startsWith("3 notices matching"));
    await page.getByLabel("Rights holder (account)").fill(licensee.address);
    await page.getByRole("button", { name: "Show notices" }).click();
    await page.waitForFunction(() => document.getElementById("notices-status")!.textContent!.startsWith("No notices matching"));
    await page.getByLabel("Rights holder (account)").fill("");
    await page.getByLabel("Work (content hash)").fill("0x12");
    await page.getByRole("button", { name: "Show notices" }).click();
    await page.locator("#filter-work-error").waitFor({ state: "visible" });

    // The tabs work from the keyboard, and a link can open the register directly.
    await page.getByRole("tab", { name: "Notices register" }).focus();
    await page.keyboard.press("ArrowLeft");
    expect(await page.getByRole("tab", { name: "Check a licence" }).getAttribute("aria-selected")).to.equal("true");
    expect(await page.locator("#panel-notices").isHidden()).to.equal(true);
    await page.close();
    const linked = await phone();
    await linked.goto(`${stack.url}/licences#notices`);
    await linked.locator(".notice-card").first().waitFor({ timeout: 30_000 });
    await linked.close();
  });

  /** The page's width, and the elements that stick out of the screen on their own (not as a wide parent). */
  const width = (page: Page) =>
    page.evaluate(() => {
      const out = [...document.querySelectorAll("body *")].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.right > 361 && ![...element.children].some((child) => child.getBoundingClientRect().right > 361);
      });
      return { scrollWidth: document.documentElement.scrollWidth, widest: out.map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${e.textContent?.slice(0, 40)}`).join("; ") };
    });

  it("fits a 360 px screen without sideways scrolling", async function () {
    const page = await phone();
    await page.goto(`${stack.url}/licences?work=${workId}&licensee=${licensee.address}&platform=VideoHub&country=ES&at=${MID_2026}`);
    await check(page, {});
    await answer(page, false);
    let { scrollWidth, widest } = await width(page);
    expect(scrollWidth, widest).to.be.at.most(360);
    await page.getByRole("tab", { name: "Notices register" }).click();
    await page.locator(".notice-card").first().waitFor({ timeout: 30_000 });
    ({ scrollWidth, widest } = await width(page));
    expect(scrollWidth, widest).to.be.at.most(360);
    await page.close();
  });
});
