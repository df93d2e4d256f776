/**
 * The verify endpoint under load, as the issue sets it: `scripts/start.ts` as its own process (local
 * anvil chain, fresh data folder, rate limit out of the way), a batch of 1,000 items through the API, then
 * autocannon for 30 s at 50 connections on GET /api/v1/verify?code=<the labels in turn>. Once with the
 * cache (the default) and once with VERIFY_CACHE=off, the baseline: every chain read and signature
 * recovery done afresh per request. Both runs serve the same chain and store (the stack is restarted), and
 * both are measured after one pass over every label (reported too: the cold cost per label) and 3 s of
 * warm-up, so that the figures describe a verifier whose products have been seen before.
 *
 * The same load also runs against the code before the trust anchors (protocol 1, `baseline.ts`), checked out
 * and built beside this one: what the trust roots, GTIN owner, brand and label-host reads cost per verification.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { waitForStack } from "./stack-ready.ts";
import type { BenchResult } from "./results.ts";
import { freePort } from "../free-port.ts";
import { BASELINE_REF, baselineTree } from "./baseline.ts";

const root = path.resolve(import.meta.dirname, "../..");
const ITEMS = Number(process.env.BENCH_VERIFY_ITEMS ?? 1_000);
const DURATION_S = Number(process.env.BENCH_VERIFY_SECONDS ?? 30);
const CONNECTIONS = 50;

type Histogram = { average: number; p50: number; p99: number };
export type AutocannonResult = { requests: Histogram; latency: Histogram; non2xx: number; errors: number; timeouts: number; "2xx": number };
type AutocannonRequest = { method?: string; path?: string };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: string; setupRequest: (request: AutocannonRequest) => AutocannonRequest }>;
}) => Promise<AutocannonResult>;

export type Stack = { url: string; child: ChildProcess };

export async function startStack(env: Record<string, string>, tree = root): Promise<Stack> {
  const child = spawn(process.execPath, [path.join(tree, "scripts/start.ts")], {
    cwd: tree,
    env: { ...process.env, LOG_LEVEL: "warn", RATE_LIMIT_MAX: "1000000000", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  return { url: await waitForStack(child, env.PORT!, env.DATA_DIR!, () => output), child };
}

export async function stopStack({ child }: Stack): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGINT");
  await new Promise((resolve) => child.once("exit", resolve));
}

/** A batch of ITEMS labels through the API; returns their URIs from the labels CSV. */
export async function issueLabels(url: string, dataDir: string): Promise<string[]> {
  const { brandApiKey } = JSON.parse(await readFile(path.join(dataDir, "demo-credentials.json"), "utf8")) as { brandApiKey: string };
  const headers = { authorization: `Bearer ${brandApiKey}`, "content-type": "application/json" };
  const created = await fetch(`${url}/api/v1/batches`, {
    method: "POST",
    headers,
    body: JSON.stringify({ gtin: "09506000134352", lot: "BENCHV", expiry: "271231", quantity: ITEMS }),
  });
  if (created.status !== 202) throw new Error(`POST answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  for (;;) {
    const { state } = (await (await fetch(`${url}/api/v1/batches/${id}`, { headers })).json()) as { state: string };
    if (state === "confirmed") break;
    if (state === "failed") throw new Error("the batch failed");
    await new Promise((r) => setTimeout(r, 200));
  }
  const csv = await (await fetch(`${url}/api/v1/batches/${id}/labels?format=csv`, { headers })).text();
  return csv
    .trim()
    .split("\r\n")
    .slice(1)
    .map((row) => row.slice(row.lastIndexOf(",") + 1));
}

/** autocannon on the verify endpoint, each request the next label in turn; checks one answer first. */
export async function load(url: string, uris: readonly string[], seconds: number, connections = CONNECTIONS): Promise<AutocannonResult> {
  const paths = uris.map((uri) => `/api/v1/verify?code=${encodeURIComponent(uri)}`);
  const probe = (await (await fetch(url + paths[0])).json()) as { verdict: string };
  if (probe.verdict !== "GENUINE") throw new Error(`the first label verified ${probe.verdict}, not GENUINE`);
  let next = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
}

/** One request per label, one at a time: what the first verification of each label costs (cold caches). */
async function firstPass(url: string, uris: readonly string[]): Promise<number> {
  const started = performance.now();
  for (const uri of uris) {
    const res = await fetch(`${url}/api/v1/verify?code=${encodeURIComponent(uri)}`);
    if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
    await res.arrayBuffer();
  }
  return (performance.now() - started) / uris.length;
}

type Measured = { result: AutocannonResult; uris: string[]; firstPassMs: number };

async function measure(dataDir: string, env: Record<string, string>, uris?: string[], tree = root): Promise<Measured> {
  const stack = await startStack({ DATA_DIR: dataDir, PORT: String(await freePort()), CHAIN_PORT: String(await freePort()), ...env }, tree);
  try {
    const labels = uris ?? (await issueLabels(stack.url, dataDir));
    // Every label once (the steady state of a busy verifier: products already seen), then JIT warm-up.
    const firstPassMs = await firstPass(stack.url, labels);
    await load(stack.url, labels, 3);
    const result = await load(stack.url, labels, DURATION_S);
    return { result, uris: labels, firstPassMs };
  } finally {
    await stopStack(stack);
  }
}

export async function benchVerify(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-verify-"));
  try {
    const cached = await measure(dataDir, { VERIFY_CACHE: "on" });
    const fresh = await measure(dataDir, { VERIFY_CACHE: "off" }, cached.uris);
    const tree = await baselineTree();
    const beforeDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-verify-baseline-"));
    const before = await measure(beforeDir, { VERIFY_CACHE: "on" }, undefined, tree).finally(() => rm(beforeDir, { recursive: true, force: true }));
    const c = cached.result;
    const b = fresh.result;
    const p1 = before.result;
    const protocol1 = (name: string, value: number, unit: string) => ({ name: `protocol 1 code (${BASELINE_REF}), ${name}`, value, unit });
    const what = `GET /api/v1/verify, ${CONNECTIONS} connections, ${DURATION_S} s, ${cached.uris.length.toLocaleString("en")} labels in turn`;
    const baseline = (name: string, value: number, unit: string) => ({ name: `VERIFY_CACHE=off (${name})`, value, unit });
    return [
      { name: `${what}: verifications/s`, value: Math.round(c.requests.average), unit: "/s", target: ">= 3,000 /s", baseline: baseline("fresh reads", Math.round(b.requests.average), "/s") },
      { name: `${what}: p50 latency`, value: c.latency.p50, unit: "ms", baseline: baseline("fresh reads", b.latency.p50, "ms") },
      { name: `${what}: p99 latency`, value: c.latency.p99, unit: "ms", target: "<= 50 ms", baseline: baseline("fresh reads", b.latency.p99, "ms") },
      {
        name: `GET /api/v1/verify, first verification of each label, one at a time (cold caches): mean latency`,
        value: Math.round(cached.firstPassMs * 10) / 10,
        unit: "ms",
        baseline: baseline("fresh reads", Math.round(fresh.firstPassMs * 10) / 10, "ms"),
      },
      { name: `${what}: non-2xx answers and errors`, value: c.non2xx + c.errors + c.timeouts, unit: "", target: "0", baseline: baseline("fresh reads", b.non2xx + b.errors + b.timeouts, "") },
      {
        name: `${what}: verifications/s with the trust anchors`,
        value: Math.round(c.requests.average),
        unit: "/s",
        target: "no worse than before",
        baseline: protocol1("cached", Math.round(p1.requests.average), "/s"),
      },
      { name: `${what}: p99 latency with the trust anchors`, value: c.latency.p99, unit: "ms", target: "<= 50 ms", baseline: protocol1("cached", p1.latency.p99, "ms") },
      {
        name: `GET /api/v1/verify, first verification of each label, one at a time, with the trust anchors: mean latency`,
        value: Math.round(cached.firstPassMs * 10) / 10,
        unit: "ms",
        baseline: protocol1("cached", Math.round(before.firstPassMs * 10) / 10, "ms"),
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const r of await benchVerify()) console.log(`${r.name}: ${r.value} ${r.unit}${r.baseline ? ` (baseline ${r.baseline.value} ${r.baseline.unit})` : ""}`);
}
