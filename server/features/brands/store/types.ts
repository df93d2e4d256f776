/** What the store keeps of brands and their batches, items and trees: this feature's part of `Store`. */
import type { Address, Hex } from "viem";
import type { StoredTree } from "../trees/stored-tree.ts";

/** Internal life cycle; the API shows `pending` for `generating` and `anchoring`. */
export type BatchState = "generating" | "anchoring" | "submitted" | "confirmed" | "failed";

/** The states the anchoring worker still has work in: what a batch claim can be taken on. */
export const UNFINISHED_BATCH_STATES = ["generating", "anchoring", "submitted"] as const satisfies readonly BatchState[];

export type Batch = {
  id: Hex;
  orgId: string;
  brandId: Hex;
  gtin: string;
  lot: string;
  expiry: number | undefined;
  quantity: number;
  metadataUri: string;
  state: BatchState;
  /** Items serialised and signed so far. */
  generated: number;
  merkleRoot: Hex | undefined;
  signer: Address;
  transactionHash: Hex | undefined;
  /** The signed transaction, kept so that a restart re-sends the very same one. */
  rawTransaction: Hex | undefined;
  blockNumber: number | undefined;
  error: string | undefined;
  createdAt: string;
  confirmedAt: string | undefined;
};

export type NewBatch = Pick<Batch, "id" | "orgId" | "brandId" | "gtin" | "lot" | "expiry" | "quantity" | "metadataUri" | "signer"> & {
  /** The brand's own serials; absent when the service makes them. */
  serials: readonly string[] | undefined;
};

/**
 * An issued item. `leaf` must be the item's Merkle leaf (`leafBytes(itemIdBytes(batchId, serial), expiry)`
 * of core/ids.ts): SQLite keeps it, PostgreSQL computes it again from the serial when read (docs/proofs.md).
 */
export type StoredItem = { index: number; serial: string; leaf: Uint8Array; signature: Uint8Array };

/** An item as its label shows it: what label downloads, exports and shipments read, a batch at a time. */
export type IssuedItem = Omit<StoredItem, "leaf">;

/** An item's GS1 key (GTIN, lot, serial): what a cloned label repeats, so what the scan log is keyed by. */
export type ItemKey = { gtin: string; lot: string; serial: string };

export type IdempotentResponse = { requestHash: string; status: number; body: unknown };

/**
 * Why the store would not retry or discard a batch: it is not failed (any more: another request retried or
 * discarded it first), or an instance still holds an unexpired claim on it (its worker is still finishing
 * with it).
 */
export type FailedBatchRefusal = "not-failed" | "claimed";

/** Brands' countries, GS1 company prefixes and label hosts (see features/brands/store/sqlite-brand-tables.ts). */
export interface BrandStore {
  setBrandCountry(orgId: string, country: string | undefined): Promise<void>;
  brandCountry(orgId: string): Promise<string | undefined>;
  setPrefixHolder(prefix: string, orgId: string, at: string): Promise<void>;
  removePrefix(prefix: string): Promise<void>;
  prefixHolder(prefix: string): Promise<string | undefined>;
  listPrefixes(orgId: string): Promise<string[]>;
  addLabelDomain(orgId: string, host: string, at: string): Promise<void>;
  removeLabelDomain(orgId: string, host: string): Promise<void>;
  listLabelDomains(orgId: string): Promise<string[]>;
}

/** Batches' Merkle trees, kept so that a proof is a few small reads (see features/brands/trees/stored-tree.ts). */
export interface TreeStore {
  /**
   * Replaces whatever tree is stored for the batch with this one (so saving twice is harmless). A save cut
   * short leaves no tree or one whose missing `ranks` pages read as no tree, never a tree with holes.
   */
  save(batchId: Hex, tree: StoredTree): Promise<void>;
  /** The proof of the batch's `index`-th of `size` items from its stored tree; undefined when none is stored. */
  proof(batchId: Hex, size: number, index: number): Promise<Hex[] | undefined>;
  /** Batches past generation (anchoring, submitted, confirmed) with no stored tree, oldest first. */
  batchesWithoutTree(): Promise<Batch[]>;
}

