/**
 * Issuing throughput: serial, item id, leaf, EIP-712 signature and label URI per item, with the worker
 * pool of `server/issuance/`, against the same items signed one at a time with viem's `signTypedData`.
 * Every case runs in its own child process (`issuance-case.ts`); the machine is shared, so each
 * throughput is the best of a few runs, and CPU time per item (steadier) is reported beside it.
 */
import os from "node:os";
import { runChildCase } from "./child-case.ts";
import { signerBackend } from "../../server/features/brands/issuance/compact-signer.ts";
import type { BenchResult } from "./results.ts";

const CASE = new URL("./issuance-case.ts", import.meta.url);
const PIPELINE_ITEMS = 100_000;
const BASELINE_ITEMS = 3_000;
const RUNS = 3;

type Throughput = { itemsPerSecond: number; cpuMicrosecondsPerItem: number; peakRssMiB: number };

async function child<T>(name: string, items: number): Promise<T> {
  const outcome = await runChildCase<T>({ script: CASE, args: [name, items], timeoutMs: 10 * 60_000 });
  if (!outcome.ok) throw new Error(`issuance bench case ${name} ${outcome.reason}`);
  return outcome.result;
}

function describe(name: string, run: number, result: Throughput): string {
  return (
    `  ${name} run ${run}/${RUNS}: ${Math.round(result.itemsPerSecond).toLocaleString("en")} items/s, ` +
    `${Math.round(result.cpuMicrosecondsPerItem)} µs CPU per item, peak RSS ${result.peakRssMiB} MiB`
  );
}

const best = (runs: Throughput[]) => runs.reduce((b, r) => (r.itemsPerSecond > b.itemsPerSecond ? r : b));
const leastCpu = (runs: Throughput[]) => Math.min(...runs.map((r) => r.cpuMicrosecondsPerItem));

async function runs(name: string, items: number): Promise<Throughput[]> {
  const results: Throughput[] = [];
  for (let run = 1; run <= RUNS; run++) {
    results.push(await child<Throughput>(name, items));
    console.log(describe(name, run, results.at(-1)!));
  }
  return results;
}

export async function benchIssuance(): Promise<BenchResult[]> {
  const cores = os.availableParallelism();
  console.log("  keccak-256 and signing alone, one thread...");
  const keccak = await child<{ nobleMicroseconds: number; hashWasmMicroseconds: number }>("keccak", 300_000);
  const sign = await child<{ signaturesPerSecond: number; cpuMicrosecondsPerSignature: number }>("sign", 10_000);
  console.log(`  signing alone: ${Math.round(sign.signaturesPerSecond).toLocaleString("en")}/s, ${Math.round(sign.cpuMicrosecondsPerSignature)} µs CPU each`);
  console.log(`  baseline: ${BASELINE_ITEMS.toLocaleString("en")} items, viem signTypedData one at a time...`);
  const baselineRuns = await runs("baseline", BASELINE_ITEMS);
  console.log(`  pipeline: ${PIPELINE_ITEMS.toLocaleString("en")} items, ${cores} workers...`);
  const pipelineRuns = await runs("pipeline", PIPELINE_ITEMS);
  const pipeline = best(pipelineRuns);
  const baseline = best(baselineRuns);
  // The machine is shared and its speed drifts from minute to minute; CPU time per item drifts far less
  // than wall-clock throughput, so it is reported too, and turned into what idle cores would give.
  const pipelineCpu = leastCpu(pipelineRuns);
  const baselineCpu = leastCpu(baselineRuns);

  return [
    {
      name: `issuance pipeline (serial, id, leaf, signature, URI), ${cores} cores, best of ${RUNS} × ${PIPELINE_ITEMS.toLocaleString("en")} items`,
      value: Math.round(pipeline.itemsPerSecond),
      unit: "items/s",
      target: "≥ 15,000 items/s on 2 cores",
      baseline: { name: `viem signTypedData one item at a time, 1 thread, best of ${RUNS}`, value: Math.round(baseline.itemsPerSecond), unit: "items/s" },
    },
    {
      name: `issuance pipeline, CPU time per item (all threads), least of ${RUNS}`,
      value: Math.round(pipelineCpu),
      unit: "µs",
      baseline: { name: "viem signTypedData one at a time", value: Math.round(baselineCpu), unit: "µs" },
    },
    {
      name: `issuance pipeline, PROJECTED on ${cores} idle cores from its CPU time per item (${cores} × 10^6 / CPU µs per item)`,
      value: Math.round((cores * 1e6) / pipelineCpu),
      unit: "items/s",
      target: "≥ 15,000 items/s on 2 cores",
      baseline: { name: `viem one at a time, projected the same way on 1 core`, value: Math.round(1e6 / baselineCpu), unit: "items/s" },
    },
    {
      name: `signing alone: libsecp256k1 (${signerBackend}), 1 thread`,
      value: Math.round(sign.signaturesPerSecond),
      unit: "signatures/s",
    },
    {
      name: `issuance pipeline, peak RSS (${PIPELINE_ITEMS.toLocaleString("en")} items, main thread and workers)`,
      value: pipeline.peakRssMiB,
      unit: "MiB",
      baseline: { name: `viem one at a time, ${BASELINE_ITEMS.toLocaleString("en")} items`, value: baseline.peakRssMiB, unit: "MiB" },
    },
    {
      name: "keccak-256 of 64 bytes, hash-wasm (reused hasher)",
      value: Number(keccak.hashWasmMicroseconds.toFixed(2)),
      unit: "µs",
      baseline: { name: "@noble/hashes keccak_256", value: Number(keccak.nobleMicroseconds.toFixed(2)), unit: "µs" },
    },
  ];
}
