/**
 * The alternative content matching was chosen against (docs/licences.md): a PDQ-style 256-bit hash (64×64
 * grey, the 16×16 lowest DCT coefficients, each above or below their median), measured on the same photo
 * copies. Measurement only: the service never computes it.
 */
import type { RgbaImage } from "../../core/content/image.ts";
import { reduceToGray } from "../../core/content/phash.ts";
import { COPY_EDITS } from "../../test/fixtures/photos/copies.ts";
import type { Photo } from "../../test/fixtures/photos/photos.ts";
import type { BenchResult } from "./results.ts";

const SIDE = 64;
const LOW = 16;
const COS = Float64Array.from({ length: LOW * SIDE }, (_, i) => Math.cos((Math.PI * (2 * (i % SIDE) + 1) * Math.floor(i / SIDE)) / (2 * SIDE)));

function dct256(image: RgbaImage): Uint8Array {
  const gray = reduceToGray(image, SIDE, SIDE).data;
  const half = new Float64Array(LOW * SIDE);
  for (let v = 0; v < LOW; v++) {
    for (let x = 0; x < SIDE; x++) {
      let sum = 0;
      for (let y = 0; y < SIDE; y++) sum += COS[v * SIDE + y]! * gray[y * SIDE + x]!;
      half[v * SIDE + x] = sum;
    }
  }
  const coefficients = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SIDE; x++) sum += COS[u * SIDE + x]! * half[v * SIDE + x]!;
      coefficients[v * LOW + u] = sum;
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = (sorted[127]! + sorted[128]!) / 2;
  return Uint8Array.from(coefficients, (c) => (c > median ? 1 : 0));
}

const distance = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, bit, i) => sum + (bit ^ b[i]!), 0);

/** Copies found by the 256-bit hash alone below the closest unrelated pair: the best any threshold could do. */
export function compareDct256(photos: Photo[]): BenchResult[] {
  const hashes = photos.map((p) => dct256(p.image));
  const unrelated: number[] = [];
  for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) unrelated.push(distance(hashes[i]!, hashes[j]!));
  const closest = Math.min(...unrelated);
  let found = 0;
  let total = 0;
  for (const { name, apply } of COPY_EDITS) {
    const copies = photos.map((p, i) => distance(hashes[i]!, dct256(apply(p.image)))).sort((a, b) => a - b);
    console.log(`  256-bit, ${name}: median ${copies[copies.length >> 1]}, worst ${copies.at(-1)} of 256 bits`);
    found += copies.filter((d) => d < closest).length;
    total += copies.length;
  }
  console.log(`  256-bit, unrelated photo pairs: closest ${closest}, median ${unrelated.sort((a, b) => a - b)[unrelated.length >> 1]}`);
  return [
    {
      name: `PDQ-style 256-bit DCT hash alone, the same ${total} copies closer than the closest unrelated pair (${closest} of 256 bits): the best any threshold could do`,
      value: Number(((100 * found) / total).toFixed(1)),
      unit: "%",
    },
  ];
}
