import { describeCharacter } from "./charset.ts";
import { aiName, Gs1ErrorCode, gs1Error } from "./errors.ts";

const GTIN_LENGTHS = [8, 12, 13, 14];
const DIGITS = /^[0-9]+$/;

/**
 * The GS1 mod-10 check digit for `body` (the GTIN without its check digit): weights 3, 1, 3, 1…
 * from the right, so the same body gives the same digit whatever zero padding is in front.
 */
export function gtinCheckDigit(body: string): number {
  assertDigits(body);
  let sum = 0;
  for (let fromRight = 0; fromRight < body.length; fromRight++) {
    const digit = Number(body[body.length - 1 - fromRight]);
    sum += fromRight % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

const ALL_ZEROS = /^0+$/;

/** True for exactly 14 digits, not all zeros, with a correct check digit: the form `ItemCode.gtin` must have. */
export function isValidGtin14(value: string): boolean {
  return value.length === 14 && DIGITS.test(value) && !ALL_ZEROS.test(value) && gtinCheckDigit(value.slice(0, 13)) === Number(value[13]);
}

/** Checks a GTIN-8/12/13/14 and returns it as 14 digits (left-padded with zeros, as GS1 keys are compared). */
export function normalizeGtin(input: string): string {
  if (input.length === 0) {
    throw gs1Error(Gs1ErrorCode.EMPTY, "01", `${aiName("01")} is empty`);
  }
  assertDigits(input);
  if (!GTIN_LENGTHS.includes(input.length)) {
    throw gs1Error(
      Gs1ErrorCode.BAD_GTIN_LENGTH,
      "01",
      `${aiName("01")} has ${input.length} digits; a GTIN has 8, 12, 13 or 14`,
    );
  }
  const expected = gtinCheckDigit(input.slice(0, -1));
  const actual = Number(input.slice(-1));
  if (actual !== expected) {
    throw gs1Error(
      Gs1ErrorCode.BAD_CHECK_DIGIT,
      "01",
      `${aiName("01")} check digit is ${actual}, expected ${expected}`,
    );
  }
  // All zeros passes the check digit but identifies no product (and the registry refuses it).
  if (ALL_ZEROS.test(input)) {
    throw gs1Error(Gs1ErrorCode.ZERO_GTIN, "01", `${aiName("01")} is all zeros, which identifies no product`);
  }
  return input.padStart(14, "0");
}

function assertDigits(value: string): void {
  const characters = [...value];
  const badAt = characters.findIndex((character) => character < "0" || character > "9");
  if (badAt !== -1) {
    throw gs1Error(
      Gs1ErrorCode.NOT_DIGITS,
      "01",
      `${aiName("01")} must be digits only, found ${describeCharacter(characters[badAt] ?? "")} at position ${badAt + 1}`,
    );
  }
}
