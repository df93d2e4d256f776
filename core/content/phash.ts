/**
 * The 64-bit DCT perceptual hash (pHash) of an image: grayscale, area-averaged down to 32×32, a 2-D
 * DCT-II, and one bit per low-frequency coefficient: above or below their median. Resizing, recompression
 * and mild colour changes move the low frequencies little, so copies land a few bits apart and unrelated
 * images about half the bits apart (see `PHASH_MATCH_THRESHOLD`). Pure arithmetic: runs in the browser too.
 */
import { VeritraceError } from "../errors.ts";
import { checkUint64 } from "./hamming.ts";
import type { RgbaImage } from "./image.ts";

const SIDE = 32;
const LOW = 8;

/**
 * For each of `SIDE` output cells along an axis of `length` source pixels, which source pixels cover it and
 * by how much. Area averaging (each source pixel weighted by the length it overlaps the cell) is what makes a
 * 50 % copy average to the same 32×32 as the original; point sampling would alias fine detail into noise.
 */
export type AxisWeights = { first: Int32Array; count: Int32Array; offset: Int32Array; weight: Float64Array };

export function axisWeights(length: number, side: number = SIDE): AxisWeights {
  const first = new Int32Array(side);
  const count = new Int32Array(side);
  const offset = new Int32Array(side);
  const weights: number[] = [];
  for (let i = 0; i < side; i++) {
    const lo = (i * length) / side;
    const hi = ((i + 1) * length) / side;
    const from = Math.floor(lo);
    const to = Math.min(length, Math.ceil(hi));
    first[i] = from;
    count[i] = to - from;
    offset[i] = weights.length;
    for (let j = from; j < to; j++) weights.push((Math.min(hi, j + 1) - Math.max(lo, j)) / (hi - lo));
  }
  return { first, count, offset, weight: Float64Array.from(weights) };
}

/** A grayscale picture, one luma value (0–255) per pixel, row by row. */
export type GrayImage = { width: number; height: number; data: Float64Array };

/**
 * The image as 32×32 grayscale (ITU-R BT.601 luma, 0–255). Transparent pixels are composited over white,
 * so a PNG with an alpha channel hashes like the same picture flattened by an editor or a JPEG export.
 */
export function reduceToGray32(image: RgbaImage): Float64Array {
  return reduceToGray(image, SIDE, SIDE).data;
}

/** The image as grayscale, area-averaged to `outWidth` × `outHeight` (see `reduceToGray32`). */
export function reduceToGray(image: RgbaImage, outWidth: number, outHeight: number): GrayImage {
  checkImage(image);
  const { width, data } = image;
  return areaAverage(width, image.height, outWidth, outHeight, (y, row) => {
    for (let x = 0, p = y * width * 4; x < width; x++, p += 4) {
      const alpha = data[p + 3]! / 255;
      const luma = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
      row[x] = luma * alpha + 255 * (1 - alpha);
    }
  });
}

/** A grayscale picture area-averaged to `outWidth` × `outHeight`. */
export function resampleGray(gray: GrayImage, outWidth: number, outHeight: number): GrayImage {
  return areaAverage(gray.width, gray.height, outWidth, outHeight, (y, row) => row.set(gray.data.subarray(y * gray.width, (y + 1) * gray.width)));
}

/**
 * Area averaging, one source row at a time (`readRow` fills a row of luma), so a 12-megapixel upload never
 * needs a full-size plane of floats: across each row first, then down the columns.
 */
