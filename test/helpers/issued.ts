/** A confirmed batch issued through the API, with its label URIs as the labels CSV gives them. */
import type { Hex } from "viem";
import type { Store } from "../../server/store/store.ts";
import type { IssuedItem } from "../../server/features/brands/store/types.ts";
import type { TestService } from "./service.ts";

export type IssuedBatch = { id: string; uris: string[]; serials: string[] };

export async function issueBatch(svc: TestService, apiKey: string, body: Record<string, unknown>): Promise<IssuedBatch> {
  const created = await svc.api("POST", "/api/v1/batches", { key: apiKey, body });
  if (created.status !== 202) throw new Error(`batch creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  const batch = await svc.waitForBatch(apiKey, created.body.id);
  if (batch.state !== "confirmed") throw new Error(`batch ${batch.id} ended ${batch.state}`);
  const csv = await svc.api("GET", `/api/v1/batches/${batch.id}/labels?format=csv`, { key: apiKey });
  const rows = (csv.body as string).trim().split("\r\n").slice(1);
  return {
    id: batch.id,
    uris: rows.map((row) => row.slice(row.lastIndexOf(",") + 1)),
    serials: rows.map((row) => row.split(",")[2]!),
  };
}

/** Every item of a batch as the store keeps it, in order (the store hands them out a page at a time). */
export async function storedItems(store: Pick<Store, "iterateItems">, batchId: Hex): Promise<IssuedItem[]> {
  const items: IssuedItem[] = [];
  for await (const page of store.iterateItems(batchId, 10)) items.push(...page);
  return items;
}
