/**
 * A whole list the service serves a page at a time (`api/paging.ts`): the pages are read one after the
 * other, following `nextCursor`, so a command prints every item however long the list grows.
 */
import { PAGE_LIMIT, type PageInfo } from "../api/paging.ts";
import type { ApiClient } from "./api-client.ts";

/** Every item of `field` across the pages of `path` (a path with or without a query), read without a key. */
export async function allPages<T>(client: ApiClient, path: string, field: string): Promise<T[]> {
  const items: T[] = [];
  const url = new URL(path, "http://list.invalid");
  url.searchParams.set("limit", String(PAGE_LIMIT.max));
  for (;;) {
    const page = await client.json<PageInfo & Record<string, T[]>>("GET", `${url.pathname}${url.search}`, { auth: false });
    items.push(...page[field]!);
    if (page.nextCursor === null) return items;
    url.searchParams.set("cursor", page.nextCursor);
  }
}
