/** The statuses the API takes (`POST /batches/:id/status`), by the verb the CLI's commands use. */
import type { StatusChange } from "../api/batches.ts";

export const STATUS_BY_VERB = {
  recall: "recalled",
  stolen: "stolen",
  destroyed: "destroyed",
  active: "active",
} as const satisfies Record<string, StatusChange["status"]>;

export type StatusVerb = keyof typeof STATUS_BY_VERB;
export const STATUS_VERBS = Object.keys(STATUS_BY_VERB) as StatusVerb[];
