/**
 * Distances between 64-bit perceptual hashes, and the one threshold that decides a near-duplicate.
 */
import { VeritraceError } from "../errors.ts";

/**
 * Two images are the same work when their hashes differ in at most this many of 64 bits.
 *
 * Measured with the generated images of test/fixtures/images (gradients, shapes, value noise, text-like
 * lines, photo-like composites; 60 images, 12 of each kind; `BENCH=phash` re-measures the first two lines):
 * - 480 copies (each image resized to 1/3, 50 %, 75 % or 150 %, recompressed as JPEG at quality 60 or 40,
 *   or resized and recompressed): 357 at distance 0, 90 at 2, 17 at 4, 9 at 6, 1 at 8; 6 further away
 *   (10, 10, 10, 12, 16, 18), all smooth gradients: with little structure most coefficients sit near the
 *   median and JPEG noise flips them. A near-featureless image is the hash's known blind spot.
 * - the 1,770 unrelated pairs: 10–48 (median 32); the only two within 10 are "text" pages with the same
 *   margins and line pitch, which look alike at 32×32.
 * - a 2 % crop of every border: 0–8 (median 4); a 5 % crop: 4–14, not reliably caught; brightening by 15 %
 *   with the highlights clipped: 0–20 (median 0).
 * - 53 real photographs (test/fixtures/photos, `BENCH=robust-matching`), the same threshold over every probe
 *   of core/content/robust-hash.ts: 99.5 % of 636 copies (rotated, cropped, mirrored, turned, framed,
 *   captioned, resized, recompressed) within it; no copy of one photo within 14 bits of another photo.
 * A hash of an image with any structure has exactly 31 bits set (a median threshold over 63 coefficients),
 * so distances are even. 8 admits 474 of the 480 copies and no unrelated pair; 10 would admit 3 more
 * gradient copies and both look-alike text pages.
 */
export const PHASH_MATCH_THRESHOLD = 8;

const U64 = (1n << 64n) - 1n;

/** Set bits of a 32-bit word (SWAR popcount: no loop, no table). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** How many of the 64 bits differ. Throws for a value that is not a uint64, so a bad hash never counts as close. */
export function hammingDistance(a: bigint, b: bigint): number {
  checkUint64(a, "a");
  checkUint64(b, "b");
  const x = a ^ b;
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}

/** Whether two hashes are near-duplicates under `threshold` (default: the documented one). */
export function isPerceptualMatch(a: bigint, b: bigint, threshold: number = PHASH_MATCH_THRESHOLD): boolean {
  return hammingDistance(a, b) <= threshold;
}

export function checkUint64(value: bigint, field = "phash"): void {
  if (typeof value !== "bigint" || value < 0n || value > U64) {
    throw new VeritraceError(`A perceptual hash is an unsigned 64-bit integer; got ${String(value)}`, { code: "BAD_PHASH", field });
  }
}
