/**
 * One fresh process of the proof-storage benchmark (proof-storage.ts): opens the store the parent filled (a PostgreSQL URL or an SQLite file),
 * asks proofs cycling across every batch, first cold (nothing of the store read yet by this process: the
 * state after a restart), then the same proofs again (warm), and times the old way for one batch: every
 * leaf read and the whole tree rebuilt, as TreeCache did on a first ask. Prints one JSON line.
 */
import type { Hex } from "viem";
import { useKeccak } from "../../core/keccak.ts";
import { buildItemMerkleTree } from "../../server/features/brands/issuance/index.ts";
import { createCoreKeccak } from "../../server/features/brands/issuance/keccak.ts";
import { PgStore } from "../../server/store/postgres/pg-store.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";

const [location, batchCount, asks] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
// As the service does at start: the few pair hashes below the stored top use the WebAssembly keccak.
useKeccak(await createCoreKeccak());
const batchId = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const store = location.startsWith("postgres") ? await PgStore.open(location) : new SqliteStore(location);
const batches = await Promise.all(Array.from({ length: batchCount }, (_, n) => store.getBatch(batchId(n + 1))));
// A fixed pseudo-random walk, so that every run asks the same proofs.
let seed = 12345;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const wanted = Array.from({ length: asks }, (_, i) => ({ batch: batches[i % batchCount]!, index: next() % batches[i % batchCount]!.generated }));

async function pass(): Promise<number[]> {
  const ms: number[] = [];
  for (const { batch, index } of wanted) {
    const started = performance.now();
    const proof = await store.trees.proof(batch.id, batch.generated, index);
    ms.push(performance.now() - started);
    if (proof === undefined) throw new Error(`No stored tree for ${batch.id}`);
  }
  return ms.sort((a, b) => a - b);
}
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const cold = await pass();
const warm = await pass();
const started = performance.now();
await buildItemMerkleTree(await store.leaves(batches[0]!.id));
const rebuildMs = performance.now() - started;
await store.close();
console.log(JSON.stringify({ coldP50: at(cold, 0.5), coldP99: at(cold, 0.99), warmP50: at(warm, 0.5), warmP99: at(warm, 0.99), rebuildMs }));
