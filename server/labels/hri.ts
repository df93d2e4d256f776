import { expiryToIsoDate, formatExpiry } from "../../core/gs1/index.ts";
import type { LabelItem } from "./types.ts";

/**
 * The text printed beside the code: GS1 human-readable interpretation, one AI per line with the AI
 * in parentheses (the GS1 General Specifications HRI rules), then the expiry again as an ISO 8601 date,
 * because "(17) 270228" alone is not a date most people can read.
 *
 * `referenceYear` decides the century of YY (GS1 §7.12); callers pass the current year.
 */
export function humanReadableLines(item: LabelItem, referenceYear: number): string[] {
  const lines = [`(01) ${item.gtin}`, `(10) ${item.lot}`, `(21) ${item.serial}`];
  if (item.expiry !== undefined) {
    lines.push(`(17) ${formatExpiry(item.expiry)}`, `EXP ${expiryToIsoDate(item.expiry, referenceYear)}`);
  }
  return lines;
}

/** At most this many characters in a line: "(21) " plus a 20-character serial. */
export const LONGEST_LINE = 25;
