/**
 * Paging of the lists the chain index serves (works, notices, licences, seizures, a brand's
 * infringements): `limit` items after `cursor`, the previous page's `nextCursor` (docs/indexer.md).
 */
import { z } from "zod";

export const PAGE_LIMIT = { default: 100, max: 500 };

/** A cursor is `<block>.<log index>` of the previous page's last event: anything else was not made by a list. */
export const CURSOR_PATTERN = /^\d{1,15}\.\d{1,9}$/;

/** The query fields every paged list takes, spread into its query schema. */
export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT.max).default(PAGE_LIMIT.default),
  cursor: z.string().regex(CURSOR_PATTERN, "must be a nextCursor this list returned").optional(),
};

export type PageRequest = { limit: number; cursor?: string | undefined };

/** What every page answers beside its items. */
export type PageInfo = {
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The last block the chain index holds: events after it are not listed yet (null: nothing indexed). */
  indexedBlock: number | null;
};

/** The query of a list with no filter of its own (the seizures register, a brand's infringements). */
export const pageQuery = z.strictObject(pagingQuery);
