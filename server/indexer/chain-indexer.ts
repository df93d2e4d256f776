/**
 * The follower: copies the registries' events into the index up to head − confirmations, chunk by chunk,
 * each chunk and the cursor in one transaction. Every round first checks that the cursor's block is still
 * on the chain; when its hash changed (a reorg), the follower finds the highest stored block that still
 * matches, deletes everything above it and follows again from there.
 *
 * One follower at a time across instances (`follower-lock.ts`): an instance that does not hold the lock
 * only tries to take it, each round.
 */
import type { Logger } from "pino";
import type { Address, Hex, Log, PublicClient } from "viem";
import { decodeLogs } from "./event-keys.ts";
import type { FollowerLock } from "./follower-lock.ts";
import type { BlockRef, IndexCursor, IndexStore } from "./index-store.ts";
import type { IndexerMetrics } from "./indexer-metrics.ts";
import { LogReader } from "./log-reader.ts";

/** Block hashes kept beyond the confirmation depth, to find a fork point in reorgs deeper than expected. */
export const REORG_MARGIN_BLOCKS = 64;

export type ChainIndexerOptions = {
  client: PublicClient;
  store: IndexStore;
  /** The registries whose events are indexed. */
  addresses: Address[];
  /** The first block that can hold their events (the earliest deployment block). */
  startBlock: number;
  confirmations: number;
  chunkBlocks: number;
  pollMs: number;
  lock: FollowerLock;
  logger: Logger;
  metrics?: IndexerMetrics | undefined;
};

export type RoundResult = { indexedTo: number | undefined; events: number; reorg: boolean };

export class ChainIndexer {
  readonly #o: ChainIndexerOptions;
  readonly #reader: LogReader;
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<RoundResult | undefined> | undefined;
  /** Not started, or stopped: no timer runs. */
  #stopped = true;
  /** stop() was called: a round in progress ends after its current chunk. */
  #closing = false;
  #cursor: IndexCursor | undefined;
  readonly #waiters = new Set<() => void>();

  constructor(options: ChainIndexerOptions) {
    this.#o = options;
    this.#reader = new LogReader({ client: options.client, addresses: options.addresses, chunkBlocks: options.chunkBlocks });
  }

  get store(): IndexStore {
    return this.#o.store;
  }

  get confirmations(): number {
    return this.#o.confirmations;
  }

  /** The last block this instance knows to be indexed (its own rounds, or the store's at the last read). */
  get indexedTo(): number | undefined {
    return this.#cursor?.number;
  }

  start(): void {
    this.#stopped = false;
    this.#closing = false;
    this.#schedule(0);
  }

