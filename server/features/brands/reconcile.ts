/**
 * The reconciler's batch round: every confirmed batch whose root the chain no longer shows (a reset local
 * chain, a reorg deeper than the confirmation) goes back to anchoring with the same root, items and
 * signatures. A full round reads each confirmed batch from the chain; an incremental one (see
 * `reconcile-round.ts`) skips the batches found on chain before and looks up the new ones' BatchRegistered
 * rows in the chain index, reading the chain only for a batch the index does not show (yet).
 */
import type { Hex } from "viem";
import type { ServiceContext } from "../../context.ts";
import { chainIndex } from "../../indexer/service-index.ts";
import type { ReconcileRound } from "../../reconcile-round.ts";
import type { Batch } from "./store/types.ts";

/** Confirmed batches found on chain at or below the last mark; forgotten at every full round. */
const found = new WeakMap<ServiceContext, Set<Hex>>();

/** Whether the index holds the batch's BatchRegistered at or below the mark (rows above it are not checked yet). */
async function indexed(ctx: ServiceContext, batch: Batch, mark: number): Promise<boolean> {
  const { events } = await chainIndex(ctx).store.events(
    { eventName: "BatchRegistered", contract: ctx.deployment.productRegistry.address, batchId: batch.id },
    { limit: 1 },
  );
  return events.some((event) => event.blockNumber <= mark);
}

/** Sends every confirmed batch the chain lacks back to anchoring; returns how many. */
export async function reconcileBatches(ctx: ServiceContext, round: ReconcileRound): Promise<number> {
  let onChain = found.get(ctx);
  if (round.full || onChain === undefined) found.set(ctx, (onChain = new Set()));
  let reanchored = 0;
  for (const batch of await ctx.store.listBatchesInState("confirmed")) {
    if (onChain.has(batch.id)) continue;
    // Mined after the index's cursor (the index is behind, or the chain was reset under it): read from the
    // chain at every round until the index shows it, since a later reorg of that block would go unseen.
    const beyondMark = round.mark === undefined || batch.blockNumber === undefined || batch.blockNumber > round.mark.number;
    if (!round.full && !beyondMark && (await indexed(ctx, batch, round.mark!.number))) {
      onChain.add(batch.id);
      continue;
    }
    if ((await ctx.chain.getBatch(batch.id)).anchoredAt !== 0) {
      if (!beyondMark) onChain.add(batch.id);
      continue;
    }
    ctx.logger.warn({ batchId: batch.id }, "confirmed batch missing on chain; anchoring it again");
    await ctx.store.updateBatch(batch.id, {
      state: "anchoring",
      transactionHash: undefined,
      rawTransaction: undefined,
      blockNumber: undefined,
      confirmedAt: undefined,
    });
    reanchored++;
  }
  return reanchored;
}
