/**
 * What a shipment contains, as item ids: from label URIs (any item issued here) or from whole batches of
 * the shipper's own brand. Every bad entry is a 4xx naming its place (`codes[3]`, `batches[0]`).
 */
import { hexToBytes, type Hex } from "viem";
import { VeritraceError } from "../../../core/errors.ts";
import { parseDigitalLink } from "../../../core/gs1/index.ts";
import { itemIdBytes } from "../../../core/ids.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, badRequest, conflict } from "../../errors.ts";
import { decodeSignature } from "../../../core/signature.ts";
import type { ItemCode } from "../../../core/types.ts";
import type { Batch } from "../brands/store/types.ts";
import type { ItemRef } from "./store/types.ts";
import type { Organisation } from "../organisations/store/types.ts";

/** The largest `itemCount` the contract takes (uint32). */
const MAX_ITEMS = 2 ** 32 - 1;

export type ShipmentItems = { itemIds: Uint8Array; refs: ItemRef[] };

/** Item ids laid end to end (32 bytes each) and which items they are, in the order given, without duplicates. */
export async function shipmentItems(ctx: ServiceContext, org: Organisation, codes: readonly unknown[], batches: readonly Hex[]): Promise<ShipmentItems> {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  const refs: ItemRef[] = [];
  const add = ({ itemId, ref }: ResolvedItem, field: string) => {
    const key = Buffer.from(itemId).toString("hex");
    if (seen.has(key)) throw badRequest(`${field} names an item already in the shipment`, "DUPLICATE_ITEM", field);
    seen.add(key);
    out.push(itemId);
    refs.push(ref);
  };
  // In order, one at a time: the first bad entry is the one reported, whatever the store's latency.
  for (const [i, code] of codes.entries()) add(await resolveCode(ctx, code, `codes[${i}]`), `codes[${i}]`);
  for (const [i, batchId] of batches.entries()) {
    const field = `batches[${i}]`;
    const batch = await ctx.store.getBatch(batchId);
    if (org.kind !== "brand") throw new AppError(`${field}: only a brand ships whole batches (its own)`, { status: 403, code: "BATCHES_NEED_BRAND", field });
    if (batch === undefined || batch.orgId !== org.id) throw new AppError(`${field}: no batch ${batchId} of your brand`, { status: 404, code: "UNKNOWN_BATCH", field });
    if (batch.state !== "confirmed") throw conflict(`${field}: batch ${batchId} is not confirmed on chain yet`, "BATCH_NOT_CONFIRMED", field);
    const id = hexToBytes(batch.id);
    for await (const chunk of ctx.store.iterateItems(batch.id, 10_000)) {
      for (const item of chunk) add({ itemId: itemIdBytes(id, item.serial), ref: { batchId: batch.id, serial: item.serial }, batch }, field);
    }
  }
  if (out.length === 0) throw badRequest("A shipment needs at least one item: give codes or batches", "NO_ITEMS", "codes");
  if (out.length > MAX_ITEMS) throw badRequest(`A shipment holds at most ${MAX_ITEMS} items`, "TOO_MANY_ITEMS", "codes");
  const itemIds = new Uint8Array(out.length * 32);
  out.forEach((itemId, i) => itemIds.set(itemId, i * 32));
  return { itemIds, refs };
}

type ResolvedItem = { itemId: Uint8Array; ref: ItemRef; batch: Batch };

/** The id of an item issued here from its label URI, and its batch. */
export async function itemOfCode(ctx: ServiceContext, code: unknown, field: string): Promise<{ itemId: Uint8Array; batch: Batch }> {
  const { itemId, batch } = await resolveCode(ctx, code, field);
  return { itemId, batch };
}

/**
 * Items are keyed by brand: when several brands issued the same GTIN, lot and serial (a prefix moved
 * between them), the label's own signature says which item it is; a label of one brand's item needs none.
 */
async function labelledItem(ctx: ServiceContext, code: ItemCode, signature: string | undefined) {
  const candidates = await ctx.store.findItems(code.gtin, code.lot, code.serial);
  if (candidates.length <= 1 || signature === undefined) return candidates.length <= 1 ? candidates[0] : "ambiguous";
  let wanted: Uint8Array;
  try {
    wanted = decodeSignature(signature);
  } catch {
    return "ambiguous";
  }
  return candidates.find(({ item }) => Buffer.from(item.signature).equals(Buffer.from(wanted))) ?? "ambiguous";
}

async function resolveCode(ctx: ServiceContext, code: unknown, field: string): Promise<ResolvedItem> {
  if (typeof code !== "string" || code.length === 0 || code.length > 2_000) {
    throw badRequest(`${field} must be a label URI (text of 1 to 2,000 characters)`, "INVALID_FIELD", field);
  }
  let parsed;
  let signature: string | undefined;
  try {
    ({ code: parsed, signature } = parseDigitalLink(code));
  } catch (error) {
    if (error instanceof VeritraceError) throw badRequest(`${field}: ${error.message}`, error.code, field);
    throw error;
  }
  const found = await labelledItem(ctx, parsed, signature);
  if (found === "ambiguous") {
    throw conflict(`${field}: several brands issued (01) ${parsed.gtin} (10) ${parsed.lot} (21) ${parsed.serial}: give the label as printed, with its signature`, "AMBIGUOUS_ITEM", field);
  }
  if (found === undefined) {
    throw new AppError(`${field}: no item (01) ${parsed.gtin} (10) ${parsed.lot} (21) ${parsed.serial} was issued here`, { status: 404, code: "UNKNOWN_ITEM", field });
  }
  if (found.batch.state !== "confirmed") throw conflict(`${field}: the item's batch is not confirmed on chain yet`, "BATCH_NOT_CONFIRMED", field);
  return { itemId: itemIdBytes(hexToBytes(found.batch.id), found.item.serial), ref: { batchId: found.batch.id, serial: found.item.serial }, batch: found.batch };
}
