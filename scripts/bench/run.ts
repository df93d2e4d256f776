/**
 * `npm run bench`: every benchmark in one run, printed and written to bench/results.json.
 * Benchmarks are measurements, not tests: they report what they reach, and never fail on a target.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchBatchEndToEnd } from "./batch-e2e.ts";
import { benchIssuance } from "./issuance.ts";
import { benchLabels } from "./labels.ts";
import { benchMerkle } from "./merkle.ts";
import { benchRegistryGas } from "./registry-gas.ts";
import { formatResult, type BenchResult } from "./results.ts";

const benches: Array<[string, () => Promise<BenchResult[]>]> = [
  ["registry gas", benchRegistryGas],
  ["issuance pipeline", benchIssuance],
  ["Merkle tree", benchMerkle],
  ["labels", benchLabels],
  ["a 1,000,000-item batch through the API", benchBatchEndToEnd],
];

const results: BenchResult[] = [];
for (const [name, bench] of benches) {
  console.log(`# ${name}`);
  for (const result of await bench()) {
    console.log(formatResult(result));
    results.push(result);
  }
}

const out = path.resolve(import.meta.dirname, "../../bench/results.json");
await mkdir(path.dirname(out), { recursive: true });
const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
await writeFile(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, results }, null, 2)}\n`);
console.log(`Written to ${path.relative(process.cwd(), out)}`);
