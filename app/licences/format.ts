/** How chain values read on the licence page: times, countries, accounts, in the active language (Intl). */
import { countryName } from "../i18n/intl.ts";
import { locale } from "../i18n/i18n.ts";

/** A Unix time in the reader's own time zone, with the zone named (a licence boundary is a precise second). */
export function formatTime(seconds: number): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: the fields are spelt out.
  return new Date(seconds * 1000).toLocaleString(locale(), { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
}

/** "France (FR)"; the bare code where the browser has no name for it. */
export function formatCountry(code: string): string {
  const name = countryName(code);
  return name !== code ? `${name} (${code})` : code;
}

/** A name the chain records beside the identifier it belongs to, or the identifier alone. */
export function named(name: string | undefined, id: string): string {
  return name === undefined ? id : `${name} (${id})`;
}
