/**
 * The chain index: registry events copied into the database by one follower (`chain-indexer.ts`), so that
 * lists read rows instead of the chain's whole event range per request. The chain stays the truth: the
 * index only ever holds what the chain showed at `cursor`, and a reorg rolls it back (`rollBackTo`).
 * Two implementations: SQLite (`sqlite-index-store.ts`) and PostgreSQL (`postgres-index-store.ts`).
 */
import type { Address, Hex } from "viem";

/** The main keys an event names, as columns the lists filter on (null when the event has none). */
export type EventKeys = {
  brandId: Hex | null;
  batchId: Hex | null;
  workId: Hex | null;
  shipmentId: Hex | null;
  licenceId: Hex | null;
  noticeId: Hex | null;
  platformId: Hex | null;
  /** The acting or owning account (owner, sender, admin, signer, shipper, office, …: see `event-keys.ts`). */
  account: Address | null;
  /** A second account some events name (principal, consignee, recipient, licensee's grantor, …). */
  otherAccount: Address | null;
};

export type IndexedEvent = EventKeys & {
  blockNumber: number;
  blockHash: Hex;
  logIndex: number;
  transactionHash: Hex;
  /** The registry that emitted it (lower-case). */
  contract: Address;
  eventName: string;
  /** The decoded arguments as JSON (integers as decimal strings). */
  args: Record<string, unknown>;
};

export type BlockRef = { number: number; hash: Hex };

/** Where the follower is: the last block whose events are all in the index. */
export type IndexCursor = BlockRef;

/** A chunk the follower read: its events, the hashes of the blocks it saw, and the new cursor. */
export type IndexChunk = { events: IndexedEvent[]; blocks: BlockRef[]; cursor: IndexCursor };

/**
 * Filters on the key columns, all optional; `account` matches `account` or `otherAccount` (a party on
 * either side), or only the `account` column with `accountRole: "account"` (a licensee, not a grantor).
 */
export type EventFilter = Partial<Omit<EventKeys, "otherAccount">> & { eventName: string; contract?: Address; accountRole?: "either" | "account" };

/** A page position: events strictly after this (block, log index), oldest first. */
export type EventPosition = { blockNumber: number; logIndex: number };

export type EventPage = { events: IndexedEvent[]; next: EventPosition | null };

export interface IndexStore {
  /** The last indexed block, or undefined before the first chunk. */
  cursor(): Promise<IndexCursor | undefined>;
  /** The stored hashes of blocks numbered `from` and above, highest first. */
  recentBlocks(from: number): Promise<BlockRef[]>;
  /**
   * Adds a chunk's events and block hashes and moves the cursor, in one transaction: after a crash the
   * index holds the chunk whole or not at all. An event already stored (same block hash, log index) is kept
   * once. Block hashes below `pruneBelow` are forgotten.
   */
  addChunk(chunk: IndexChunk, pruneBelow: number): Promise<void>;
  /**
   * Undoes a reorg in one transaction: deletes the events and block hashes of blocks above `to.number` and
   * sets the cursor to `to` (undefined: the index is emptied, to be followed again from the start).
   */
  rollBackTo(to: IndexCursor | undefined): Promise<void>;
  /** One page of events of one name matching `filter`, oldest first. */
  events(filter: EventFilter, page: { after?: EventPosition | undefined; limit: number }): Promise<EventPage>;
  /** How many events are stored (tests, benchmark). */
  count(): Promise<number>;
  close(): Promise<void>;
}
