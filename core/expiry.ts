/**
 * Whether an expiry date (GS1 AI 17) has passed, the one rule for the verdict, the customs classes and batch
 * creation. An item is usable through its expiry day: it is expired from the next UTC calendar day, so the
 * answer does not depend on the time zone of whoever asks.
 */
import { expiryToIsoDate } from "./gs1/index.ts";

/** `date`: the last day of use, YYYY-MM-DD (a label's DD = 00 is the month's last day). */
export type ExpiryState = { date: string; expired: boolean };

/** The state of `ItemCode.expiry` at `now`; the GS1 century rule reads its year from `now`'s year. */
export function expiryState(expiry: number, now: Date): ExpiryState {
  const date = expiryToIsoDate(expiry, now.getUTCFullYear());
  // ISO dates with four-digit years compare as strings in calendar order.
  return { date, expired: date < utcDay(now) };
}

/** `now`'s UTC calendar day, YYYY-MM-DD. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
