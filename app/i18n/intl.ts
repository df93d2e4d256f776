/**
 * Numbers, dates, countries, lists and plural categories as the active language writes them, through the
 * browser's Intl: none of them is in a catalogue. `locale()` (i18n.ts) is the reader's own locale of the
 * active language, so a reader in Austria gets German as Austria writes it.
 */
import { locale } from "./i18n.ts";

export const formatNumber = (value: number | bigint): string => new Intl.NumberFormat(locale()).format(value);

/** A Unix time with date and time, in the reader's time zone. */
export function formatDateTime(seconds: number, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return new Intl.DateTimeFormat(locale(), options).format(new Date(seconds * 1000));
}

/** An ISO 3166-1 code's country name in the active language; the bare code where Intl has none. */
export function countryName(code: string): string {
  try {
    const name = new Intl.DisplayNames(locale() ?? [], { type: "region" }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** "a, b and c" in the active language. */
export const formatList = (items: string[]): string => new Intl.ListFormat(locale(), { type: "conjunction" }).format(items);

export const pluralCategory = (count: number): Intl.LDMLPluralRule => new Intl.PluralRules(locale()).select(count);
