/**
 * Runs the issuance and Merkle benchmarks on their own, without Hardhat (`npm run bench` runs them with
 * the others through `run.ts`):
 *
 *   node scripts/bench/issuance-run.ts [issuance|merkle]...
 */
import { benchIssuance } from "./issuance.ts";
import { benchMerkle } from "./merkle.ts";
import { formatResult, type BenchResult } from "./results.ts";

const benches: Record<string, () => Promise<BenchResult[]>> = { issuance: benchIssuance, merkle: benchMerkle };
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(benches);
for (const name of names) {
  const bench = benches[name];
  if (bench === undefined) throw new Error(`unknown bench ${name}; choose from ${Object.keys(benches).join(", ")}`);
  console.log(`# ${name}`);
  for (const result of await bench()) console.log(formatResult(result));
}
