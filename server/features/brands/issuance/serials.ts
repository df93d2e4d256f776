/**
 * Serials nobody can guess: a counterfeiter who has seen one label must not be able to derive the next
 * one, so serials are random, never sequential.
 */
import { VeritraceError } from "../../../../core/errors.ts";
import { ShardedStringSet } from "./sharded-string-set.ts";
import { TimeSlice } from "../../../time-slice.ts";

/** Crockford base32: no I, L, O or U, so a serial read aloud or retyped from a label is not misread. */
export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 characters of 5 bits: 80 random bits, far beyond any batch an attacker could enumerate. */
export const SERIAL_LENGTH = 16;

const BYTES_PER_SERIAL = 10;
// crypto.getRandomValues refuses more than 65,536 bytes per call.
const SERIALS_PER_DRAW = Math.floor(65_536 / BYTES_PER_SERIAL);
// Serials per step of `drawSerials`: about a millisecond of work, so that a step never overruns its slice by much.
const SERIALS_PER_STEP = 1_000;
// Character codes by 5-bit value, for `String.fromCharCode` (one flat string per serial, not a rope of pieces).
const CODES = Uint8Array.from(CROCKFORD_ALPHABET, (character) => character.charCodeAt(0));

/** `count` distinct serials of 16 Crockford base32 characters (80 bits from `crypto.getRandomValues`). */
export function generateSerials(count: number): string[] {
  const draw = new SerialDraw(count, undefined);
  while (!draw.done) draw.next(SERIALS_PER_DRAW);
  return draw.serials;
}

/**
 * `count` distinct serials as `generateSerials` makes them, none of them in `taken` (the serials a batch
 * already holds, when its generation resumes), made in slices that give way to other requests
 * (time-slice.ts): a million serials take seconds of the one thread that serves every request.
 */
export async function drawSerials(count: number, taken?: ReadonlySet<string>): Promise<string[]> {
  const draw = new SerialDraw(count, taken);
  const slice = new TimeSlice();
  while (!draw.done) {
    draw.next(SERIALS_PER_STEP);
    await slice.yieldIfDue();
  }
  return draw.serials;
}

/** One generation: draws random bytes in steps, keeps each new serial once. */
class SerialDraw {
  readonly serials: string[] = [];
  readonly #count: number;
  readonly #taken: ReadonlySet<string> | undefined;
  readonly #seen = new ShardedStringSet();
  readonly #random = new Uint8Array(SERIALS_PER_DRAW * BYTES_PER_SERIAL);

  constructor(count: number, taken: ReadonlySet<string> | undefined) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new VeritraceError(`A serial count is a non-negative integer, got ${count}`, { code: "SERIAL_BAD_COUNT" });
    }
    this.#count = count;
    this.#taken = taken;
  }

  get done(): boolean {
    return this.serials.length >= this.#count;
  }

  /** Draws up to `most` serials (never more than one `getRandomValues` call holds). */
  next(most: number): void {
    const draw = Math.min(most, SERIALS_PER_DRAW, this.#count - this.serials.length);
    crypto.getRandomValues(this.#random.subarray(0, draw * BYTES_PER_SERIAL));
    for (let s = 0; s < draw; s++) {
      const serial = encodeSerial(this.#random, s * BYTES_PER_SERIAL);
      // A repeat of 80 random bits is practically impossible, but a duplicate serial would be two
      // labels for one item, so it is redrawn rather than trusted to chance.
      if (this.#seen.has(serial) || this.#taken?.has(serial)) continue;
      this.#seen.add(serial);
      this.serials.push(serial);
    }
  }
}

/** 10 bytes at `offset` as 16 base32 characters, most significant bits first. */
function encodeSerial(bytes: Uint8Array, offset: number): string {
  // Two groups of 5 bytes = 40 bits = eight characters each; 40 bits exceed int32, so split 8 + 32.
  const a = bytes[offset]!;
  const b = ((bytes[offset + 1]! << 24) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 8) | bytes[offset + 4]!) >>> 0;
  const c = bytes[offset + 5]!;
  const d = ((bytes[offset + 6]! << 24) | (bytes[offset + 7]! << 16) | (bytes[offset + 8]! << 8) | bytes[offset + 9]!) >>> 0;
  return String.fromCharCode(
    CODES[a >>> 3]!,
    CODES[((a & 7) << 2) | (b >>> 30)]!,
    CODES[(b >>> 25) & 31]!,
    CODES[(b >>> 20) & 31]!,
    CODES[(b >>> 15) & 31]!,
    CODES[(b >>> 10) & 31]!,
    CODES[(b >>> 5) & 31]!,
    CODES[b & 31]!,
    CODES[c >>> 3]!,
    CODES[((c & 7) << 2) | (d >>> 30)]!,
    CODES[(d >>> 25) & 31]!,
    CODES[(d >>> 20) & 31]!,
    CODES[(d >>> 15) & 31]!,
    CODES[(d >>> 10) & 31]!,
    CODES[(d >>> 5) & 31]!,
    CODES[d & 31]!,
  );
}
