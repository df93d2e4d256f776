import { aiName, Gs1ErrorCode, gs1Error } from "./errors.ts";
import type { Gs1Ai } from "./errors.ts";

/** GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1). */
export const GS1_CHARSET_82 =
  "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/** AI (10) and AI (21) are both X..20. */
export const GS1_MAX_VALUE_LENGTH = 20;

/** The AIs whose values are free text from character set 82. */
export type Gs1TextAi = Extract<Gs1Ai, "10" | "21">;

const CHARSET_82 = new Set(GS1_CHARSET_82);

// RFC 3986 unreserved. `~` is unreserved too but outside set 82, so it is never emitted; a raw `~`
// on input is still "unreserved" and is reported as a character outside the GS1 set instead.
const UNRESERVED = /^[A-Za-z0-9\-._]$/;
const UNRESERVED_ON_INPUT = /^[A-Za-z0-9\-._~]$/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

export function isGs1Character(character: string): boolean {
  return CHARSET_82.has(character);
}

/** True when `value` is 1–20 characters of set 82. */
export function isGs1Value(value: string): boolean {
  return value.length >= 1 && value.length <= GS1_MAX_VALUE_LENGTH && [...value].every(isGs1Character);
}

/** Throws the first rule `value` breaks for a lot or serial: empty, a character outside set 82, longer than 20. */
export function assertGs1Value(value: string, ai: Gs1TextAi): void {
  if (value.length === 0) {
    throw gs1Error(Gs1ErrorCode.EMPTY, ai, `${aiName(ai)} is empty`);
  }
  const characters = [...value];
  const badAt = characters.findIndex((character) => !isGs1Character(character));
  if (badAt !== -1) {
    throw gs1Error(
      Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
      ai,
      `${aiName(ai)} has a character outside the GS1 set: ${describeCharacter(characters[badAt] ?? "")} at position ${badAt + 1}`,
    );
  }
  // Every character of set 82 is ASCII, so UTF-16 length is the character count here.
  if (value.length > GS1_MAX_VALUE_LENGTH) {
    throw gs1Error(
      Gs1ErrorCode.TOO_LONG,
      ai,
      `${aiName(ai)} is ${value.length} characters long, at most ${GS1_MAX_VALUE_LENGTH} are allowed`,
    );
  }
}

/**
 * Percent-encodes everything outside RFC 3986 unreserved, with upper-case hex as GS1 Digital Link 1.4
 * asks, so the printed URI has one spelling per value (the signature covers the value, not the URI,
 * but scanners and resolvers compare URIs as strings).
 */
export function encodeSegment(value: string): string {
  let encoded = "";
  for (const character of value) {
    if (UNRESERVED.test(character)) {
      encoded += character;
      continue;
    }
    for (const byte of new TextEncoder().encode(character)) {
      encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return encoded;
}

/**
 * Undoes percent-encoding of one path segment without judging the result against set 82 (the GTIN
 * segment has its own rules). Any raw character other than unreserved and `%XX` is refused: a
 * reserved character left raw means the label was built by something that does not follow GS1
 * Digital Link, and guessing what it meant is how two readers end up with two different serials.
 */
export function percentDecodeSegment(segment: string, ai: Gs1Ai): string {
  for (let index = 0; index < segment.length; index++) {
    const character = segment[index] ?? "";
    if (character === "%") {
      const hex = segment.slice(index + 1, index + 3);
      if (!HEX_PAIR.test(hex)) {
        throw gs1Error(
          Gs1ErrorCode.BAD_PERCENT_ENCODING,
          ai,
          `${aiName(ai)} has a "%" not followed by two hex digits at position ${index + 1} of the URI segment`,
        );
      }
      index += 2;
      continue;
    }
    if (!UNRESERVED_ON_INPUT.test(character)) {
      const codePoint = segment.codePointAt(index) ?? 0;
      const whole = String.fromCodePoint(codePoint);
      const hint = isGs1Character(whole) ? `; write it as ${encodeSegment(whole)}` : "";
      throw gs1Error(
        Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
        ai,
        `${aiName(ai)} has an unencoded reserved character: ${describeCharacter(whole)} at position ${index + 1} of the URI segment${hint}`,
      );
    }
  }
  try {
    return decodeURIComponent(segment);
  } catch (cause) {
    throw gs1Error(
      Gs1ErrorCode.BAD_PERCENT_ENCODING,
      ai,
      `${aiName(ai)} has percent-encoded bytes that are not UTF-8: ${JSON.stringify(segment)}`,
      cause,
    );
  }
}

/** Decodes a lot or serial path segment and holds the result to the set 82, 1–20 rule. */
export function decodeSegment(segment: string, ai: Gs1TextAi): string {
  const value = percentDecodeSegment(segment, ai);
  assertGs1Value(value, ai);
  return value;
}

/** `" " (space)`, `"!"`, `"é" (U+00E9)`: quoting alone would leave blanks and look-alikes invisible. */
export function describeCharacter(character: string): string {
  if (character === " ") return '" " (space)';
  if (character === '"') return "'\"' (quotation mark)";
  const codePoint = character.codePointAt(0) ?? 0;
  const unicode = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  if (codePoint > 0x20 && codePoint < 0x7f) return `"${character}"`;
  if (codePoint < 0x20 || codePoint === 0x7f || (codePoint >= 0x80 && codePoint < 0xa0)) return unicode;
  return `"${character}" (${unicode})`;
}
