/** A batch as the API shows it: the internal states `generating` and `anchoring` are both `pending`. */
import type { Address, Hex } from "viem";
import type { ApiBatchState } from "../metrics.ts";
import type { Batch, BatchState } from "../store/store.ts";
import type { BatchStatuses } from "./batch-statuses.ts";

export type BatchView = {
  id: Hex;
  brandId: Hex;
  gtin: string;
  lot: string;
  expiry: string | undefined;
  quantity: number;
  metadataUri: string;
  /** Where the batch is on its way to the chain; `anchoring` says the same under a name that cannot be taken for its on-chain status. */
  state: ApiBatchState;
  anchoring: ApiBatchState;
  progress: { generated: number; total: number };
  merkleRoot: Hex | undefined;
  signer: Address;
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
  error: string | undefined;
  createdAt: string;
  confirmedAt: string | undefined;
};

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

/** One batch (`GET /batches/:id`): the view and its statuses as read from the chain. */
export type BatchDetailView = BatchView & BatchStatuses;
