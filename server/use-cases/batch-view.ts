/** A batch as the API shows it: the internal states `generating` and `anchoring` are both `pending`. */
import type { Address, Hex } from "viem";
import type { Batch } from "../store/store.ts";
import type { BatchStatuses } from "./batch-statuses.ts";

type AnchoringState = "pending" | "submitted" | "confirmed" | "failed";

export type BatchView = {
  id: Hex;
  brandId: Hex;
  gtin: string;
  lot: string;
  expiry: string | undefined;
  quantity: number;
  metadataUri: string;
  /** Where the batch is on its way to the chain; `anchoring` says the same under a name that cannot be taken for its on-chain status. */
  state: AnchoringState;
  anchoring: AnchoringState;
  progress: { generated: number; total: number };
  merkleRoot: Hex | undefined;
  signer: Address;
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
  error: string | undefined;
  createdAt: string;
  confirmedAt: string | undefined;
};

export function batchView(batch: Batch): BatchView {
  const state = batch.state === "generating" || batch.state === "anchoring" ? "pending" : batch.state;
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
