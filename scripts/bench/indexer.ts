/**
 * Chain indexer catch-up (issue 12): a few thousand registry events on anvil, followed from the deployment
 * block into an empty index, in events per second — with the default chunk (2,000 blocks), with small
 * chunks (50 blocks, as a capped provider forces), and into PostgreSQL when its server binaries are here.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { ChainIndexer } from "../../server/indexer/chain-indexer.ts";
import { SoleFollowerLock, type FollowerLock } from "../../server/indexer/follower-lock.ts";
import type { IndexStore } from "../../server/indexer/index-store.ts";
import { PostgresFollowerLock } from "../../server/indexer/postgres-follower-lock.ts";
import { PostgresIndexStore } from "../../server/indexer/postgres-index-store.ts";
import { SqliteIndexStore } from "../../server/indexer/sqlite-index-store.ts";
import { startIndexerChain, type IndexerChain } from "../../test/helpers/indexer-chain.ts";
import { startTestPostgres } from "../../test/helpers/postgres.ts";
import type { BenchResult } from "./results.ts";

const EVENTS = 5_000;
const PER_BLOCK = 10;

async function catchUp(chain: IndexerChain, store: IndexStore, lock: FollowerLock, chunkBlocks: number): Promise<{ events: number; seconds: number }> {
  const indexer = new ChainIndexer({
    client: chain.client,
    store,
    addresses: chain.addresses,
    startBlock: chain.startBlock,
    confirmations: 0,
    chunkBlocks,
    pollMs: 60_000,
    lock,
    logger: pino({ level: "silent" }),
  });
  const started = performance.now();
  await indexer.catchUp();
  const seconds = (performance.now() - started) / 1000;
  await indexer.stop();
  return { events: await store.count(), seconds };
}

export async function benchIndexer(): Promise<BenchResult[]> {
  const chain = await startIndexerChain();
  const dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-bench-index-"));
  const results: BenchResult[] = [];
  try {
    const made = performance.now();
    await chain.admitHolders(EVENTS, { label: "bench", perBlock: PER_BLOCK });
    const blocks = Number(await chain.client.getBlockNumber()) - chain.startBlock;
    console.log(`  ${EVENTS.toLocaleString("en")} events in ${blocks} blocks mined in ${((performance.now() - made) / 1000).toFixed(1)} s`);
    const rate = (r: { events: number; seconds: number }) => Math.round(r.events / r.seconds);
    // One untimed pass first: the first decode and the first queries pay for compiling, not for indexing.
    const warmUp = new SqliteIndexStore(path.join(dir, "warm-up.db"));
    await catchUp(chain, warmUp, new SoleFollowerLock(), 2_000);
    await warmUp.close();

    for (const chunk of [2_000, 50]) {
      const store = new SqliteIndexStore(path.join(dir, `chunk-${chunk}.db`));
      const run = await catchUp(chain, store, new SoleFollowerLock(), chunk);
      await store.close();
      console.log(`  SQLite, chunk ${chunk}: ${run.events} events in ${run.seconds.toFixed(2)} s`);
      results.push({ name: `indexer catch-up, SQLite, ${chunk}-block chunks (${run.events} events, ${blocks} blocks)`, value: rate(run), unit: "events/s" });
    }

    if (existsSync(process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin")) {
      const server = await startTestPostgres();
      const db = { url: await server.createDatabase(), stop: () => server.stop() };
      try {
        const store = await PostgresIndexStore.open(db.url);
        const run = await catchUp(chain, store, new PostgresFollowerLock(db.url), 2_000);
        await store.close();
        console.log(`  PostgreSQL, chunk 2000: ${run.events} events in ${run.seconds.toFixed(2)} s`);
        results.push({ name: `indexer catch-up, PostgreSQL, 2000-block chunks (${run.events} events, ${blocks} blocks)`, value: rate(run), unit: "events/s" });
      } finally {
        await db.stop();
      }
    }
  } finally {
    await chain.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
