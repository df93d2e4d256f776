/**
 * The verifier page's scan reporting (`postScan` with `session-id.ts`) against the real service: the page
 * code is bundled with esbuild as the page build does, the service's origin defined as the API base, and
 * run here with an in-memory `localStorage` standing in for the browser's.
 */
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { issueBatch, type IssuedBatch } from "../helpers/issued.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

type ServiceApi = typeof import("../../app/verifier/service-api.ts");

/** The page's service-api module, built for `apiBase`. */
async function pageModule(apiBase: string, dir: string): Promise<ServiceApi> {
  const outfile = path.join(dir, `service-api-${Math.random().toString(36).slice(2)}.mjs`);
  await build({
    entryPoints: [path.resolve(import.meta.dirname, "../../app/verifier/service-api.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile,
    define: { __VERITRACE_API_BASE__: JSON.stringify(apiBase) },
    logLevel: "silent",
  });
  return import(pathToFileURL(outfile).href) as Promise<ServiceApi>;
}

class MemoryStorage {
  readonly #items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

const SESSION_KEY = "veritrace.verifier.scanSession";

describe("verifier page: reporting scans with a service-issued session", function () {
  this.timeout(60_000);
  let svc: TestService;
  let batch: IssuedBatch;
  let dir: string;
  let page: ServiceApi;
  let storage: MemoryStorage;

  before(async function () {
    // Loopback a trusted proxy: the test can hand the page a session issued to another network.
    svc = await startTestService({ TRUSTED_PROXIES: "loopback" });
    const acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "PG1", quantity: 3 });
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-page-"));
    page = await pageModule(svc.url, dir);
  });

  beforeEach(function () {
    storage = new MemoryStorage();
    (globalThis as { localStorage?: unknown }).localStorage = storage;
  });

  after(async function () {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    await svc?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("asks the service for a session on the first scan, keeps it, and scans again in the same session", async function () {
    const first = await page.postScan({ code: batch.uris[0]! });
    expect(first).to.include({ suspicious: false, sessions: 1, scans: 1 });
    const kept = storage.getItem(SESSION_KEY);
    expect(kept).to.match(/^[A-Za-z0-9_-]{22}$/);
    const second = await page.postScan({ code: batch.uris[0]! });
    expect(second).to.include({ sessions: 1, scans: 2 });
    expect(storage.getItem(SESSION_KEY)).to.equal(kept);
  });

  it("replaces a session the service does not know (UNKNOWN_SESSION) and sends the scan again", async function () {
    storage.setItem(SESSION_KEY, "made-up-by-an-older-page-0001");
    const history = await page.postScan({ code: batch.uris[1]! });
    expect(history).to.include({ sessions: 1, scans: 1 });
    expect(storage.getItem(SESSION_KEY)).to.match(/^[A-Za-z0-9_-]{22}$/);
  });

  it("replaces a session issued to another network (SESSION_NETWORK_CHANGED) and sends the scan again", async function () {
    const elsewhere = await svc.api("POST", "/api/v1/sessions", { headers: { "x-forwarded-for": "198.51.100.7" } });
    const history = await page.postScan({ code: batch.uris[2]!, sessionId: elsewhere.body.sessionId });
    expect(history).to.include({ sessions: 1, scans: 1 });
    expect(storage.getItem(SESSION_KEY)).to.not.equal(elsewhere.body.sessionId);
  });

  it("answers undefined for a code that does not verify: it has no history", async function () {
    const unsigned = batch.uris[0]!.replace(/([?&])s=[^&]*&?/, "$1").replace(/[?&]$/, "");
    expect(await page.postScan({ code: unsigned })).to.equal(undefined);
  });
});
