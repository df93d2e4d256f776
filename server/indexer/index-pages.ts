/**
 * One page of a list the chain index serves, the same way for every list: events of one name matching a
 * filter, oldest first, `limit` after the caller's cursor, with `nextCursor` and `indexedBlock`
 * (`api/paging.ts`). A list whose filter the key columns cannot say (a licence's platforms, an
 * inspection's outcome: in the event's arguments) passes `keep`, and the page is filled by scanning on.
 */
import type { ServiceContext } from "../context.ts";
import type { PageInfo, PageRequest } from "../../api/paging.ts";
import type { EventFilter, EventPage, EventPosition, IndexedEvent, IndexStore } from "./index-store.ts";
import { freshIndex } from "./service-index.ts";

/** Rows read at a time while a `keep` filter fills a page: a few round trips even for a rare match. */
const SCAN_ROWS = 500;

/** A page cursor as the API shows it: `<block>.<log index>` of the last event of the previous page. */
export const encodeCursor = (p: EventPosition | null): string | null => (p === null ? null : `${p.blockNumber}.${p.logIndex}`);

/** The position a cursor names; its shape was checked by the query schema (`CURSOR_PATTERN`). */
export function decodeCursor(cursor: string | undefined): EventPosition | undefined {
  if (cursor === undefined) return undefined;
  const [block, log] = cursor.split(".").map(Number);
  return { blockNumber: block!, logIndex: log! };
}

const positionOf = (event: IndexedEvent): EventPosition => ({ blockNumber: event.blockNumber, logIndex: event.logIndex });

/**
 * A page of `filter`'s events after `page.cursor`. With `keep`, only the events it accepts count; such a
 * page may end on a `nextCursor` after which nothing more is kept (the next page is then empty and last),
 * since knowing there is none would mean reading the rest of the index.
 */
export async function indexPage(
  ctx: ServiceContext,
  filter: EventFilter,
  page: PageRequest,
  keep?: (event: IndexedEvent) => boolean,
): Promise<{ events: IndexedEvent[] } & PageInfo> {
  const index = await freshIndex(ctx);
  const after = decodeCursor(page.cursor);
  const { events, next } = keep === undefined ? await index.store.events(filter, { after, limit: page.limit }) : await scan(index.store, filter, after, page.limit, keep);
  return { events, nextCursor: encodeCursor(next), indexedBlock: (await index.store.cursor())?.number ?? null };
}

/** Reads rows after `after` until `limit` of them pass `keep` or the index ends. */
async function scan(store: IndexStore, filter: EventFilter, after: EventPosition | undefined, limit: number, keep: (event: IndexedEvent) => boolean): Promise<EventPage> {
  const events: IndexedEvent[] = [];
  for (;;) {
    const found = await store.events(filter, { after, limit: SCAN_ROWS });
    for (const [i, event] of found.events.entries()) {
      if (!keep(event)) continue;
      events.push(event);
      if (events.length < limit) continue;
      // Rows after the page's last one (read already, or not yet): the list goes on.
      const more = i < found.events.length - 1 || found.next !== null;
      return { events, next: more ? positionOf(event) : null };
    }
    if (found.next === null) return { events, next: null };
    after = found.next;
  }
}

/** Every event of `filter` (a short list: e.g. the brands one seizure names), read from the index page by page. */
export async function indexEvents(ctx: ServiceContext, filter: EventFilter): Promise<IndexedEvent[]> {
  const { store } = await freshIndex(ctx);
  return (await scan(store, filter, undefined, Number.POSITIVE_INFINITY, () => true)).events;
}
