import { formatExpiry } from "../../../../core/gs1/index.ts";
import type { LabelItem } from "./types.ts";

export const CSV_HEADER = "gtin,lot,serial,expiry,uri\r\n";

// OWASP "CSV injection": a cell starting with one of these is run as a formula by Excel, LibreOffice
// and Google Sheets. Tab and carriage return are on OWASP's list too; they cannot occur in GS1 values.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One record, RFC 4180: CRLF line end, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. GS1 lots and serials may start with `=`, `+`, `-` or `@` (all in set 82), which a
 * spreadsheet would evaluate, so such a value is prefixed with an apostrophe inside the quotes
 * ("'=1+2"), as OWASP recommends, and spreadsheets take it as text. The prefix does change the
 * value for programs reading the CSV as data: the uri column carries the exact values
 * (percent-encoded) and never starts with one of these characters.
 */
export function csvRecord(item: LabelItem): string {
  const expiry = item.expiry === undefined ? "" : formatExpiry(item.expiry);
  return `${[item.gtin, item.lot, item.serial, expiry, item.uri].map(csvField).join(",")}\r\n`;
}

export function csvField(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return guarded !== value || /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
