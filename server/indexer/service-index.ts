/**
 * The chain index of a running service: opened and followed from start to stop (`service.ts`), looked up
 * by the lists. Kept beside the context (like `features/licences/registry.ts`) so the context's shape is untouched.
 *
 * Reads after this service's own writes: a use-case that mined a registry transaction notes its block
 * (`noteWrite`), which wakes the follower; a list read soon after waits briefly for the index to reach
 * that block, so that what a caller just did shows in the next list.
 */
import path from "node:path";
import type { Address } from "viem";
import type { ServiceContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { ChainIndexer } from "./chain-indexer.ts";
import { SoleFollowerLock, type FollowerLock } from "./follower-lock.ts";
import type { IndexStore } from "./index-store.ts";
import { createIndexerMetrics } from "./indexer-metrics.ts";
import { PostgresFollowerLock } from "./postgres-follower-lock.ts";
import { PostgresIndexStore } from "./postgres-index-store.ts";
import { SqliteIndexStore } from "./sqlite-index-store.ts";
import { PgStore } from "../store/postgres/pg-store.ts";

/** How long a list waits for the index to show this service's own latest write. */
const READ_YOUR_WRITES_MS = 5_000;

export type ChainIndex = { follower: ChainIndexer; store: IndexStore; lastWrite: number | undefined };

const indexes = new WeakMap<ServiceContext, ChainIndex>();

/**
 * Opens the index (in the PostgreSQL store's database, on its pool, when the service runs on PostgreSQL;
 * else `chain-index.db` in the data folder) and starts following. The follower's failures are logged and
 * retried; they never stop the service.
 */
export async function startChainIndex(ctx: ServiceContext): Promise<{ stop(): Promise<void> }> {
  const { deployment, config } = ctx;
  const registries = [deployment.productRegistry, deployment.shipmentRegistry, deployment.licenceRegistry].filter((r) => r !== undefined);
  let store: IndexStore;
  let lock: FollowerLock;
  if (ctx.store instanceof PgStore && config.databaseUrl !== undefined) {
    store = new PostgresIndexStore(ctx.store.database);
    lock = new PostgresFollowerLock(config.databaseUrl);
  } else {
    store = new SqliteIndexStore(path.join(config.dataDir, "chain-index.db"));
    lock = new SoleFollowerLock();
  }
  const follower = new ChainIndexer({
    client: ctx.chain.client,
    store,
    addresses: registries.map((r) => r.address as Address),
    startBlock: Math.min(...registries.map((r) => r.blockNumber)),
    ...config.indexer,
    lock,
    logger: ctx.logger.child({ component: "chain-indexer" }),
    metrics: createIndexerMetrics(ctx.metrics.registry),
  });
  indexes.set(ctx, { follower, store, lastWrite: undefined });
  follower.start();
  return {
    async stop() {
      await follower.stop();
      await store.close();
    },
  };
}

/** The service's index; 503 INDEX_UNAVAILABLE before it is opened (a service started without one). */
export function chainIndex(ctx: ServiceContext): ChainIndex {
  const index = indexes.get(ctx);
  if (index === undefined) throw new AppError("The chain index is not running", { status: 503, code: "INDEX_UNAVAILABLE" });
  return index;
}

/** Records that this service mined a registry transaction in `blockNumber`, and wakes the follower. */
export function noteWrite(ctx: ServiceContext, blockNumber: number): void {
  const index = indexes.get(ctx);
  if (index === undefined) return;
  index.lastWrite = Math.max(index.lastWrite ?? 0, blockNumber);
  index.follower.wake();
}

/**
 * The index, once it holds this service's latest write (or after a short wait: a list then shows what is
 * indexed). Under a confirmation depth a fresh write is not listed until it is confirmed, so no wait.
 */
export async function freshIndex(ctx: ServiceContext): Promise<ChainIndex> {
  const index = chainIndex(ctx);
  if (index.lastWrite !== undefined && index.follower.confirmations === 0) await index.follower.waitFor(index.lastWrite, READ_YOUR_WRITES_MS);
  return index;
}
