/**
 * Whether one request's heavy work holds up everyone else's (issue 12): the longest a `GET /healthz` waits
 * while the service creates a 1,000,000-item batch and while it serves that batch's labels. The stack is
 * `scripts/start.ts` as its own process (local anvil chain, fresh data folder) with `loop-monitor.ts`
 * preloaded, which logs the service's blocked spans and `monitorEventLoopDelay` each second; the probe is a
 * third process (test/helpers/health-probe.ts) asking every 20 ms. Phases, one after the other:
 *
 * - a batch of `quantity` 1,000,000, from the POST to confirmed (per state: generating, anchoring, ...);
 * - the whole 1,000,000-row CSV label download, and the batch's whole EPCIS export;
 * - 10 s each of the PDF and the SVG-zip downloads of the same batch (a whole one takes minutes; their
 *   work per label is steady, so 10 s shows the same waits);
 * - a batch of 1,000,000 serials the brand gives: the POST, then 20 s of generation.
 *
 *   node scripts/bench/event-loop.ts      (or BENCH=healthz npm run bench; BENCH_LOOP_ITEMS=100000 for a quick run,
 *                                          BENCH_LOOP_ROOT=<checkout> to measure another tree's service)
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startHealthProbe, type HealthProbe } from "../../test/helpers/health-probe.ts";
import { freePort } from "../free-port.ts";
import type { BenchResult } from "./results.ts";
import { waitForStack } from "./stack-ready.ts";

// BENCH_LOOP_ROOT: another checkout whose service is measured (the tree before a change, for its baseline).
const root = path.resolve(process.env.BENCH_LOOP_ROOT ?? path.join(import.meta.dirname, "../.."));
const ITEMS = Number(process.env.BENCH_LOOP_ITEMS ?? 1_000_000);
const SAMPLE_MS = 10_000;
const GOAL = "≤ 100 ms";

type Phase = { name: string; from: number; to: number };
type LoopLine = { gap?: number; at?: number; second?: number; max?: number; p99?: number };

const items = ITEMS.toLocaleString("en");

export async function benchEventLoop(): Promise<BenchResult[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-loop-"));
  const dataDir = path.join(work, "data");
  const loopLog = path.join(work, "loop.jsonl");
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), CHAIN_PORT: String(await freePort()), LOG_LEVEL: "warn", BENCH_LOOP_LOG: loopLog };
  const monitor = path.join(import.meta.dirname, "loop-monitor.ts");
  const service = spawn(process.execPath, ["--import", monitor, path.join(root, "scripts/start.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  let probe: HealthProbe | undefined;
  try {
    let output = "";
    service.stdout!.on("data", (d: Buffer) => (output += d));
    const url = await waitForStack(service, env.PORT, dataDir, () => output);
    const { brandApiKey } = JSON.parse(await readFile(path.join(dataDir, "demo-credentials.json"), "utf8")) as { brandApiKey: string };
    const headers = { authorization: `Bearer ${brandApiKey}`, "content-type": "application/json" };

    probe = await startHealthProbe(url, 20);
    const probes = probe.samples;

    const phases: Phase[] = [];
    const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const from = Date.now();
      try {
        return await run();
      } finally {
        phases.push({ name, from, to: Date.now() });
      }
    };

    await timed("idle", () => new Promise((resolve) => setTimeout(resolve, 2_000)));
    const batchId = await createBatch(url, headers, { quantity: ITEMS, lot: "LOOP1M" }, phases, "quantity batch");
    const csvBytes = await timed("CSV download", () => download(`${url}/api/v1/batches/${batchId}/labels?format=csv`, headers, Infinity));
    await timed("EPCIS export download", () => download(`${url}/api/v1/batches/${batchId}/epcis`, headers, Infinity));
    await timed(`PDF download (first ${SAMPLE_MS / 1000} s)`, () => download(`${url}/api/v1/batches/${batchId}/labels?format=pdf`, headers, SAMPLE_MS));
    await timed(`SVG zip download (first ${SAMPLE_MS / 1000} s)`, () => download(`${url}/api/v1/batches/${batchId}/labels?format=svg`, headers, SAMPLE_MS));
    const serials = brandSerials(ITEMS);
    await createBatch(url, headers, { serials, lot: "LOOP1MS" }, phases, "brand-serials batch", 2 * SAMPLE_MS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await probe.stop();

    const loop = (await readFile(loopLog, "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LoopLine);
    console.log(`  CSV: ${(csvBytes / 2 ** 20).toFixed(1)} MiB`);
    const results: BenchResult[] = [];
    for (const phase of phases) {
      const inPhase = probes.filter((p) => within(p.at, phase)).map((p) => p.ms);
      // A span belongs to the phase its middle falls in; the monitor notices it only once it has ended.
      const gaps = loop.filter((l) => l.gap !== undefined && within(l.at! - l.gap / 2, phase)).map((l) => l.gap!);
      const delay = Math.max(0, ...loop.filter((l) => l.second !== undefined && l.second >= phase.from && l.second - 1_000 < phase.to).map((l) => l.max!));
      const longest = Math.max(0, ...inPhase);
      const sorted = [...inPhase].sort((a, b) => a - b);
      console.log(
        `  ${phase.name}: ${((phase.to - phase.from) / 1000).toFixed(1)} s, ${inPhase.length} probes, longest /healthz wait ${longest} ms ` +
          `(p99 ${sorted[Math.floor(sorted.length * 0.99)] ?? 0} ms); blocked spans > 40 ms: ${gaps.length}, longest ${Math.max(0, ...gaps)} ms, ` +
          `total ${gaps.reduce((a, b) => a + b, 0)} ms; monitorEventLoopDelay max ${delay} ms`,
      );
      const top = loop
        .filter((l) => l.gap !== undefined && within(l.at! - l.gap / 2, phase))
        .sort((a, b) => b.gap! - a.gap!)
        .slice(0, 5)
        .map((l) => `${l.gap} ms at +${((l.at! - l.gap! - phase.from) / 1000).toFixed(1)} s`);
      if (top.length > 0) console.log(`    longest blocked spans: ${top.join(", ")}`);
      if (phase.name === "idle") continue;
      results.push({ name: `longest /healthz wait during ${phase.name}, ${items} items`, value: Math.round(longest), unit: "ms", target: GOAL });
    }
    return results;
  } finally {
    await probe?.stop();
    service.kill("SIGINT");
    await new Promise((resolve) => service.once("exit", resolve));
    await rm(work, { recursive: true, force: true });
  }
}

function within(at: number, { from, to }: Phase): boolean {
  return at >= from && at < to;
}

/** POSTs a batch and follows it, each state its own phase; stops following after `followMs`. */
async function createBatch(
  url: string,
  headers: Record<string, string>,
  body: { quantity?: number; serials?: string[]; lot: string },
  phases: Phase[],
  label: string,
  followMs = Infinity,
): Promise<string> {
  let from = Date.now();
  const created = await fetch(`${url}/api/v1/batches`, { method: "POST", headers, body: JSON.stringify({ gtin: "09506000134352", expiry: "271231", ...body }) });
  if (created.status !== 202) throw new Error(`POST answered ${created.status}: ${await created.text()}`);
  const { id, state: first } = (await created.json()) as { id: string; state: string };
  phases.push({ name: `${label}: POST`, from, to: Date.now() });
  from = Date.now();
  let state = first;
  const started = Date.now();
  for (;;) {
    let batch: { state: string };
    try {
      batch = (await (await fetch(`${url}/api/v1/batches/${id}`, { headers })).json()) as { state: string };
    } catch {
      // A keep-alive socket the service closed (held up past its keep-alive timeout) as we reused it: ask again.
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    const now = Date.now();
    if (batch.state !== state || now - started > followMs) {
      phases.push({ name: `${label}: ${state}`, from, to: now });
      from = now;
      state = batch.state;
      if (now - started > followMs) return id;
    }
    if (state === "confirmed") return id;
    if (state === "failed") throw new Error(`the ${label} failed`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Reads a download to its end, or for `limitMs`; returns the bytes read. */
async function download(url: string, headers: Record<string, string>, limitMs: number): Promise<number> {
  const controller = new AbortController();
  const timer = Number.isFinite(limitMs) ? setTimeout(() => controller.abort(), limitMs) : undefined;
  let bytes = 0;
  try {
    const res = await fetch(url, { headers, signal: controller.signal });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    const reader = res.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  return bytes;
}

/** Distinct serials as a brand might number its own: 12 characters of its own scheme. */
function brandSerials(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `SN${i.toString(36).toUpperCase().padStart(10, "0")}`);
}

if (import.meta.main) {
  for (const r of await benchEventLoop()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
