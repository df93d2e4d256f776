/** A batch as the API shows it: the internal states `generating` and `anchoring` are both `pending`. */
import type { ApiBatchState, BatchView } from "../../../api/batches.ts";
import type { Batch, BatchState } from "./store/types.ts";

/** The one mapping from the store's states to the API's, shared by the batch view and the metrics. */
export function apiBatchState(state: BatchState): ApiBatchState {
  return state === "generating" || state === "anchoring" ? "pending" : state;
}

/** Batch counts by the API's states, from the store's counts by its own. */
export function countByApiState(counts: Record<BatchState, number>): Record<ApiBatchState, number> {
  const byApi: Record<ApiBatchState, number> = { pending: 0, submitted: 0, confirmed: 0, failed: 0 };
  for (const [state, count] of Object.entries(counts) as [BatchState, number][]) byApi[apiBatchState(state)] += count;
  return byApi;
}

export function batchView(batch: Batch): BatchView {
  const state = apiBatchState(batch.state);
  return {
    id: batch.id,
    brandId: batch.brandId,
    gtin: batch.gtin,
    lot: batch.lot,
    expiry: batch.expiry === undefined ? undefined : String(batch.expiry).padStart(6, "0"),
    quantity: batch.quantity,
    metadataUri: batch.metadataUri,
    state,
    anchoring: state,
    progress: { generated: batch.generated, total: batch.quantity },
    merkleRoot: batch.merkleRoot,
    signer: batch.signer,
    transactionHash: batch.transactionHash,
    blockNumber: batch.blockNumber,
    error: batch.error,
    createdAt: batch.createdAt,
    confirmedAt: batch.confirmedAt,
  };
}
