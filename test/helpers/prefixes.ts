/**
 * GS1 company prefixes for test brands, and GTINs inside them. The first brand a test service admits holds
 * 9506000 (GS1's example GTIN 09506000134352 is in it); each later one the next 7-digit prefix.
 */
import { gtinCheckDigit } from "../../core/gs1/index.ts";

export const FIRST_PREFIX = "9506000";

/** The prefix the `n`-th brand (0-based) of a test service is given. */
export function testPrefix(n: number): string {
  return String(Number(FIRST_PREFIX) + n);
}

/** A valid GTIN-14 in `prefix`: indicator 0, the prefix, the item reference filling the 12 digits after it. */
export function gtinIn(prefix: string, itemReference = 1): string {
  const width = 12 - prefix.length;
  const reference = width === 0 ? "" : String(itemReference).padStart(width, "0").slice(-width);
  const body = `0${prefix}${reference}`;
  return `${body}${gtinCheckDigit(body)}`;
}
