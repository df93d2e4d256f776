/** Batches: the request shapes the routes validate and the views the API answers with. */
import type { Address, Hex } from "viem";
import { z } from "zod";
import type { StatusName } from "../core/status.ts";

export const STATUS_VALUES = ["active", "recalled", "stolen", "destroyed"] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

export const createBatchBody = z.strictObject({
  gtin: z.string().min(1, "is required: 8, 12, 13 or 14 digits, check digit included").max(14, "has more than 14 digits; a GTIN has 8, 12, 13 or 14"),
  lot: z.string(),
  expiry: z.string().regex(/^\d{6}$/, "must be YYMMDD (GS1 AI 17), e.g. 270228").optional(),
  quantity: z.number().int().optional(),
  serials: z.array(z.string()).optional(),
  metadataUri: z.string().max(2_000).default(""),
});

export const statusBody = z.strictObject({ status: z.enum(STATUS_VALUES) });

export const batchIdPath = z.object({ id: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a batch id: 0x and 64 hex digits") });

export const LABEL_FORMATS = ["pdf", "svg", "png", "csv"] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export const labelsQuery = z.strictObject({ format: z.enum(LABEL_FORMATS).default("pdf") });

/** The batch states as the API shows them (`GET /api/v1/batches/:id`): `generating` and `anchoring` are both `pending`. */
export const API_BATCH_STATES = ["pending", "submitted", "confirmed", "failed"] as const;
export type ApiBatchState = (typeof API_BATCH_STATES)[number];

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

export type BatchList = { batches: BatchView[] };

/** An item whose own status is not active, as of the block the statuses were read at. */
export type ItemStatusView = { serial: string; itemId: Hex; status: Exclude<StatusValue, "active">; blockNumber: number; transactionHash: Hex };

export type StatusUnknownCode = "BATCH_NOT_ANCHORED" | "BATCH_NOT_ON_CHAIN" | "CHAIN_UNAVAILABLE";

export type BatchStatuses = {
  /** The whole batch's status on chain; `unknown` when it could not be read (see `statusUnknown`). */
  status: StatusValue | "unknown";
  /** Items with a status of their own other than active, newest change first, at most `MAX_ITEM_STATUSES`. */
  itemStatuses: ItemStatusView[];
  /** False when more items have a status of their own than the view lists. */
  itemStatusesComplete: boolean;
  /** The block the statuses were read at (one snapshot for the batch and its items). */
  statusBlock: number | undefined;
  /** Why the statuses are unknown, in a code and in words. */
  statusUnknown: { code: StatusUnknownCode; message: string } | undefined;
};

/** One batch (`GET /batches/:id`): the view and its statuses as read from the chain. */
export type BatchDetailView = BatchView & BatchStatuses;

export type StatusChange = {
  batchId: Hex;
  serial?: string;
  itemId?: Hex;
  status: Lowercase<StatusName>;
  transactionHash: Hex;
  blockNumber: number;
};

/** The answer to `DELETE /api/v1/batches/:id`: the failed batch is gone, and its lot may be posted again. */
export type DiscardedBatchView = { id: Hex; gtin: string; lot: string; discarded: true };
