/**
 * How much a reconciliation round must look at. The chain index's cursor at the previous round is the
 * mark: when that block and the index's current cursor are both still on the chain, nothing the previous
 * round checked has changed there, so a round looks only at what is new (an incremental round, which asks
 * the index instead of the chain). At start-up, after a reorg or a reset chain (the mark's block hash
 * changed or the block is gone), or without an index, the round is a full pass that reads the chain as
 * before. Two block headers a round: constant, whatever the number of batches. Records (brands, retailers,
 * parties) are skipped in an incremental round while their store rows are as they were when the chain was
 * last brought in line with them, unless the index shows an event since that may have undone it.
 */
import { BlockNotFoundError } from "viem";
import type { ServiceContext } from "./context.ts";
import type { BlockRef, EventPosition, IndexedEvent, IndexStore } from "./indexer/index-store.ts";
import { chainIndex } from "./indexer/service-index.ts";

export type ReconcileRound = {
  /** Check every record against the chain (start-up, a reorg, no index), not only what is new. */
  full: boolean;
  /** The index's cursor, checked on the chain now: index rows at or below it may be trusted. */
  mark: BlockRef | undefined;
  /**
   * Whether the chain was brought in line with this record (`key`) as the store holds it now (`state`) at
   * an earlier round, and the index shows no event since that undoes it: then an incremental round skips it.
   */
  settled(key: string, state: unknown): boolean;
  /** Records that the chain is in line with `key`'s `state`. */
  settle(key: string, state: unknown): void;
};

/** The mark of the last round that finished, per service. */
const marks = new WeakMap<ServiceContext, BlockRef>();
/** Per service: each settled record's key and the state (as JSON) the chain was brought in line with. */
const settledStates = new WeakMap<ServiceContext, Map<string, string>>();

/**
 * Events by which someone other than this service may undo what a round settled (a registrar withdrew a
 * prefix, a brand admin removed a signer or a retailer, a platform moved its account), and the key of the
 * record each unsettles.
 */
type KeyOf = (event: IndexedEvent) => string | undefined;
const brandKey: KeyOf = (event) => (event.brandId === null ? undefined : `brand:${event.brandId}`);
const retailerKey: KeyOf = (event) => (event.account === null ? undefined : `retailer:${event.account}`);
const platformKey: KeyOf = (event) => (event.platformId === null ? undefined : `platform:${event.platformId}`);
const UNDOING_EVENTS: ReadonlyArray<[string, KeyOf]> = [
  ["PrefixWithdrawn", brandKey],
  // Keyed by the brand that gave the prefix away (`fromBrandId`).
  ["PrefixTransferred", brandKey],
  ["LabelDomainRemoved", brandKey],
  ["SignerAdded", brandKey],
  ["SignerRemoved", brandKey],
  ["BrandAdminChanged", brandKey],
  ["RetailerAuthorised", retailerKey],
  ["RetailerDeauthorised", retailerKey],
  ["PlatformAccountChanged", platformKey],
];

/** The keys whose records an event in blocks (after, upTo] may have undone, read from the index. */
async function undone(store: IndexStore, after: number, upTo: number): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const [eventName, keyOf] of UNDOING_EVENTS) {
    // After every log of block `after` (an int4 column in PostgreSQL: the largest it holds).
    let position: EventPosition | undefined = { blockNumber: after, logIndex: 2_147_483_647 };
    while (position !== undefined) {
      const page = await store.events({ eventName }, { after: position, limit: 500 });
      for (const event of page.events) {
        const key = event.blockNumber <= upTo ? keyOf(event) : undefined;
        if (key !== undefined) keys.add(key);
      }
      position = page.next ?? undefined;
    }
  }
  return keys;
}

/** Whether the chain still has `block` with that hash (false when the block is gone or was replaced). */
async function onChain(ctx: ServiceContext, block: BlockRef): Promise<boolean> {
  try {
    return (await ctx.chain.client.getBlock({ blockNumber: BigInt(block.number) })).hash === block.hash;
  } catch (error) {
    // A shorter chain (a reset or a deep reorg); any other fault fails the round, retried next time.
    if (error instanceof BlockNotFoundError) return false;
    throw error;
  }
}

export async function beginRound(ctx: ServiceContext): Promise<ReconcileRound> {
  let store: IndexStore | undefined;
  let cursor: BlockRef | undefined;
  try {
    store = chainIndex(ctx).store;
    cursor = await store.cursor();
  } catch {
    cursor = undefined; // no index (or it cannot be read): a full pass, as before the index existed
  }
  const mark = cursor !== undefined && (await onChain(ctx, cursor)) ? cursor : undefined;
  const last = marks.get(ctx);
  const full = mark === undefined || last === undefined || !(await onChain(ctx, last));
  let states = settledStates.get(ctx);
  if (full || states === undefined) settledStates.set(ctx, (states = new Map()));
  const changed = full ? new Set<string>() : await undone(store!, last!.number, mark!.number);
  return {
    full,
    mark,
    settled: (key, state) => !full && !changed.has(key.toLowerCase()) && states.get(key.toLowerCase()) === JSON.stringify(state),
    settle: (key, state) => void states.set(key.toLowerCase(), JSON.stringify(state)),
  };
}

/** Records a round that finished: the next one looks only past its mark. */
export function endRound(ctx: ServiceContext, round: ReconcileRound): void {
  if (round.mark === undefined) marks.delete(ctx);
  else marks.set(ctx, round.mark);
}
