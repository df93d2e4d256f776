/**
 * The verifier page the service serves (/verify) installs as an app and opens offline, like the static
 * build: its manifest, icon and service worker are served with the right types and headers, its policy lets
 * it use them, and in a real browser the worker keeps the page so that it opens with no network.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import type { Browser } from "playwright-core";
import { workerScope } from "../../app/verifier/pwa.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { serveBuiltApp, type BuiltApp } from "../helpers/static-app-server.ts";

const sha384 = (bytes: Uint8Array) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

describe("verifier page as an installable app (served by the service)", function () {
  this.timeout(120_000);
  let served: BuiltApp;

  before(async function () {
    served = await serveBuiltApp("http://chain-node.example:8545/rpc");
  });

  after(async function () {
    await served?.close();
  });

  it("links a manifest and an icon, served with their types", async function () {
    const html = await (await fetch(`${served.url}/verify`)).text();
    expect(html).to.contain('<link rel="manifest" href="/verify/manifest.webmanifest" />').and.to.contain('<link rel="icon" href="/verify/icon.svg"');
    const res = await fetch(`${served.url}/verify/manifest.webmanifest`);
    expect(res.headers.get("content-type")).to.match(/^application\/manifest\+json/);
    const manifest = await res.json();
    expect(manifest).to.include({ id: "/verify", start_url: "/verify", scope: "/verify", display: "standalone" });
    expect(manifest.icons.map((icon: { src: string }) => icon.src)).to.deep.equal(["icon.svg", "icon.svg"]);
    expect((await fetch(`${served.url}/verify/icon.svg`)).headers.get("content-type")).to.equal("image/svg+xml");
  });

  it("serves its service worker as JavaScript, allowed to cover the page at /verify, revalidated on every load", async function () {
    const res = await fetch(`${served.url}/verify/sw.js`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("text/javascript; charset=utf-8");
    expect(res.headers.get("service-worker-allowed")).to.equal("/verify");
    expect(res.headers.get("cache-control")).to.equal("no-cache");
    expect((await fetch(`${served.url}/verify/verifier.js`)).headers.get("service-worker-allowed")).to.equal(null);
  });

  it("serves the label links' worker allowed to cover the resolver's /01/ links, and keeps it out of the page's precache", async function () {
    const res = await fetch(`${served.url}/verify/label-links-sw.js`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("text/javascript; charset=utf-8");
    expect(res.headers.get("service-worker-allowed")).to.equal("/01/");
    expect(await (await fetch(`${served.url}/verify/sw.js`)).text()).to.not.contain("label-links-sw.js");
  });

  it("lets the page register its worker and read its manifest, from the service only", async function () {
    const policy = (await fetch(`${served.url}/verify`)).headers.get("content-security-policy") ?? "";
    expect(policy).to.match(/(^|; )worker-src 'self'(;|$)/).and.to.match(/(^|; )manifest-src 'self'(;|$)/);
  });

  it("has the worker keep the page, its files by their hashes, and the service's trust roots", async function () {
    const worker = await (await fetch(`${served.url}/verify/sw.js`)).text();
    for (const file of ["verifier.js", "verifier.css", "zxing_reader.wasm", "manifest.webmanifest", "icon.svg"]) {
      const bytes = await readFile(path.join(served.outDir, "verifier", file));
      expect(worker, file).to.contain(`{url:"${file}",integrity:"${sha384(bytes)}"}`);
    }
    expect(worker).to.contain('page:"/verify"').and.to.contain('fresh:["trust-roots.json"]');
  });

  it("scopes the worker to the page's folder, or to /verify where the service serves the page beside its folder", function () {
    expect(workerScope(new URL("https://id.example.com/verify/sw.js"), "/verify")).to.equal("/verify");
    expect(workerScope(new URL("https://consortium.example/verifier/sw.js"), "/verifier/")).to.equal("/verifier/");
    expect(workerScope(new URL("https://consortium.example/verifier/sw.js"), "/verifier/index.html")).to.equal("/verifier/");
  });

  describe("in Chromium", function () {
    let browser: Browser;

    before(async function () {
      browser = await launchChromium();
    });

    after(async function () {
      await browser?.close();
    });

    it("opens /verify with no network once its worker is installed", async function () {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${served.url}/verify`);
      // The page registers its worker itself (app/verifier/pwa.ts).
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).to.equal(`${served.url}/verify`);
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("heading", { name: "Check a product" }).waitFor({ timeout: 10_000 });
      // Its stylesheet came from the worker's cache too.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).to.equal("rgb(242, 242, 242)");
      await context.close();
    });
  });
});
