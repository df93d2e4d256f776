/**
 * The pHash of an image's mirror images and quarter turns (the dihedral group D4: 4 turns × mirrored or
 * not), read off the one DCT the hash already computed instead of recomputing it 8 times. A DCT-II basis
 * function of frequency k is even or odd about the block's centre, so mirroring left–right multiplies
 * coefficient (v, u) by (−1)^u, flipping top–bottom by (−1)^v, and a transpose swaps u and v; every turn or
 * mirror is a combination (PDQ derives its 8 dihedral hashes the same way). The 32×32 block is the image
 * squashed to a square, and squashing commutes with all 8, so this holds for any aspect ratio.
 */
import { hashOfCoefficients } from "./phash.ts";

const LOW = 8;

/** The 8 variants' coefficients, the image as it is first. */
export function dihedralCoefficients(coefficients: Float64Array): Float64Array[] {
  const variants: Float64Array[] = [];
  for (const transpose of [false, true]) {
    for (const flipV of [false, true]) {
      for (const flipU of [false, true]) {
        const out = new Float64Array(LOW * LOW);
        for (let v = 0; v < LOW; v++) {
          for (let u = 0; u < LOW; u++) {
            const c = transpose ? coefficients[u * LOW + v]! : coefficients[v * LOW + u]!;
            out[v * LOW + u] = (flipU && u % 2 === 1 ? -c : c) * (flipV && v % 2 === 1 ? -1 : 1);
          }
        }
        variants.push(out);
      }
    }
  }
  return variants;
}

/** The pHash of each of the 8 variants (the first is the image's own pHash); duplicates kept, in a fixed order. */
export function dihedralHashes(coefficients: Float64Array): bigint[] {
  return dihedralCoefficients(coefficients).map(hashOfCoefficients);
}
