import { buildDigitalLink } from "../../../../../../core/gs1/index.ts";
import type { ItemCode } from "../../../../../../core/types.ts";
import type { LabelItem } from "../../../../../../server/features/brands/labels/index.ts";

export const GTIN = "09506000134352";
const BASE = "https://id.example.com";

/**
 * A label item with a real GS1 Digital Link URI and an 86-character base64url signature; expiry
 * 270228 unless given, none when null.
 */
export function labelItem(serial: string, { lot = "L2611", expiry = 270228 as number | null } = {}): LabelItem {
  const code: ItemCode = { gtin: GTIN, lot, serial, ...(expiry === null ? {} : { expiry }) };
  const signature = Buffer.from(`${serial}:${lot}`.padEnd(64, "#")).toString("base64url").slice(0, 86).padEnd(86, "A");
  return { ...code, uri: buildDigitalLink({ base: BASE, code, signature }) };
}

/** `count` items with serials S0000001, S0000002, … */
export function labelItems(count: number): LabelItem[] {
  return [...generateLabelItems(count)];
}

/** The same items as labelItems, made one at a time as they are pulled. */
export function* generateLabelItems(count: number): Generator<LabelItem> {
  for (let i = 0; i < count; i++) yield labelItem(`S${String(i + 1).padStart(7, "0")}`);
}

/** An async iterable over `items` that counts how many have been pulled. */
export function countingSource(items: Iterable<LabelItem>): { source: AsyncIterable<LabelItem>; pulled: () => number } {
  let pulled = 0;
  return {
    source: (async function* () {
      for (const item of items) {
        pulled++;
        yield item;
      }
    })(),
    pulled: () => pulled,
  };
}