  /** Stops between chunks: a chunk being written is committed whole first. Releases the lock. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#closing = true;
    clearTimeout(this.#timer);
    await this.#round?.catch(() => undefined);
    await this.#o.lock.release().catch(() => undefined);
    for (const wake of this.#waiters) wake();
  }

  /** Follows now instead of at the next tick (after this service mined a registry transaction). */
  wake(): void {
    if (!this.#stopped) this.#schedule(0);
  }

  /**
   * Waits, at most `timeoutMs`, until the index holds block `blockNumber` (true) — so a list read right after
   * this service's own write shows it. False on timeout or once stopped.
   */
  async waitFor(blockNumber: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (((await this.#o.store.cursor())?.number ?? -1) >= blockNumber) return true;
      if (this.#stopped || Date.now() >= deadline) return false;
      // The follower (this instance's, or another's on a shared database) moves the cursor; look again soon.
      if (this.#o.lock.held) this.wake();
      await new Promise<void>((resolve) => {
        const done = () => (this.#waiters.delete(done), clearTimeout(timer), resolve());
        const timer = setTimeout(done, Math.min(100, Math.max(0, deadline - Date.now())));
        this.#waiters.add(done);
      });
    }
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    if (this.#round !== undefined) {
      // A round is running: follow again right after it, for whatever woke us.
      await this.#round.catch(() => undefined);
      if (this.#stopped) return;
    }
    try {
      await this.catchUp();
    } catch (err) {
      this.#o.logger.warn({ err }, "chain indexer round failed; retrying");
    }
    if (!this.#stopped) this.#schedule(this.#o.pollMs);
  }

  /**
   * One round: takes the lock if free, rolls back a reorg, then indexes up to head − confirmations.
   * Undefined when another instance holds the lock. Concurrent callers share the running round.
   */
  catchUp(): Promise<RoundResult | undefined> {
    this.#round ??= this.#follow().finally(() => (this.#round = undefined));
    return this.#round;
  }

  async #follow(): Promise<RoundResult | undefined> {
    const { store, client, confirmations, lock, metrics } = this.#o;
    if (!lock.held && !(await lock.tryAcquire())) return undefined;
    const head = Number(await client.getBlockNumber({ cacheTime: 0 }));
    const target = head - confirmations;
    let cursor = await store.cursor();
    const reorg = cursor !== undefined && (await this.#rollBackReorg(cursor));
    if (reorg) cursor = await store.cursor();
    this.#setCursor(cursor, head);
    let events = 0;
    while (!this.#closing && lock.held && (cursor?.number ?? this.#o.startBlock - 1) < target) {
      const from = BigInt((cursor?.number ?? this.#o.startBlock - 1) + 1);
      const read = await this.#reader.next(from, BigInt(target));
      const chunk = await this.#chunkOf(read.logs, Number(read.to), head);
      if (chunk === undefined) break; // the chain moved under the read: the next round rechecks
      await store.addChunk(chunk, chunk.cursor.number - confirmations - REORG_MARGIN_BLOCKS);
      cursor = chunk.cursor;
      events += chunk.events.length;
      metrics?.events.inc(chunk.events.length);
      this.#setCursor(cursor, head);
    }
    return { indexedTo: cursor?.number, events, reorg };
  }

  #setCursor(cursor: IndexCursor | undefined, head: number): void {
    this.#cursor = cursor;
    const at = cursor?.number ?? this.#o.startBlock - 1;
    this.#o.metrics?.cursor.set(at);
    this.#o.metrics?.lag.set(Math.max(0, head - at));
    for (const wake of this.#waiters) wake();
  }

  /**
   * The chunk's rows, its block hashes and its end block as the new cursor. The hashes the logs carry are
   * checked against the headers of their blocks read now (for blocks inside the reorg window): a log read
   * from a fork that vanished meanwhile never reaches the index. Undefined when they disagree.
   */
  async #chunkOf(logs: Log[], to: number, head: number) {
    const window = this.#o.confirmations + REORG_MARGIN_BLOCKS;
    const hashes = new Map<number, Hex>();
    for (const log of logs) hashes.set(Number(log.blockNumber), log.blockHash!);
    const checked = [...new Set([to, ...[...hashes.keys()].filter((n) => head - n <= window)])];
    const headers = await Promise.all(checked.map((n) => this.#o.client.getBlock({ blockNumber: BigInt(n) })));
    for (const header of headers) {
      const number = Number(header.number);
      const logged = hashes.get(number);
      if (logged !== undefined && logged !== header.hash) return undefined;
      hashes.set(number, header.hash!);
    }
    const blocks: BlockRef[] = [...hashes].map(([number, hash]) => ({ number, hash }));
    return { events: decodeLogs(logs), blocks, cursor: { number: to, hash: hashes.get(to)! } };
  }

  /**
   * True when the cursor's block is no longer on the chain: then the index is rolled back to the highest
   * stored block whose hash still matches (or emptied, for a reorg deeper than every stored hash).
   */
  async #rollBackReorg(cursor: IndexCursor): Promise<boolean> {
    const { client, store, logger, metrics } = this.#o;
    const now = await client.getBlock({ blockNumber: BigInt(cursor.number) }).catch((error: unknown) => {
      // A node behind the cursor (a restarted dev chain, a lagging replica) has no such block: treat as changed.
      if ((error as { name?: string }).name === "BlockNotFoundError") return undefined;
      throw error;
    });
    if (now?.hash === cursor.hash) return false;
    let forkPoint: IndexCursor | undefined;
    for (const stored of await store.recentBlocks(0)) {
      if (stored.number >= cursor.number) continue;
      const block = await client.getBlock({ blockNumber: BigInt(stored.number) }).catch(() => undefined);
      if (block?.hash === stored.hash) {
        forkPoint = stored;
        break;
      }
    }
    await store.rollBackTo(forkPoint);
    metrics?.reorgs.inc();
    const log = forkPoint === undefined ? logger.error.bind(logger) : logger.warn.bind(logger);
    log(
      { cursor: cursor.number, cursorHash: cursor.hash, chainHash: now?.hash ?? null, rolledBackTo: forkPoint?.number ?? null },
      forkPoint === undefined ? "chain reorg deeper than the stored block hashes: the index is rebuilt from the start" : "chain reorg: index rolled back",
    );
    return true;
  }
}
