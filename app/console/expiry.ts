/** The expiry field holds GS1 AI (17) YYMMDD; the date picker beside it speaks `YYYY-MM-DD`. */
import { expiryToIsoDate, resolveGs1Year } from "../../core/gs1/date.ts";

export type ExpiryFromDate = {
  expiry: string;
  /** The year a GS1 reader takes YY for: differs from the picked year when that is out of GS1's window. */
  readAsYear: number;
};

/** The YYMMDD of a picked date, or undefined for an empty or partial picker value. */
export function expiryFromDate(isoDate: string, referenceYear: number): ExpiryFromDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const yy = year.slice(2);
  return { expiry: `${yy}${month}${day}`, readAsYear: resolveGs1Year(Number(yy), referenceYear) };
}

/** The date a YYMMDD stands for (`DD = 00`: the month's last day), or undefined while it is not one. */
export function dateFromExpiry(expiry: string, referenceYear: number): string | undefined {
  if (!/^\d{6}$/.test(expiry)) return undefined;
  try {
    return expiryToIsoDate(Number(expiry), referenceYear);
  } catch {
    return undefined;
  }
}
