/**
 * A failed batch is not the end of its lot: the brand retries it (the same serials, signed afresh with its
 * current signer) or discards it (nothing of it is on chain, so the lot may be posted again). Both are
 * refused while its cause is plain to see (no active signer, a GTIN no longer the brand's, another root on
 * chain under its id), while an instance's worker still holds it, and, for a discard, while its anchoring
 * transaction may yet be mined: a batch on chain must keep the items its labels are proven by.
 */
import type { Hex } from "viem";
import type { ServiceContext } from "../../context.ts";
import { AppError, conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { activeSigner, checkGtinOwned, ownBatch } from "./batches.ts";
import { apiBatchState, batchView } from "./batch-view.ts";
import type { Batch, FailedBatchRefusal } from "./store/types.ts";
import type { BatchView, DiscardedBatchView } from "../../../api/batches.ts";

export async function retryBatch(ctx: ServiceContext, org: Organisation, id: Hex): Promise<BatchView> {
  const batch = failedBatch(await ownBatch(ctx, org, id), "retried");
  await checkGtinOwned(ctx, org, batch.gtin);
  const signer = await activeSigner(ctx, org);
  const onChain = await ctx.chain.getBatch(batch.id);
  // The chain's own root under this id is recognised by the worker (the same serials make the same root);
  // another root never goes away, so a retry would only fail again.
  if (onChain.anchoredAt !== 0 && (batch.merkleRoot === undefined || onChain.merkleRoot.toLowerCase() !== batch.merkleRoot.toLowerCase())) {
    throw conflict(`The chain holds another root (${onChain.merkleRoot}) under batch ${batch.lot}'s id: neither a retry nor a discard can change that`, "BATCH_ON_CHAIN");
  }
  const outcome = await ctx.store.retryFailedBatch(batch.id, signer.address);
  if ("refused" in outcome) throw refusal(batch, outcome.refused, "retried");
  ctx.logger.info({ batchId: batch.id, signer: signer.address }, "failed batch retried");
  ctx.wakeWorker();
  return batchView(outcome.batch);
}

export async function discardBatch(ctx: ServiceContext, org: Organisation, id: Hex): Promise<DiscardedBatchView> {
  const batch = failedBatch(await ownBatch(ctx, org, id), "discarded");
  // The chain is asked, not the stored state: a transaction recorded as reverted or lost may have been mined.
  if ((await ctx.chain.getBatch(batch.id)).anchoredAt !== 0) {
    throw conflict(`Batch ${batch.lot} is anchored on chain after all: it cannot be discarded; retry it to bring the service in line`, "BATCH_ON_CHAIN");
  }
  if (batch.rawTransaction !== undefined && (await ctx.chain.mayStillBeMined(batch.rawTransaction))) {
    throw conflict(
      `Batch ${batch.lot}'s anchoring transaction ${batch.transactionHash} may still be mined: retry the batch, or discard it once that transaction is replaced or dropped`,
      "BATCH_TRANSACTION_PENDING",
    );
  }
  const outcome = await ctx.store.discardFailedBatch(batch.id);
  if ("refused" in outcome) throw refusal(batch, outcome.refused, "discarded");
  ctx.logger.info({ batchId: batch.id, gtin: batch.gtin, lot: batch.lot }, "failed batch discarded");
  return { id: batch.id, gtin: batch.gtin, lot: batch.lot, discarded: true };
}

function failedBatch(batch: Batch, verb: "retried" | "discarded"): Batch {
  if (batch.state !== "failed") throw refusal(batch, "not-failed", verb);
  return batch;
}

function refusal(batch: Batch, why: FailedBatchRefusal, verb: "retried" | "discarded"): AppError {
  if (why === "claimed") {
    return new AppError(`Batch ${batch.lot} is still held by a worker finishing with it; try again in a few seconds`, {
      status: 409,
      code: "BATCH_BUSY",
      headers: { "Retry-After": "5" },
    });
  }
  // Read failed a moment ago: another request retried or discarded it since.
  if (batch.state === "failed") return conflict(`Batch ${batch.lot} was retried or discarded by another request meanwhile`, "BATCH_NOT_FAILED");
  return conflict(`Batch ${batch.lot} is ${apiBatchState(batch.state)}: only a failed batch can be ${verb}`, "BATCH_NOT_FAILED");
}
