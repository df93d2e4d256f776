import { aiName, Gs1ErrorCode, gs1Error } from "./errors.ts";

const SIX_DIGITS = /^[0-9]{6}$/;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Parses AI (17) YYMMDD into the number `ItemCode.expiry` holds ("270228" -> 270228).
 *
 * DD = 00 is accepted: GS1 General Specifications §7.12 reads it as the last day of the month.
 * Whether 29 February exists is decided for the year 2000 + YY. The full GS1 century rule needs a
 * reference year, which would make this function depend on the clock; labels printed now carry
 * dates in 2000–2099, and `expiryToIsoDate` applies the full rule when a reference year is known.
 */
export function parseExpiry(value: string): number {
  if (value.length === 0) {
    throw gs1Error(Gs1ErrorCode.EMPTY, "17", `${aiName("17")} is empty`);
  }
  if (!/^[0-9]+$/.test(value)) {
    throw gs1Error(Gs1ErrorCode.NOT_DIGITS, "17", `${aiName("17")} must be digits only (YYMMDD), got ${JSON.stringify(value)}`);
  }
  if (!SIX_DIGITS.test(value)) {
    throw gs1Error(Gs1ErrorCode.BAD_DATE, "17", `${aiName("17")} must be 6 digits (YYMMDD), got ${value.length}`);
  }
  const { yy, month, day } = splitYymmdd(value);
  assertCalendarDate(value, 2000 + yy, month, day);
  return Number(value);
}

/** Formats `ItemCode.expiry` back to the 6 digits printed on a label (10101 -> "010101"), checking it. */
export function formatExpiry(expiry: number): string {
  if (!Number.isInteger(expiry) || expiry < 0 || expiry > 999_999) {
    throw gs1Error(Gs1ErrorCode.BAD_DATE, "17", `${aiName("17")} must be a YYMMDD number from 0 to 999999, got ${expiry}`);
  }
  const value = String(expiry).padStart(6, "0");
  parseExpiry(value);
  return value;
}

/**
 * The four-digit year GS1 General Specifications §7.12 assigns to YY, seen from `referenceYear`
 * (normally the current year): 51 or more years ahead means last century, 50 or more behind means next.
 */
export function resolveGs1Year(yy: number, referenceYear: number): number {
  if (!Number.isInteger(yy) || yy < 0 || yy > 99 || !Number.isInteger(referenceYear)) {
    throw new RangeError(`resolveGs1Year needs a two-digit year and an integer reference year, got ${yy}, ${referenceYear}`);
  }
  const currentYy = referenceYear % 100;
  const century = referenceYear - currentYy;
  const difference = yy - currentYy;
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

/** `ItemCode.expiry` as `YYYY-MM-DD`, DD = 00 resolved to the month's last day. */
export function expiryToIsoDate(expiry: number, referenceYear: number): string {
  const value = formatExpiry(expiry);
  const { yy, month, day } = splitYymmdd(value);
  const year = resolveGs1Year(yy, referenceYear);
  // parseExpiry judged 29 February against 2000 + YY; the resolved year may be 2100 or 1900.
  assertCalendarDate(value, year, month, day);
  const resolvedDay = day === 0 ? daysInMonth(year, month) : day;
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(resolvedDay)}`;
}

function splitYymmdd(value: string): { yy: number; month: number; day: number } {
  return { yy: Number(value.slice(0, 2)), month: Number(value.slice(2, 4)), day: Number(value.slice(4, 6)) };
}

function assertCalendarDate(value: string, year: number, month: number, day: number): void {
  if (month < 1 || month > 12) {
    throw gs1Error(Gs1ErrorCode.BAD_DATE, "17", `${aiName("17")} ${value} is not a date: month ${pad2(month)} does not exist`);
  }
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) {
    throw gs1Error(
      Gs1ErrorCode.BAD_DATE,
      "17",
      `${aiName("17")} ${value} is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${lastDay} days, not ${day}`,
    );
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}
