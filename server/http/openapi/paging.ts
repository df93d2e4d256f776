/** The OpenAPI words for the lists the chain index serves a page at a time (`api/paging.ts`, docs/indexer.md). */
import { CURSOR_PATTERN, PAGE_LIMIT } from "../../../api/paging.ts";

export const pageParameters = [
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: PAGE_LIMIT.max, default: PAGE_LIMIT.default }, description: "items per page" },
  { name: "cursor", in: "query", required: false, schema: { type: "string", pattern: CURSOR_PATTERN.source }, description: "the previous page's nextCursor" },
];

export const pageFields = {
  nextCursor: { type: ["string", "null"], description: "pass as `cursor` for the next page; null on the last page" },
  indexedBlock: { type: ["integer", "null"], description: "the last block the chain index holds: events after it are not listed yet" },
};
