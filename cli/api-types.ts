/**
 * The shapes the API answers with. Taken as types from the service (erased at run time, so the CLI
 * never loads server code) so that a change of the API breaks the type check here, not a user's script.
 */
import type { BatchDetailView, BatchView } from "../server/use-cases/batch-view.ts";
import type { BrandView } from "../server/use-cases/organisations.ts";
import type { StatusChange } from "../server/use-cases/statuses.ts";

export type { LabelDomainChange, PrefixChange, PrefixTransfer, PrefixView } from "../server/brands/identity.ts";
export type { ItemProof } from "../server/use-cases/proofs.ts";
export type { BatchDetailView, BatchView, BrandView, StatusChange };

export type BrandCreated = { brand: BrandView; apiKey: string };

export type BatchList = { batches: BatchView[] };

export const LABEL_FORMATS = ["pdf", "svg", "png", "csv"] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** The status the API takes, by the verb the CLI's commands use. */
export const STATUS_BY_VERB = {
  recall: "recalled",
  stolen: "stolen",
  destroyed: "destroyed",
  active: "active",
} as const satisfies Record<string, StatusChange["status"]>;

export type StatusVerb = keyof typeof STATUS_BY_VERB;
export const STATUS_VERBS = Object.keys(STATUS_BY_VERB) as StatusVerb[];
