/**
 * The static verifier (`npm run build:verifier`) as a consortium publishes it: a folder on a plain static
 * host with no API of its own, its roots baked in, asking a service on another origin for proofs and scan
 * logs and reading the chain itself. In a real browser: it checks a label, installs as an app, opens with
 * no network once installed, and refuses a script a host changed.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { rootFromDeployment } from "../../core/trust-roots.ts";
import { buildVerifier, type BuildVerifierReturnType } from "../../scripts/build-verifier.ts";
import { CHROMIUM, CHROMIUM_FLAGS } from "../helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";
import { serveFolder, type StaticFolder } from "../helpers/static-folder-server.ts";

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", "test-output", "verifier-hosted");
const GTIN = "09506000134352";

describe("static verifier on a host of its own (Chromium, service and chain elsewhere)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let work: string;
  let built: BuildVerifierReturnType;
  let host: StaticFolder;
  let context: BrowserContext;
  let page: Page;
  let uris: string[];
  const requests: string[] = [];

  const verdictOf = async (on: Page) => {
    await on.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return on.locator("#result").getAttribute("data-verdict");
  };
  const text = async (on: Page, selector: string) => ((await on.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();
  const screenshot = (on: Page, name: string) => on.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  before(async function () {
    stack = await startHttpStack();
    const brand = await stack.newBrand("Acme Hosted");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: GTIN, lot: "L-HOSTED-1", expiry: "271231", quantity: 2 });
    const csv = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=csv`, { key: brand.apiKey });
    uris = csv.body
      .toString("utf8")
      .split(/\r?\n/)
      .slice(1)
      .filter((line: string) => line !== "")
      .map((line: string) => line.match(/(https?:\/\/[^",]+)"?$/)![1]!);
    work = await mkdtemp(path.join(os.tmpdir(), "veritrace-hosted-"));
    const roots = { version: 1, roots: [rootFromDeployment(stack.ctx.deployment, { name: "Test Consortium", rpcUrls: [stack.rpcUrl] })] };
    built = await buildVerifier({ roots, outDir: path.join(work, "verifier"), api: stack.url });
    host = await serveFolder(built.outDir);
    // A profile of its own rather than an off-the-record context, where Chromium never offers to install.
    context = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      viewport: { width: 360, height: 740 },
    });
    context.on("request", (request) => requests.push(request.url()));
    page = context.pages()[0] ?? (await context.newPage());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });

  after(async function () {
    await context?.close();
    await host?.close();
    await stack?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("checks a genuine label: the chain read by the page, the proof asked of the service on its own origin", async function () {
    await page.goto(`${host.url}index.html?code=${encodeURIComponent(uris[0]!)}`);
    expect(await verdictOf(page)).to.equal("GENUINE");
    expect(await text(page, "#checked-against")).to.contain(stack.ctx.deployment.productRegistry.address);
    expect(requests.some((url) => url.startsWith(`${stack.url}/api/v1/proof?`))).to.equal(true);
    expect(requests.some((url) => url.startsWith(stack.rpcUrl))).to.equal(true);
    // The host, the service and the chain: nothing else, no third party.
    const origins = new Set(requests.map((url) => new URL(url).origin));
    expect([...origins].sort()).to.deep.equal([new URL(host.url).origin, stack.url, new URL(stack.rpcUrl).origin].sort());
    await screenshot(page, "genuine");
  });

  it("posts the scan to the service's scan log, not to the host", async function () {
    expect(requests.filter((url) => url.endsWith("/api/v1/scans"))).to.deep.equal([`${stack.url}/api/v1/scans`]);
  });

  it("installs as an app: its worker controls the folder and the browser finds nothing missing to install it", async function () {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).to.equal(host.url);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: Array<{ errorId: string }> };
    expect(installabilityErrors.map((error) => error.errorId)).to.deep.equal([]);
    const manifest = (await cdp.send("Page.getAppManifest")) as { errors: unknown[]; url: string };
    expect(manifest.errors).to.deep.equal([]);
    expect(manifest.url).to.match(new RegExp(`^${host.url}manifest-[0-9a-f]+\\.webmanifest$`));
  });

  it("opens with no network once installed, and has kept no answer from the API or the chain", async function () {
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole("heading", { name: "Check a product" }).waitFor({ timeout: 10_000 });
      // The page works offline from the signer it learnt online a moment ago.
      expect(await verdictOf(page)).to.equal("UNVERIFIED");
      expect(await text(page, "#verdict-summary")).to.match(/^The brand's signature on the label is right, but the public record could not be reached/);
      await screenshot(page, "offline");
    } finally {
      await context.setOffline(false);
    }
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    // Everything the page loads; the worker itself is kept by the browser, the hash lists are for people.
    const shell = built.files.filter((file) => !file.startsWith("SHA256SUMS") && file !== "sw.js").map((file) => `${host.url}${file}`);
    expect(kept.sort()).to.deep.equal(shell.sort());
  });

  /** A copy of the build with one byte of `file` changed, served on a port of its own. */
  const tamperedCopy = async (name: string, file: string) => {
    const dir = path.join(work, name);
    await cp(built.outDir, dir, { recursive: true });
    const bytes = await readFile(path.join(dir, file));
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    await writeFile(path.join(dir, file), bytes);
    return serveFolder(dir);
  };
  const consoleErrors = (tab: Page) => {
    const errors: string[] = [];
    tab.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    return errors;
  };

  it("refuses to run a script that a host changed", async function () {
    const script = built.files.find((file) => file.startsWith("verifier-") && file.endsWith(".js"))!;
    const tampered = await tamperedCopy("tampered-script", script);
    const tab = await context.newPage();
    try {
      const errors = consoleErrors(tab);
      await tab.goto(`${tampered.url}index.html`);
      await tab.getByRole("heading", { name: "Check a product" }).waitFor();
      await tab.waitForTimeout(500);
      expect(errors.join("\n")).to.match(/integrity/i).and.to.contain(script);
      // Nothing of the page's logic ran: it never said which deployment it checks against.
      expect(await text(tab, "#network-info")).to.equal("");
    } finally {
      await tab.close();
      await tampered.close();
    }
  });

  it("refuses a decoder a host changed, and keeps no copy of the changed build", async function () {
    const wasm = built.files.find((file) => file.endsWith(".wasm"))!;
    const tampered = await tamperedCopy("tampered-wasm", wasm);
    const tab = await context.newPage();
    try {
      const errors = consoleErrors(tab);
      await tab.goto(`${tampered.url}index.html`);
      // The page runs (jsQR decodes instead) but compiles none of the changed WebAssembly.
      await tab.waitForFunction(() => document.getElementById("network-info")?.textContent?.includes("Test Consortium"));
      await tab.waitForFunction((file) => performance.getEntriesByType("resource").some((entry) => entry.name.endsWith(file)), wasm);
      // The worker's install checks every file against the build's hash: it fails, so nothing is kept.
      const installed = await tab.evaluate(async () => {
        // As app/verifier/pwa.ts registers it (registering again is harmless): then follow its install.
        const registration = await navigator.serviceWorker.register("sw.js");
        const worker = registration.installing ?? registration.waiting ?? registration.active!;
        if (worker.state === "activated" || worker.state === "redundant") return worker.state;
        return new Promise<string>((resolve) => {
          worker.addEventListener("statechange", () => {
            if (worker.state === "activated" || worker.state === "redundant") resolve(worker.state);
          });
        });
      });
      expect(installed).to.equal("redundant");
      expect(errors.join("\n")).to.match(/integrity/i).and.to.contain(wasm);
    } finally {
      await tab.close();
      await tampered.close();
    }
  });
});
