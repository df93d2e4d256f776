/**
 * Proofs served from stored trees (issue 12): BENCH_TREE_ITEMS items (default 10,000,000) in
 * BENCH_TREE_BATCHES batches (default 10) written straight through the store's appendItems, each batch's
 * tree built on the tree thread and saved as the anchoring worker does; then bytes per item on disk, and
 * proof latency cycling across all batches in a fresh process (cold, as after a restart) and again (warm),
 * beside the old first-ask cost of one batch (read every leaf, rebuild the tree), on SQLite and PostgreSQL.
 * Leaves and signatures are random bytes and serials are 16 characters, as issued ones: storage and proof
 * latency do not depend on what the bytes are. (PostgreSQL keeps no leaves: its trees are built over the
 * leaves it computes from the serials, so its proofs are of those.)
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Hex } from "viem";
import { Database } from "../../server/store/postgres/database.ts";
import { PgStore } from "../../server/store/postgres/pg-store.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";
import type { Store } from "../../server/store/store.ts";
import type { StoredItem } from "../../server/features/brands/store/types.ts";
import { buildStoredTree, closeTreeBuilds } from "../../server/features/brands/trees/tree-builder.ts";
import { startTestPostgres } from "../../test/helpers/postgres.ts";
import type { BenchResult } from "./results.ts";

const ITEMS = Number(process.env.BENCH_TREE_ITEMS ?? 10_000_000);
const BATCHES = Number(process.env.BENCH_TREE_BATCHES ?? 10);
const ASKS = Number(process.env.BENCH_TREE_ASKS ?? 5_000);
const CHUNK = 10_000;
const batchId = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;

async function fill(store: Store): Promise<void> {
  await store.createOrganisation({ id: "bench", name: "Bench", kind: "brand", brandId: batchId(0), parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() }, [], "bench");
  const size = Math.floor(ITEMS / BATCHES);
  for (let n = 1; n <= BATCHES; n++) {
    await store.createBatch({ id: batchId(n), orgId: "bench", brandId: batchId(0), gtin: "09506000134352", lot: `L${n}`, expiry: undefined, quantity: size, metadataUri: "", signer: `0x${"00".repeat(20)}`, serials: undefined });
    for (let from = 0; from < size; from += CHUNK) {
      const count = Math.min(CHUNK, size - from);
      const bytes = new Uint8Array(randomBytes(count * 96));
      const items: StoredItem[] = Array.from({ length: count }, (_, i) => ({
        index: from + i,
        serial: `${n.toString(36)}${(from + i).toString(36)}`.padStart(16, "X"),
        leaf: bytes.subarray(i * 96, i * 96 + 32),
        signature: bytes.subarray(i * 96 + 32, i * 96 + 96),
      }));
      await store.appendItems(batchId(n), items);
    }
    const tree = await buildStoredTree(await store.leaves(batchId(n)));
    await store.trees.save(batchId(n), tree);
    await store.updateBatch(batchId(n), { state: "confirmed", merkleRoot: tree.root });
  }
}

async function measure(location: string): Promise<{ coldP50: number; coldP99: number; warmP50: number; warmP99: number; rebuildMs: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(import.meta.dirname, "proof-storage-case.ts"), location, String(BATCHES), String(ASKS)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

function results(store: string, bytesPerItem: number, m: Awaited<ReturnType<typeof measure>>): BenchResult[] {
  const rebuild = { name: "old TreeCache: first proof of a batch (read every leaf, rebuild)", value: Math.round(m.rebuildMs), unit: "ms" };
  const ms = (v: number) => Math.round(v * 1000) / 1000;
  return [
    { name: `${store}: bytes per item with ${ITEMS.toLocaleString("en")} items and their trees`, value: Math.round(bytesPerItem), unit: "B", target: "≤ 200" },
    { name: `${store}: proof p50, cold (fresh process), across ${BATCHES} batches`, value: ms(m.coldP50), unit: "ms" },
    { name: `${store}: proof p99, cold (fresh process)`, value: ms(m.coldP99), unit: "ms", target: "≤ 10", baseline: rebuild },
    { name: `${store}: proof p50, warm`, value: ms(m.warmP50), unit: "ms" },
    { name: `${store}: proof p99, warm`, value: ms(m.warmP99), unit: "ms", target: "≤ 10" },
  ];
}

export async function benchProofStorage(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-trees-"));
  try {
    const file = path.join(dir, "veritrace.db");
    const sqlite = new SqliteStore(file);
    await fill(sqlite);
    await sqlite.close();
    // Closing the last connection checkpoints the WAL into the file: its size is the store's size.
    out.push(...results("SQLite", (await stat(file)).size / ITEMS, await measure(file)));

    const server = await startTestPostgres();
    try {
      const url = await server.createDatabase();
      const pg = await PgStore.open(url);
      await fill(pg);
      await pg.close();
      const db = new Database(url);
      // What autovacuum would do after a bulk load anyway; measured without it, its work on the fresh
      // 10,000,000 rows runs during the proofs and lifts their p99 several-fold.
      await db.query("VACUUM (ANALYZE) items");
      await db.query("VACUUM (ANALYZE) tree_pages");
      const row = await db.one<{ bytes: string }>("SELECT pg_total_relation_size('items') + pg_total_relation_size('tree_pages') AS bytes");
      await db.close();
      out.push(...results("PostgreSQL", Number(row!.bytes) / ITEMS, await measure(url)));
    } finally {
      await server.stop();
    }
  } finally {
    await closeTreeBuilds();
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
