/**
 * The API's shapes, taken from the service's own types so that the console cannot drift from what it
 * is sent. Type-only: nothing of the server reaches the bundle.
 */
import type { z } from "zod";
import type { createBatchBody, labelsQuery, STATUS_VALUES } from "../../../server/routes/schemas.ts";

export type { BatchDetailView, BatchView } from "../../../server/use-cases/batch-view.ts";
export type { BrandView } from "../../../server/use-cases/organisations.ts";
export type { StatusChange } from "../../../server/use-cases/statuses.ts";

export type CreateBatchBody = z.input<typeof createBatchBody>;
export type LabelFormat = NonNullable<z.input<typeof labelsQuery>["format"]>;
export type StatusValue = (typeof STATUS_VALUES)[number];
