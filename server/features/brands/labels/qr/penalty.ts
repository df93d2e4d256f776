import { lineStride } from "./packed.ts";
import type { PackedSymbol } from "./packed.ts";

// Window starts handled per 32-bit read: the furthest look-ahead (finder-like pattern plus four
// light modules) is 10 modules, and 22 + 10 = 32.
const STEP = 22;
const STEP_BITS = (1 << STEP) - 1;

/** Per window of a line: which bits may count, for each rule (a window may run past the symbol). */
type Limits = { chunks: number; equal: Int32Array; finder: Int32Array; square: Int32Array };
const limitsBySize = new Map<number, Limits>();

/**
 * Mask penalty score (ISO/IEC 18004 §7.8.3.1), scored the way the `qrcode` package scores it, so
 * both pick the same mask and tests can compare whole symbols: N1 = 3 + (run − 5) for each run of
 * 5 or more same-coloured modules in a row or column, N2 = 3 per 2×2 same-coloured square,
 * N3 = 40 per 1:1:3:1:1 pattern with 4 light modules before or after it, inside the symbol,
 * N4 = 10 per 5 % the dark share is away from 50 %.
 *
 * Bit-parallel, 22 window positions per step, because this runs eight times per label: a
 * module-at-a-time loop, full of unpredictable branches, took ~85 % of the encoding time.
 */
export function maskPenalty({ rows, columns }: PackedSymbol, size: number): number {
  const stride = lineStride(size);
  const { chunks, equal: equalLimits, finder: finderLimits, square: squareLimits } = limitsFor(size);
  // The previous row's windows, for the 2×2 squares it forms with this row.
  const above = new Int32Array(chunks);
  let runScore = 0;
  let finderLike = 0;
  let squares = 0;
  let dark = 0;
  for (let line = 0; line < size; line++) {
    const offset = line * stride;
    for (let word = 0; word < stride; word++) dark += popcount(rows[offset + word]!);
    for (let chunk = 0, start = 0; chunk < chunks; chunk++, start += STEP) {
      const across = window(rows, offset, start);
      const down = window(columns, offset, start);
      const equalLimit = equalLimits[chunk]!;
      runScore += runPenalty(across, equalLimit) + runPenalty(down, equalLimit);
      const finderLimit = finderLimits[chunk]!;
      finderLike += popcount(finderLikeStarts(across) & finderLimit) + popcount(finderLikeStarts(down) & finderLimit);
      if (line > 0) {
        const upper = above[chunk]!;
        const same = ~(upper ^ across) & ~(upper ^ (upper >>> 1)) & ~(across ^ (across >>> 1));
        squares += popcount(same & squareLimits[chunk]!);
      }
      above[chunk] = across;
    }
  }
  const balance = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
  return runScore + squares * 3 + finderLike * 40 + balance * 10;
}

function limitsFor(size: number): Limits {
  let limits = limitsBySize.get(size);
  if (limits === undefined) {
    const chunks = Math.ceil(size / STEP);
    limits = { chunks, equal: new Int32Array(chunks), finder: new Int32Array(chunks), square: new Int32Array(chunks) };
    for (let chunk = 0; chunk < chunks; chunk++) {
      const start = chunk * STEP;
      limits.equal[chunk] = validBits(size - 1 - start, 32);
      limits.finder[chunk] = validBits(size - 10 - start, STEP);
      limits.square[chunk] = validBits(size - 1 - start, STEP);
    }
    limitsBySize.set(size, limits);
  }
  return limits;
}

/** 32 modules of a line from module `start` on, as bits 0–31. */
function window(words: Int32Array, offset: number, start: number): number {
  const at = offset + (start >> 5);
  const shift = start & 31;
  return shift === 0 ? words[at]! : (words[at]! >>> shift) | (words[at + 1]! << (32 - shift));
}

/** Bits 0…count−1 set, count clamped to [0, max]. */
function validBits(count: number, max: number): number {
  const n = count < 0 ? 0 : count > max ? max : count;
  return n === 32 ? -1 : (1 << n) - 1;
}

/**
 * N1 of the five-module windows starting in the first STEP positions: a run of length L ≥ 5 has
 * L − 4 such windows and one end, and L − 4 + 2 = 3 + (L − 5). `equalLimit` marks the positions
 * whose right-hand neighbour is still in the symbol.
 */
function runPenalty(bits: number, equalLimit: number): number {
  const equal = ~(bits ^ (bits >>> 1)) & equalLimit;
  const fives = equal & (equal >>> 1) & (equal >>> 2) & (equal >>> 3) & STEP_BITS;
  const ends = fives & ~(equal >>> 4);
  return popcount(fives) + 2 * popcount(ends);
}

/** Window starts of dark-light-dark³-light-dark followed by, or preceded by, four light modules. */
function finderLikeStarts(bits: number): number {
  const light = ~bits;
  const core = bits & (light >>> 1) & (bits >>> 2) & (bits >>> 3) & (bits >>> 4) & (light >>> 5) & (bits >>> 6);
  const fourLight = light & (light >>> 1) & (light >>> 2) & (light >>> 3);
  return (core & (fourLight >>> 7)) | (fourLight & (core >>> 4));
}

// A 64 KiB table: two look-ups beat the shift-and-mask popcount by ~40 % here.
const POP16 = new Uint8Array(65536);
for (let i = 1; i < 65536; i++) POP16[i] = (i & 1) + POP16[i >> 1]!;

function popcount(value: number): number {
  return POP16[value & 0xffff]! + POP16[value >>> 16]!;
}
