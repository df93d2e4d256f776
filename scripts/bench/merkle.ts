/**
 * The Merkle tree of a million-item batch: `buildItemMerkleTree` (core's flat tree with the WebAssembly
 * keccak) against OpenZeppelin's `StandardMerkleTree.of` over the same items, each in its own child
 * process (`merkle-case.ts`) for its own peak RSS, with the roots and a spread of proofs compared.
 */
import { runChildCase } from "./child-case.ts";
import type { BenchResult } from "./results.ts";

const CASE = new URL("./merkle-case.ts", import.meta.url);
const ITEMS = 1_000_000;
const TEN_MINUTES = 10 * 60_000;

type TreeCase = { seconds: number; peakRssMiB: number; root: string; proofs: string };

async function run(name: string, items: number, options: { maxOldSpaceMiB?: number; timeoutMs?: number } = {}) {
  console.log(`  ${name}: ${items.toLocaleString("en")} items...`);
  const outcome = await runChildCase<TreeCase>({ script: CASE, args: [name, items], timeoutMs: TEN_MINUTES, ...options });
  if (outcome.ok) {
    console.log(`  ${name}: ${outcome.result.seconds.toFixed(2)} s, peak RSS ${outcome.result.peakRssMiB} MiB, root ${outcome.result.root}`);
  } else {
    console.log(`  ${name}: ${outcome.reason}`);
  }
  return outcome;
}

function required(outcome: Awaited<ReturnType<typeof run>>, name: string): TreeCase {
  if (!outcome.ok) throw new Error(`merkle bench case ${name} ${outcome.reason}`);
  return outcome.result;
}

const same = (a: TreeCase, b: TreeCase) => a.root === b.root && a.proofs === b.proofs;

export async function benchMerkle(): Promise<BenchResult[]> {
  const server = required(await run("server", ITEMS), "server");
  const withLeaves = required(await run("server+leaves", ITEMS), "server+leaves");
  const core = required(await run("core", ITEMS), "core");
  const openzeppelin = await run("openzeppelin", ITEMS, { maxOldSpaceMiB: 12_288 });

  let baseline: { seconds: number; peakRssMiB: number; label: string };
  let identical: boolean;
  if (openzeppelin.ok) {
    baseline = { ...openzeppelin.result, label: "StandardMerkleTree.of, 1,000,000 items" };
    identical = same(server, openzeppelin.result);
  } else {
    // The full run did not finish here: measure 100,000 and 200,000 and extrapolate linearly from their difference.
    const small = required(await run("openzeppelin", 100_000, { maxOldSpaceMiB: 4_096 }), "openzeppelin 100,000");
    const large = required(await run("openzeppelin", 200_000, { maxOldSpaceMiB: 6_144 }), "openzeppelin 200,000");
    const ours = required(await run("server", 200_000), "server 200,000");
    const perItem = (large.seconds - small.seconds) / 100_000;
    const rssPerItem = (large.peakRssMiB - small.peakRssMiB) / 100_000;
    baseline = {
      seconds: large.seconds + perItem * (ITEMS - 200_000),
      peakRssMiB: Math.round(large.peakRssMiB + rssPerItem * (ITEMS - 200_000)),
      label: `StandardMerkleTree.of, EXTRAPOLATED to 1,000,000 from 100,000 (${small.seconds.toFixed(1)} s) and 200,000 items (${large.seconds.toFixed(1)} s); the full run ${openzeppelin.reason}`,
    };
    identical = same(ours, large);
  }
  identical &&= same(server, withLeaves) && same(server, core);
  console.log(`  same root and proofs as StandardMerkleTree.of: ${identical ? "yes" : "NO"}`);

  return [
    {
      name: "Merkle tree, 1,000,000 items from their leaves (server/issuance buildItemMerkleTree)",
      value: Number(server.seconds.toFixed(2)),
      unit: "s",
      target: "≤ 10 s",
      baseline: { name: baseline.label, value: Number(baseline.seconds.toFixed(1)), unit: "s" },
    },
    {
      name: "Merkle tree, 1,000,000 items, peak RSS of the whole process (inputs included)",
      value: server.peakRssMiB,
      unit: "MiB",
      target: "≤ 400 MB",
      baseline: { name: baseline.label, value: baseline.peakRssMiB, unit: "MiB" },
    },
    {
      name: "Merkle tree, 1,000,000 items including hashing the leaves from (itemId, expiry), as StandardMerkleTree.of does",
      value: Number(withLeaves.seconds.toFixed(2)),
      unit: "s",
      baseline: { name: baseline.label, value: Number(baseline.seconds.toFixed(1)), unit: "s" },
    },
    {
      name: "Merkle tree, 1,000,000 items with core's default pure-JS keccak (the browser's path)",
      value: Number(core.seconds.toFixed(2)),
      unit: "s",
    },
    {
      name: "Merkle tree: same root and proofs as StandardMerkleTree.of (1 = yes)",
      value: identical ? 1 : 0,
      unit: "",
    },
  ];
}
