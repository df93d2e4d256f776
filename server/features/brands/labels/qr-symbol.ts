import { encodeQr } from "./qr/encode.ts";
import type { QrCode } from "./qr/encode.ts";
import { lineStride } from "./qr/packed.ts";

/**
 * Error correction M (about 15 % of codewords recoverable). A label URI is ~170 bytes: at M that is
 * a version 9 symbol (53 × 53 modules), at Q version 11 (61 × 61). In the same 35 mm square, Q's
 * modules would be 13 % smaller, and module size is what limits reading by phone cameras and on
 * 203/300 dpi label printers; M still survives the scuffs of an indoor product label and is where
 * most consumer-packaging guidance starts. Q would pay off for labels that face abrasion or outdoor
 * exposure, where a larger print size is usually available too.
 */
export const LABEL_ERROR_CORRECTION = "M";

export function labelQr(uri: string): QrCode {
  return encodeQr(uri, { level: LABEL_ERROR_CORRECTION });
}

/**
 * Dark modules as horizontal runs, row by row: [row, firstColumn, length, …] in the first `count`
 * entries. SVG, PDF and PNG all draw from this, one rectangle per run instead of one per module.
 * Read from the packed rows a colour change at a time (a row has ~25), not a module at a time.
 */
export function darkRuns({ size, rows }: QrCode): { runs: Uint16Array; count: number } {
  const stride = lineStride(size);
  // A row of n modules has at most ceil(n / 2) dark runs.
  const runs = new Uint16Array(size * ((size + 1) >> 1) * 3);
  let count = 0;
  for (let row = 0; row < size; row++) {
    const offset = row * stride;
    let start = -1;
    let carry = 0;
    for (let word = 0; word * 32 < size; word++) {
      const bits = rows[offset + word]!;
      // Bit i set where module i differs from module i − 1 (the module before the row is light).
      let changes = bits ^ ((bits << 1) | carry);
      carry = bits >>> 31;
      while (changes !== 0) {
        const bit = 31 - Math.clz32(changes & -changes);
        changes &= changes - 1;
        const column = word * 32 + bit;
        if (start < 0) start = column;
        else {
          runs[count++] = row;
          runs[count++] = start;
          runs[count++] = column - start;
          start = -1;
        }
      }
    }
    // A run reaching the right edge; bits past the edge are light.
    if (start >= 0) {
      runs[count++] = row;
      runs[count++] = start;
      runs[count++] = size - start;
    }
  }
  return { runs, count };
}
