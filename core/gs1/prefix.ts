/**
 * GS1 company prefixes: which GTINs a brand owns. A GS1 member organisation licenses a company a prefix of
 * 4 to 12 digits; every GTIN-14 the company makes carries it right after the indicator digit. The registry
 * (`contracts/libraries/Gs1Prefixes.sol`) applies the same rule on chain; `test/core/gs1/prefix.test.ts`
 * holds the two together.
 */
import { VeritraceError } from "../errors.ts";

const PREFIX = /^[0-9]{4,12}$/;

/** Whether `value` has the shape of a GS1 company prefix: 4 to 12 digits. */
export function isGs1CompanyPrefix(value: string): boolean {
  return PREFIX.test(value);
}

/** Checks a prefix, throwing a named error that says what is wrong with it. */
export function assertGs1CompanyPrefix(value: string, field = "prefix"): string {
  if (!isGs1CompanyPrefix(value)) {
    throw new VeritraceError(`${field} ${JSON.stringify(value)} is not a GS1 company prefix: 4 to 12 digits`, {
      code: "INVALID_PREFIX",
      field,
    });
  }
  return value;
}

/** Whether the GTIN-14 (14 digits) carries the prefix after its indicator digit. */
export function gtinHasPrefix(gtin14: string, prefix: string): boolean {
  return gtin14.length === 14 && gtin14.startsWith(prefix, 1);
}