/** Batches, their items and the anchoring claims on them. */
export interface BatchStore {
  /**
   * Inserts the batch (and the idempotent response, when given) in one transaction. Undefined, with nothing
   * written, when the batch id or the idempotency key is taken already (another request got there first).
   */
  createBatch(batch: NewBatch, idempotency?: { orgId: string; key: string; response: IdempotentResponse }): Promise<Batch | undefined>;
  getBatch(id: Hex): Promise<Batch | undefined>;
  listBatches(orgId: string): Promise<Batch[]>;
  listBatchesInState(...states: BatchState[]): Promise<Batch[]>;
  countBatchesByState(): Promise<Record<BatchState, number>>;
  /**
   * The serials to issue, in order: the brand's list, or those kept from an earlier attempt by
   * `retryFailedBatch` (then perhaps fewer than the quantity: the rest are made anew); undefined when the
   * service makes them all.
   */
  requestedSerials(batchId: Hex): Promise<string[] | undefined>;
  /**
   * Appends generated items and advances `generated` by as many: in one transaction or several (SQLite gives
   * way between them), each storing its items with their count, so `generated` always counts the items stored.
   */
  appendItems(batchId: Hex, items: readonly StoredItem[]): Promise<void>;
  /** Every serial stored so far, to resume generation without duplicates. */
  storedSerials(batchId: Hex): Promise<Set<string>>;
  /** Leaves in item order, as one buffer of n * 32 bytes. */
  leaves(batchId: Hex): Promise<Uint8Array>;
  /** Items in order, `chunkSize` rows at a time, so that a large batch never sits in memory; without leaves, which no reader of a whole batch needs. */
  iterateItems(batchId: Hex, chunkSize?: number): AsyncGenerator<IssuedItem[]>;

  /** The brand's item: brands never share items, even on the same GTIN, lot and serial. */
  findItem(brandId: Hex, gtin: string, lot: string, serial: string): Promise<{ batch: Batch; item: StoredItem } | undefined>;
  /** Every brand's item with this GTIN, lot and serial, oldest batch first. */
  findItems(gtin: string, lot: string, serial: string): Promise<Array<{ batch: Batch; item: StoredItem }>>;
  updateBatch(id: Hex, changes: Partial<Omit<Batch, "id" | "orgId">>): Promise<void>;

  /**
   * Batch claims: a lease on an unfinished batch, so that of several instances sharing one database only
   * one drives a given batch (server/features/brands/batch-lease.ts). Claims the oldest unfinished batch that is
   * unclaimed, claimed by `owner` already (those first: an instance finishes what it holds), or whose claim
   * has expired, for `leaseMs` from now, checked and written in one transaction; undefined when there is
   * none. On PostgreSQL "now" is the database's clock, so clock skew between machines cannot make two
   * owners.
   */
  claimBatchWork(owner: string, leaseMs: number): Promise<Batch | undefined>;
  /**
   * Extends `owner`'s claim on the batch to `leaseMs` from now; false, changing nothing, when the batch is
   * no longer claimed by `owner` (another instance took it over after the claim expired, or it was released).
   */
  renewBatchClaim(id: Hex, owner: string, leaseMs: number): Promise<boolean>;
  /** Gives up `owner`'s claim on the batch (nothing when another owner holds it). */
  releaseBatchClaim(id: Hex, owner: string): Promise<void>;

  getIdempotentResponse(orgId: string, key: string): Promise<IdempotentResponse | undefined>;

  /**
   * Sets a failed batch going again, in one transaction: its items and tree are deleted, the serials made so
   * far kept as the serials to issue (so a retry issues the same ones), the state, progress, root,
   * transaction and error cleared, `signer` recorded as its new signer, and its claim cleared (so a holder
   * that paused past its lease loses it at its next renewal). Refused, changing nothing, when the batch is
   * not failed or an instance holds an unexpired claim on it.
   */
  retryFailedBatch(id: Hex, signer: Address): Promise<{ batch: Batch } | { refused: FailedBatchRefusal }>;
  /**
   * Deletes a failed batch with its items, tree and the idempotent responses that answered with it, in one
   * transaction, so that its lot may be posted again. Refused as `retryFailedBatch` is. The caller checks
   * the chain first: the store cannot know whether an anchoring transaction was mined.
   */
  discardFailedBatch(id: Hex): Promise<{ discarded: true } | { refused: FailedBatchRefusal }>;
}
