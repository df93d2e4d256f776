/**
 * Storing a batch's items in PostgreSQL: COPY (what PgStore.appendItems does) against multi-row INSERT,
 * 100,000 items in the worker's chunks of 10,000, each chunk one transaction that also advances the batch's
 * `generated`, as the store does. SQLite's appendItems is printed beside them for reference. PostgreSQL is
 * a private server started for the run (test/helpers/postgres.ts), or TEST_DATABASE_URL's.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { Database } from "../../server/store/postgres/database.ts";
import { PgStore } from "../../server/store/postgres/pg-store.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";
import type { NewBatch, StoredItem } from "../../server/features/brands/store/types.ts";
import type { Store } from "../../server/store/store.ts";
import { startTestPostgres } from "../../test/helpers/postgres.ts";
import type { BenchResult } from "./results.ts";

const ITEMS = Number(process.env.BENCH_PG_ITEMS ?? 100_000);
const CHUNK = 10_000;
/** Rows per INSERT statement: 3 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;
const RUNS = 3;

const batchId = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const newBatch = (n: number): NewBatch => ({ id: batchId(n), orgId: "bench", brandId: batchId(0), gtin: "09506000134352", lot: `L${n}`, expiry: undefined, quantity: ITEMS, metadataUri: "", signer: `0x${"00".repeat(20)}`, serials: undefined });

function chunks(): StoredItem[][] {
  const all: StoredItem[][] = [];
  for (let from = 0; from < ITEMS; from += CHUNK) {
    all.push(Array.from({ length: Math.min(CHUNK, ITEMS - from) }, (_, i) => {
      const leaf = crypto.getRandomValues(new Uint8Array(32));
      return { index: from + i, serial: `${(from + i).toString(36).padStart(12, "0")}`, leaf, signature: crypto.getRandomValues(new Uint8Array(64)) };
    }));
  }
  return all;
}

async function insertChunk(db: Database, id: Hex, items: StoredItem[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (let from = 0; from < items.length; from += ROWS_PER_INSERT) {
      const rows = items.slice(from, from + ROWS_PER_INSERT);
      // The row's columns as the store writes them (migration 0006: no leaf).
      const values = rows.map((_, i) => `((SELECT seq FROM batches WHERE id = $1), $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4})`).join(", ");
      await tx.query(`INSERT INTO items (batch_seq, idx, serial, signature) VALUES ${values}`, [id, ...rows.flatMap((r) => [r.index, r.serial, r.signature])]);
    }
    await tx.query("UPDATE batches SET generated = generated + $1 WHERE id = $2", [items.length, id]);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function benchPgItems(): Promise<BenchResult[]> {
  const data = chunks();
  const server = await startTestPostgres();
  const dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-items-"));
  let pgStore: PgStore | undefined;
  let db: Database | undefined;
  let sqlite: SqliteStore | undefined;
  try {
    const url = await server.createDatabase();
    pgStore = await PgStore.open(url);
    db = new Database(url);
    sqlite = new SqliteStore(path.join(dir, "veritrace.db"));
    const org = { id: "bench", name: "Bench", kind: "brand" as const, brandId: undefined, parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() };
    for (const store of [pgStore, sqlite as unknown as Store]) await store.createOrganisation(org, [], "bench");
    const copy: number[] = [];
    const insert: number[] = [];
    const lite: number[] = [];
    let n = 1;
    for (let run = 0; run < RUNS; run++) {
      const a = n++;
      await pgStore.createBatch(newBatch(a));
      copy.push(await timed(async () => {
        for (const items of data) await pgStore!.appendItems(batchId(a), items);
      }));
      const b = n++;
      await pgStore.createBatch(newBatch(b));
      insert.push(await timed(async () => {
        for (const items of data) await insertChunk(db!, batchId(b), items);
      }));
      const c = n++;
      await sqlite.createBatch(newBatch(c));
      lite.push(await timed(async () => {
        for (const items of data) await sqlite!.appendItems(batchId(c), items);
      }));
    }
    const rate = (ms: number) => Math.round(ITEMS / (ms / 1000));
    return [
      { name: `PostgreSQL COPY, ${ITEMS.toLocaleString("en")} items in chunks of ${CHUNK.toLocaleString("en")} (median of ${RUNS})`, value: Math.round(median(copy)), unit: "ms", baseline: { name: `multi-row INSERT, ${ROWS_PER_INSERT} rows per statement`, value: Math.round(median(insert)), unit: "ms" } },
      { name: "PostgreSQL COPY rate", value: rate(median(copy)), unit: "items/s", baseline: { name: "multi-row INSERT rate", value: rate(median(insert)), unit: "items/s" } },
      { name: "SQLite appendItems, same items (reference)", value: Math.round(median(lite)), unit: "ms" },
    ];
  } finally {
    await pgStore?.close();
    await db?.close();
    (sqlite as unknown as { close(): void } | undefined)?.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) for (const r of await benchPgItems()) console.log(JSON.stringify(r));
