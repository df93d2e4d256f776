/**
 * The verifier page opened from a label (`/verify?code=…`, as the resolver redirects a phone's camera) over a
 * slow mobile link, emulated by Chromium's DevTools network throttling (400 ms latency, 50 kB/s each way):
 * when the first text is painted and when the verdict is on screen, from navigation start, on a fresh
 * browser profile (nothing cached, no service worker). The page as it was at BEFORE_REF is measured in the
 * same run, served the same way, against the same service and chain.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import express, { type Router } from "express";
import type { Browser } from "playwright-core";
import { buildApp } from "../build-app.ts";
import { launchChromium } from "../../test/helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../../test/helpers/http-stack.ts";
import { decodeQrPng } from "../../test/helpers/qr.ts";
import { unzip } from "../../test/helpers/zip.ts";
import { baselineAppTree } from "./baseline.ts";
import type { BenchResult } from "./results.ts";

/** The link of the issue: 400 ms round trip, 50 kB/s down and up. */
export const SLOW_LINK = { latencyMs: 400, bytesPerSecond: 50_000 };
/** The page before the slow-link work (main when it began). */
const BEFORE_REF = process.env.BENCH_SLOW_LINK_BEFORE_REF ?? "a9150a3";
const RUNS = 3;

const repoRoot = path.resolve(import.meta.dirname, "../..");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => Math.round(ms / 10) / 100;

export type SlowLinkTiming = { firstTextMs: number; verdictMs: number; verdict: string; requests: string[] };

export async function benchSlowLink(): Promise<BenchResult[]> {
  await buildApp();
  const beforeTree = await baselineAppTree(BEFORE_REF);
  const stack = await startHttpStack();
  const browser = await launchChromium();
  const fronts: Front[] = [];
  try {
    const uris = await labelUris(stack, RUNS * 2);
    const before = await front(beforeTree, stack, fronts);
    const after = await front(repoRoot, stack, fronts);
    const timings = { before: [] as SlowLinkTiming[], after: [] as SlowLinkTiming[] };
    for (let run = 0; run < RUNS; run++) {
      timings.before.push(await openOverSlowLink(browser, `${before}/verify?code=${encodeURIComponent(uris[2 * run]!)}`));
      timings.after.push(await openOverSlowLink(browser, `${after}/verify?code=${encodeURIComponent(uris[2 * run + 1]!)}`));
    }
    for (const [name, list] of Object.entries(timings)) {
      console.log(`  ${name}: first text ${list.map((t) => seconds(t.firstTextMs)).join(", ")} s; verdict ${list.map((t) => seconds(t.verdictMs)).join(", ")} s`);
      console.log(`  ${name}, requests of the first run (ms from navigation start to response end, bytes on the wire):\n    ${list[0]!.requests.join("\n    ")}`);
      const wrong = list.find((t) => t.verdict !== "GENUINE");
      if (wrong) throw new Error(`the ${name} page read ${wrong.verdict}, not GENUINE`);
    }
    const link = `${SLOW_LINK.latencyMs} ms, ${SLOW_LINK.bytesPerSecond / 1000} kB/s (Chromium throttling), /verify?code= of a GENUINE label`;
    const figure = (name: string, pick: (t: SlowLinkTiming) => number, target?: string): BenchResult => ({
      name: `${name} over ${link}, median of ${RUNS}`,
      value: seconds(median(timings.after.map(pick))),
      unit: "s",
      ...(target === undefined ? {} : { target }),
      baseline: { name: `the page at ${BEFORE_REF}`, value: seconds(median(timings.before.map(pick))), unit: "s" },
    });
    return [figure("first text painted (first-contentful-paint)", (t) => t.firstTextMs), figure("verdict on screen", (t) => t.verdictMs, "≤ 3 s")];
  } finally {
    await browser.close();
    for (const server of fronts) await server.close();
    await stack.close();
  }
}

/** Fresh labels of one confirmed batch, one per page load so that no scan log is shared between loads. */
async function labelUris(stack: HttpStack, count: number): Promise<string[]> {
  const brand = await stack.newBrand("Bench Slow Link");
  const batch = await stack.confirmedBatch(brand.apiKey, { gtin: "09506000134352", lot: "BENCH-SLOW", expiry: "271231", quantity: count });
  const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: brand.apiKey });
  return [...(await unzip(download.body)).values()].map((png) => decodeQrPng(png));
}

type Front = { url: string; close(): Promise<void> };

/**
 * `tree`'s web app served by `tree`'s own static routes (so its compression and caching are its own), every
 * other path passed on to the service: the page sees one origin, as it does behind the service.
 */
async function front(tree: string, stack: HttpStack, fronts: Front[]): Promise<string> {
  const { appRoutes } = (await import(path.join(tree, "server/http/static-app.ts"))) as { appRoutes: (p: { distDir: string; verifierRpcUrl: string }) => Router };
  const app = express();
  app.use(appRoutes({ distDir: path.join(tree, "app", "dist"), verifierRpcUrl: stack.rpcUrl }));
  app.use(async (req, res) => {
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(await req.toArray());
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name, value]) => typeof value === "string" && !["host", "connection", "content-length", "accept-encoding"].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(new URL(req.originalUrl, stack.url), { method: req.method, headers, body });
    res.status(answer.status);
    answer.headers.forEach((value, name) => {
      if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(name)) res.setHeader(name, value);
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fronts.push({ url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return url;
}

/** One load of `url` in a fresh profile over the slow link, timed by the page's own clock. */
export async function openOverSlowLink(browser: Browser, url: string): Promise<SlowLinkTiming> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    // The verdict's moment, seen the same way on any version of the page: the result card shown with a verdict.
    await page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        const card = document.getElementById("result");
        if (card === null || card.hidden || !card.dataset.verdict) return;
        (window as unknown as { verdictSeen: { at: number; verdict: string } }).verdictSeen = { at: performance.now(), verdict: card.dataset.verdict };
        seen.disconnect();
      });
      seen.observe(document, { subtree: true, childList: true, attributes: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: SLOW_LINK.latencyMs,
      downloadThroughput: SLOW_LINK.bytesPerSecond,
      uploadThroughput: SLOW_LINK.bytesPerSecond,
    });
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => "verdictSeen" in window, undefined, { timeout: 120_000, polling: 200 });
    return await page.evaluate(() => {
      const seen = (window as unknown as { verdictSeen: { at: number; verdict: string } }).verdictSeen;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const requests = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map(
        (entry) => `${Math.round(entry.responseEnd)} ms  ${entry.transferSize} B  ${entry.initiatorType}  ${entry.name.replace(location.origin, "").slice(0, 80)}`,
      );
      return { firstTextMs: paint?.startTime ?? Number.NaN, verdictMs: seen.at, verdict: seen.verdict, requests };
    });
  } finally {
    await context.close();
  }
}