function areaAverage(width: number, height: number, outWidth: number, outHeight: number, readRow: (y: number, row: Float64Array) => void): GrayImage {
  const cols = axisWeights(width, outWidth);
  const rows = axisWeights(height, outHeight);
  const gray = new Float64Array(width);
  const across = new Float64Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    readRow(y, gray);
    for (let i = 0; i < outWidth; i++) {
      let sum = 0;
      for (let k = 0, o = cols.offset[i]!, x = cols.first[i]!; k < cols.count[i]!; k++) sum += cols.weight[o + k]! * gray[x + k]!;
      across[y * outWidth + i] = sum;
    }
  }
  const out = new Float64Array(outWidth * outHeight);
  for (let j = 0; j < outHeight; j++) {
    const o = rows.offset[j]!;
    const y0 = rows.first[j]!;
    for (let k = 0; k < rows.count[j]!; k++) {
      const w = rows.weight[o + k]!;
      const row = (y0 + k) * outWidth;
      for (let i = 0; i < outWidth; i++) out[j * outWidth + i]! += w * across[row + i]!;
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}

// cos(π (2n + 1) k / 2N) for the 8 lowest frequencies k. The DCT is left unnormalised (as scipy's default,
// which the common pHash implementations use): only comparisons between coefficients matter.
const COS = (() => {
  const table = new Float64Array(LOW * SIDE);
  for (let k = 0; k < LOW; k++) for (let n = 0; n < SIDE; n++) table[k * SIDE + n] = Math.cos((Math.PI * (2 * n + 1) * k) / (2 * SIDE));
  return table;
})();

/** The 8×8 lowest-frequency coefficients of the 2-D DCT-II of a 32×32 block, row (vertical frequency) first. */
export function lowFrequencyDct(block: Float64Array): Float64Array {
  const half = new Float64Array(LOW * SIDE);
  for (let v = 0; v < LOW; v++) {
    for (let x = 0; x < SIDE; x++) {
      let sum = 0;
      for (let y = 0; y < SIDE; y++) sum += COS[v * SIDE + y]! * block[y * SIDE + x]!;
      half[v * SIDE + x] = sum;
    }
  }
  const out = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SIDE; x++) sum += COS[u * SIDE + x]! * half[v * SIDE + x]!;
      out[v * LOW + u] = sum;
    }
  }
  return out;
}

// Float error on a flat block is ~1e-10; anything this small is no structure at all. Snapping it to zero
// gives a flat image the hash 0 instead of bits drawn from rounding noise.
const NOISE = 1e-6;

/**
 * The perceptual hash as a uint64. Bit 63 − (8v + u) is set when coefficient (v, u) is above the median of
 * the 63 AC coefficients. The DC term (the mean brightness) is left out of the median and its bit, bit 63,
 * is always 0: it says nothing about the picture's structure, and a brightness change must not move the hash.
 */
export function perceptualHash(image: RgbaImage): bigint {
  return hashOfCoefficients(lowFrequencyDct(reduceToGray32(image)));
}

/** The hash of the 8×8 low-frequency DCT coefficients (DC first, row by row): the step `perceptualHash` ends with. */
export function hashOfCoefficients(coefficients: Float64Array): bigint {
  const ac = Array.from(coefficients.subarray(1), (c) => (Math.abs(c) < NOISE ? 0 : c));
  const median = [...ac].sort((a, b) => a - b)[(ac.length - 1) / 2]!;
  let hash = 0n;
  for (let i = 0; i < ac.length; i++) if (ac[i]! > median) hash |= 1n << BigInt(62 - i);
  return hash;
}

/** A hash as 16 lower-case hex digits (no prefix): the form shown and exchanged. */
export function phashToHex(hash: bigint): string {
  checkUint64(hash);
  return hash.toString(16).padStart(16, "0");
}

/** Parses 16 hex digits, with or without `0x`. */
export function phashFromHex(hex: string): bigint {
  const digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{16}$/.test(digits)) {
    throw new VeritraceError(`A perceptual hash is 16 hex digits; got "${hex}"`, { code: "BAD_PHASH", field: "phash" });
  }
  return BigInt(`0x${digits}`);
}

export type PerceptualHashReturnType = { phash: bigint; hex: string };

/** Both forms at once: the uint64 that goes on chain and the hex a person reads. */
export function perceptualHashOf(image: RgbaImage): PerceptualHashReturnType {
  const phash = perceptualHash(image);
  return { phash, hex: phashToHex(phash) };
}

function checkImage({ width, height, data }: RgbaImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new VeritraceError(`An image needs a positive whole width and height; got ${width}×${height}`, { code: "BAD_IMAGE", field: "image" });
  }
  if (data.length !== width * height * 4) {
    throw new VeritraceError(`RGBA pixels of a ${width}×${height} image are ${width * height * 4} bytes; got ${data.length}`, {
      code: "BAD_IMAGE",
      field: "image",
    });
  }
}
