/**
 * The API's shapes, from the project's `api/` module (the same the service validates with and answers
 * in), so that the console cannot drift from what it is sent. Type-only: nothing of zod reaches the bundle.
 */
import type { z } from "zod";
import type { createBatchBody } from "../../../api/batches.ts";

export type { BatchDetailView, BatchView, DiscardedBatchView, LabelFormat, StatusChange, StatusValue } from "../../../api/batches.ts";
export type { BrandView } from "../../../api/brands.ts";

export type CreateBatchBody = z.input<typeof createBatchBody>;
