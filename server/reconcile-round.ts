/**
 * How much a reconciliation round must look at. The chain index's cursor at the previous round is the
 * mark: when that block and the index's current cursor are both still on the chain, nothing the previous
 * round checked has changed there, so a round looks only at what is new (an incremental round, which asks
 * the index instead of the chain). At start-up, after a reorg or a reset chain (the mark's block hash
 * changed or the block is gone), or without an index, the round is a full pass that reads the chain as
 * before. Two block headers a round: constant, whatever the number of batches.
 */
import { BlockNotFoundError } from "viem";
import type { ServiceContext } from "./context.ts";
import type { BlockRef } from "./indexer/index-store.ts";
import { chainIndex } from "./indexer/service-index.ts";

export type ReconcileRound = {
  /** Check every record against the chain (start-up, a reorg, no index), not only what is new. */
  full: boolean;
  /** The index's cursor, checked on the chain now: index rows at or below it may be trusted. */
  mark: BlockRef | undefined;
};

/** The mark of the last round that finished, per service. */
const marks = new WeakMap<ServiceContext, BlockRef>();

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
  let cursor: BlockRef | undefined;
  try {
    cursor = await chainIndex(ctx).store.cursor();
  } catch {
    cursor = undefined; // no index (or it cannot be read): a full pass, as before the index existed
  }
  const mark = cursor !== undefined && (await onChain(ctx, cursor)) ? cursor : undefined;
  const last = marks.get(ctx);
  const full = mark === undefined || last === undefined || !(await onChain(ctx, last));
  return { full, mark };
}

/** Records a round that finished: the next one looks only past its mark. */
export function endRound(ctx: ServiceContext, round: ReconcileRound): void {
  if (round.mark === undefined) marks.delete(ctx);
  else marks.set(ctx, round.mark);
}
