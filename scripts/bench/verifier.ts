/**
 * The verifier page in Chromium: scan-to-verdict time over 20 camera scans of a real printed label (the
 * service's PNG, on Chromium's fake camera) against a local chain the page reads itself over HTTP, from the
 * page's own performance marks (app/verifier/perf-marks.ts: first camera frame looked at -> verdict on
 * screen); and the size of the page's JavaScript. The stack is the browser tests' own (test/helpers).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildApp, pageScriptSize, VERIFIER_SCRIPT_BUDGET_GZIP } from "../build-app.ts";
import { launchChromium } from "../../test/helpers/chromium.ts";
import { startHttpStack } from "../../test/helpers/http-stack.ts";
import { unzip } from "../../test/helpers/zip.ts";
import { writeY4m } from "../../test/helpers/y4m.ts";
import type { BenchResult } from "./results.ts";

const SCANS = 20;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const round1 = (value: number) => Math.round(value * 10) / 10;

export async function benchVerifier(): Promise<BenchResult[]> {
  const { outDir } = await buildApp();
  const size = await pageScriptSize(outDir, "verifier");
  const timings = await scanTimings();
  const total = timings.map((t) => t.total).sort((a, b) => a - b);
  const decode = timings.map((t) => t.decode).sort((a, b) => a - b);
  console.log(`  scan-to-verdict ms, in order: ${timings.map((t) => Math.round(t.total)).join(", ")}`);
  return [
    { name: `scan-to-verdict in Chromium (first camera frame -> verdict shown; local anvil chain read by the page), median of ${SCANS}`, value: round1(quantile(total, 0.5)), unit: "ms", target: "≤ 300 ms" },
    { name: `scan-to-verdict, p90 of ${SCANS}`, value: round1(quantile(total, 0.9)), unit: "ms" },
    { name: `of which decoding (first frame -> code read, zxing-wasm), median of ${SCANS}`, value: round1(quantile(decode, 0.5)), unit: "ms" },
    { name: "verifier JavaScript, gzipped (zxing_reader.wasm apart)", value: round1(size.gzip / 1024), unit: "kB", target: `≤ ${VERIFIER_SCRIPT_BUDGET_GZIP / 1024} kB` },
    { name: "verifier JavaScript, raw (minified)", value: round1(size.raw / 1024), unit: "kB" },
  ];
}

async function scanTimings(): Promise<{ total: number; decode: number }[]> {
  const stack = await startHttpStack();
  const cameraDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-camera-"));
  try {
    const brand = await stack.newBrand("Bench Verifier");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: "09506000134352", lot: "BENCH-V", expiry: "271231", quantity: 1 });
    const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: brand.apiKey });
    const [png] = [...(await unzip(download.body)).values()];
    const cameraFile = path.join(cameraDir, "label.y4m");
    await writeY4m(png!, cameraFile);
    const browser = await launchChromium(cameraFile);
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto(`${stack.url}/verify`);
      const measures = () => page.evaluate(() => performance.getEntriesByName("verifier:scan-to-verdict").length);
      // One scan first, not measured: the decoder's WebAssembly compiles once per page load.
      for (let scan = 0; scan <= SCANS; scan++) {
        const before = await measures();
        await page.getByRole("button", { name: "Scan with camera" }).click();
        await page.waitForFunction((count) => performance.getEntriesByName("verifier:scan-to-verdict").length > count, before, { timeout: 30_000 });
      }
      const verdicts = await page.locator("#result").getAttribute("data-verdict");
      if (verdicts !== "GENUINE") throw new Error(`the benchmark label read ${verdicts}, not GENUINE`);
      return await page.evaluate(() => {
        const frames = performance.getEntriesByName("verifier:frame");
        const decoded = performance.getEntriesByName("verifier:decoded");
        return performance
          .getEntriesByName("verifier:scan-to-verdict")
          .slice(1)
          .map((measure, i) => ({ total: measure.duration, decode: decoded[i + 1]!.startTime - frames[i + 1]!.startTime }));
      });
    } finally {
      await browser.close();
    }
  } finally {
    await stack.close();
    await rm(cameraDir, { recursive: true, force: true });
  }
}
