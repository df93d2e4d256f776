/**
 * A million-item batch through the whole stack, as a brand would make it: `scripts/start.ts` as its own
 * process (local anvil chain, fresh data folder), then POST /api/v1/batches, follow it to confirmed, and
 * fetch a proof. Reports the time from the API call to the first proof served and the service's peak RSS,
 * on the SQLite store and, side by side, on PostgreSQL (a private server, test/helpers/postgres.ts).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { waitForStack } from "./stack-ready.ts";
import type { BenchResult } from "./results.ts";
import { freePort } from "../free-port.ts";
import { postgresBinaries, startTestPostgres } from "../../test/helpers/postgres.ts";

const root = path.resolve(import.meta.dirname, "../..");
const ITEMS = Number(process.env.BENCH_E2E_ITEMS ?? 1_000_000);

/** The process's peak resident memory so far (Linux: VmHWM), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

type Run = { accepted: number; confirmed: number; firstProof: number; rss: number };

async function runBatch(databaseUrl?: string): Promise<Run> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-e2e-"));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    CHAIN_PORT: String(await freePort()),
    LOG_LEVEL: "warn",
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
  };
  const child = spawn(process.execPath, [path.join(root, "scripts/start.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d));
    const url = await waitForStack(child, env.PORT, dataDir, () => output);
    const { brandApiKey } = JSON.parse(await readFile(path.join(dataDir, "demo-credentials.json"), "utf8")) as { brandApiKey: string };
    const headers = { authorization: `Bearer ${brandApiKey}`, "content-type": "application/json" };

    const started = performance.now();
    const created = await fetch(`${url}/api/v1/batches`, {
      method: "POST",
      headers,
      body: JSON.stringify({ gtin: "09506000134352", lot: "BENCH1M", expiry: "271231", quantity: ITEMS }),
    });
    if (created.status !== 202) throw new Error(`POST answered ${created.status}: ${await created.text()}`);
    const accepted = performance.now() - started;
    const { id } = (await created.json()) as { id: string };
    let batch: { state: string; progress: { generated: number } } = { state: "pending", progress: { generated: 0 } };
    let lastReport = 0;
    for (;;) {
      try {
        batch = (await (await fetch(`${url}/api/v1/batches/${id}`, { headers })).json()) as typeof batch;
      } catch {
        // A keep-alive socket closed by the server as we reused it: ask again.
        if (child.exitCode !== null) throw new Error("the service exited");
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      if (batch.state === "confirmed" || batch.state === "failed") break;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${batch.state}, ${batch.progress.generated.toLocaleString("en")} items`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (batch.state !== "confirmed") throw new Error(`the batch ended ${batch.state}`);
    const confirmed = performance.now() - started;
    const csv = await fetch(`${url}/api/v1/batches/${id}/labels?format=csv`, { headers });
    const reader = csv.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    const serial = new TextDecoder().decode(value).split("\n")[1]!.split(",")[2]!;
    const proofStarted = performance.now();
    const proof = await fetch(`${url}/api/v1/proof?gtin=09506000134352&lot=BENCH1M&serial=${serial}`);
    if (proof.status !== 200) throw new Error(`the proof answered ${proof.status}`);
    const firstProof = performance.now() - proofStarted;
    return { accepted, confirmed, firstProof, rss: await peakRssMb(child.pid!) };
  } finally {
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchBatchEndToEnd(): Promise<BenchResult[]> {
  const sqlite = await runBatch();
  const results: BenchResult[] = [
    { name: "1,000,000-item batch: POST answered (202)", value: Math.round(sqlite.accepted), unit: "ms" },
    { name: "1,000,000-item batch: API call to confirmed on chain", value: Math.round(sqlite.confirmed / 100) / 10, unit: "s" },
    { name: "1,000,000-item batch: first proof (from the stored tree)", value: Math.round(sqlite.firstProof), unit: "ms" },
    { name: "1,000,000-item batch: API call to confirmed with proofs servable", value: Math.round((sqlite.confirmed + sqlite.firstProof) / 100) / 10, unit: "s", target: "<= 120 s" },
    { name: "1,000,000-item batch: service peak RSS", value: Math.round(sqlite.rss), unit: "MB", target: "<= 1,024 MB" },
  ];
  if (postgresBinaries() === undefined) return results;
  const server = await startTestPostgres();
  try {
    const pg = await runBatch(await server.createDatabase());
    const onSqlite = (value: number, unit: string) => ({ name: "SQLite", value, unit });
    results.push(
      { name: "1,000,000-item batch on PostgreSQL: API call to confirmed on chain", value: Math.round(pg.confirmed / 100) / 10, unit: "s", baseline: onSqlite(Math.round(sqlite.confirmed / 100) / 10, "s") },
      { name: "1,000,000-item batch on PostgreSQL: first proof", value: Math.round(pg.firstProof), unit: "ms", baseline: onSqlite(Math.round(sqlite.firstProof), "ms") },
      { name: "1,000,000-item batch on PostgreSQL: service peak RSS", value: Math.round(pg.rss), unit: "MB", baseline: onSqlite(Math.round(sqlite.rss), "MB") },
    );
  } finally {
    await server.stop();
  }
  return results;
}

if (import.meta.main) {
  for (const r of await benchBatchEndToEnd()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
