import { expiryToIsoDate, formatExpiry } from "../../../../core/gs1/index.ts";
import type { LabelItem } from "./types.ts";

/** At most this many characters in a line: "(21) " plus a 20-character serial. */
export const LONGEST_LINE = 25;

/** The last line: what a person holding the item is to do with the code. */
export const SCAN_LINE = "Scan to verify";

/**
 * The text printed beside the code: the brand's name, then the GS1 human-readable interpretation, one
 * AI per line with the AI in parentheses (the GS1 General Specifications HRI rules), then the expiry
 * again as an ISO 8601 date, because "(17) 270228" alone is not a date most people can read, and last
 * "Scan to verify".
 *
 * `referenceYear` decides the century of YY (GS1 §7.12); callers pass the current year.
 */
export function humanReadableLines(item: LabelItem, referenceYear: number): string[] {
  const lines = item.brand === undefined || item.brand === "" ? [] : [brandLine(item.brand)];
  lines.push(`(01) ${item.gtin}`, `(10) ${item.lot}`, `(21) ${item.serial}`);
  if (item.expiry !== undefined) {
    lines.push(`(17) ${formatExpiry(item.expiry)}`, `EXP ${expiryToIsoDate(item.expiry, referenceYear)}`);
  }
  lines.push(SCAN_LINE);
  return lines;
}

/** A brand name (up to 64 bytes on chain) cut to the line's width, with "..." saying it was cut. */
export function brandLine(name: string): string {
  const characters = [...name];
  return characters.length <= LONGEST_LINE ? name : `${characters.slice(0, LONGEST_LINE - 3).join("")}...`;
}
