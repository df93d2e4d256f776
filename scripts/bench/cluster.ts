/**
 * Verify throughput with one instance and with two on one PostgreSQL database (`BENCH=cluster`). Both are
 * `scripts/start.ts` processes: the first starts the local chain and makes the demo brand, the second joins
 * the same chain, deployment and database (the README's recipe). autocannon runs 30 s at 50 connections on
 * the first alone, then at 25 connections on each of the two at once. On 2 cores two instances cannot add
 * cores, so the honest figures are the CPU time each verification costs (user + system time of the
 * instances' processes, from /proc) and the ratio of the two throughputs.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { freePort } from "../free-port.ts";
import { startTestPostgres } from "../../test/helpers/postgres.ts";
import type { BenchResult } from "./results.ts";
import { issueLabels, load, startStack, stopStack, type AutocannonResult, type Stack } from "./verify.ts";

const root = path.resolve(import.meta.dirname, "../..");
const DURATION_S = Number(process.env.BENCH_VERIFY_SECONDS ?? 30);
const CONNECTIONS = 50;
/** anvil's published development key, which the first instance's local chain uses for its registrar. */
const ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The second instance: joins the first's chain, deployment, keys and database. */
async function startPeer(first: { dataDir: string; chainPort: number }, databaseUrl: string): Promise<Stack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-cluster-b-"));
  await cp(path.join(first.dataDir, "deployment-31337.json"), path.join(dataDir, "deployment-31337.json"));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      RATE_LIMIT_MAX: "1000000000",
      DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      RPC_URL: `http://127.0.0.1:${first.chainPort}`,
      MASTER_KEY: (await readFile(path.join(first.dataDir, "master.key"), "utf8")).trim(),
      REGISTRAR_KEY: ANVIL_DEV_KEY,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the second instance did not start");
    if (await fetch(`${url}/readyz`).then((res) => res.ok, () => false)) return { url, child };
  }
}

type Run = { perSecond: number; cpuMsPerVerification: number; failed: number };

/** Loads `stacks` at once (the connections shared between them) and measures what their processes spent. */
async function measure(stacks: Stack[], uris: string[]): Promise<Run> {
  const pids = stacks.map((s) => s.child.pid!);
  await Promise.all(stacks.map((s) => load(s.url, uris, 3, CONNECTIONS / stacks.length)));
  const before = await Promise.all(pids.map(cpuSeconds));
  const results: AutocannonResult[] = await Promise.all(stacks.map((s) => load(s.url, uris, DURATION_S, CONNECTIONS / stacks.length)));
  const after = await Promise.all(pids.map(cpuSeconds));
  const verifications = results.reduce((sum, r) => sum + r["2xx"], 0);
  const cpu = after.reduce((sum, t, i) => sum + t - before[i]!, 0);
  return {
    perSecond: Math.round(verifications / DURATION_S),
    cpuMsPerVerification: Math.round((cpu * 1000 * 1000) / verifications) / 1000,
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
  };
}

export async function benchCluster(): Promise<BenchResult[]> {
  const postgres = await startTestPostgres();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-cluster-a-"));
  const stacks: Stack[] = [];
  try {
    const databaseUrl = await postgres.createDatabase();
    const chainPort = await freePort();
    const first = await startStack({ DATA_DIR: dataDir, PORT: String(await freePort()), CHAIN_PORT: String(chainPort), DATABASE_URL: databaseUrl });
    stacks.push(first);
    const uris = await issueLabels(first.url, dataDir);
    const second = await startPeer({ dataDir, chainPort }, databaseUrl);
    stacks.push(second);
    const one = await measure([first], uris);
    const two = await measure([first, second], uris);
    const what = `GET /api/v1/verify on PostgreSQL, ${CONNECTIONS} connections, ${DURATION_S} s, ${uris.length.toLocaleString("en")} labels in turn`;
    const single = (value: number, unit: string) => ({ name: "one instance", value, unit });
    return [
      { name: `${what}: verifications/s, two instances`, value: two.perSecond, unit: "/s", baseline: single(one.perSecond, "/s") },
      { name: `${what}: CPU per verification, two instances`, value: two.cpuMsPerVerification, unit: "ms", baseline: single(one.cpuMsPerVerification, "ms") },
      { name: `${what}: throughput ratio, two instances / one (2 cores)`, value: Math.round((two.perSecond / one.perSecond) * 100) / 100, unit: "×" },
      { name: `${what}: non-2xx answers and errors, two instances`, value: two.failed, unit: "", target: "0", baseline: single(one.failed, "") },
    ];
  } finally {
    for (const stack of stacks.reverse()) await stopStack(stack);
    await rm(dataDir, { recursive: true, force: true });
    await postgres.stop();
  }
}

if (import.meta.main) {
  for (const r of await benchCluster()) console.log(`${r.name}: ${r.value} ${r.unit}${r.baseline ? ` (${r.baseline.name} ${r.baseline.value} ${r.baseline.unit})` : ""}`);
}
