/**
 * Perceptual-hash lookup among 100,000 registered works (issue 6: at most 50 ms), the index against a
 * linear scan over the same hashes in the same run; the time to hash one 1024×768 image; and the distances
 * behind `PHASH_MATCH_THRESHOLD`, re-measured on the generated test images.
 */
import { hammingDistance, PHASH_MATCH_THRESHOLD } from "../../core/content/hamming.ts";
import type { RgbaImage } from "../../core/content/image.ts";
import { perceptualHash } from "../../core/content/phash.ts";
import { decodeImage } from "../../server/features/licences/content/decode-image.ts";
import { PhashIndex, type PhashMatch } from "../../server/features/licences/content/phash-index.ts";
import { composite, gradient, noise, recompress, resize, seededRandom, shapes, textLines, toJpeg } from "../../test/fixtures/images/generate.ts";
import type { BenchResult } from "./results.ts";

const REGISTERED = 100_000;
const QUERIES = 1_000;

const randomHash = (rnd: () => number) => (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const ms = (value: number) => Number(value.toFixed(value < 1 ? 4 : 2));

function lookups(): BenchResult[] {
  const rnd = seededRandom(6);
  const index = new PhashIndex<number>();
  const started = performance.now();
  for (let i = 0; i < REGISTERED; i++) index.add(randomHash(rnd), i);
  // Each query has one registered near copy, 0–8 bits away, so every lookup has an answer to find.
  const queries = Array.from({ length: QUERIES }, (_, i) => {
    const query = randomHash(rnd);
    let copy = query;
    for (let bit = 0; bit < i % (PHASH_MATCH_THRESHOLD + 1); bit++) copy ^= 1n << BigInt(Math.floor(rnd() * 64));
    index.add(copy, REGISTERED + i);
    return query;
  });
  const buildMs = performance.now() - started;
  console.log(`  index of ${index.size.toLocaleString("en")} hashes built in ${buildMs.toFixed(0)} ms`);

  const indexed: number[] = [];
  const scanned: number[] = [];
  let same = true;
  let found = 0;
  for (const warm of queries.slice(0, 50)) {
    index.search(warm);
    index.scan(warm);
  }
  const timed = (lookup: () => PhashMatch<number>[], times: number[]) => {
    const t0 = performance.now();
    const result = lookup();
    times.push(performance.now() - t0);
    return result;
  };
  for (const [i, query] of queries.entries()) {
    // Alternate which goes first so neither gains from the other having just warmed the caches.
    let a: PhashMatch<number>[];
    let b: PhashMatch<number>[];
    if (i % 2 === 0) {
      a = timed(() => index.search(query), indexed);
      b = timed(() => index.scan(query), scanned);
    } else {
      b = timed(() => index.scan(query), scanned);
      a = timed(() => index.search(query), indexed);
    }
    same &&= a.length === b.length && a.every((m, j) => m.value === b[j]!.value && m.distance === b[j]!.distance);
    found += a.length;
  }
  indexed.sort((x, y) => x - y);
  scanned.sort((x, y) => x - y);
  console.log(`  index and scan gave the same matches for all ${QUERIES} queries: ${same ? "yes" : "NO"} (${found} matches)`);
  if (!same) throw new Error("phash bench: the index and the linear scan disagree");

  const label = `among ${index.size.toLocaleString("en")} registered hashes (${REGISTERED.toLocaleString("en")} random + ${QUERIES} planted near copies), ≤ ${PHASH_MATCH_THRESHOLD} bits, ${QUERIES} queries`;
  const baseline = (value: number, what: string) => ({ name: `linear scan over all, ${what}`, value: ms(value), unit: "ms" });
  return [
    { name: `pHash lookup, median, ${label}`, value: ms(quantile(indexed, 0.5)), unit: "ms", target: "≤ 50 ms", baseline: baseline(quantile(scanned, 0.5), "median") },
    { name: `pHash lookup, p99, ${label}`, value: ms(quantile(indexed, 0.99)), unit: "ms", target: "≤ 50 ms", baseline: baseline(quantile(scanned, 0.99), "p99") },
    { name: `pHash index build, ${index.size.toLocaleString("en")} hashes added one by one`, value: Math.round(buildMs), unit: "ms" },
  ];
}

function timeMedian(runs: number, work: () => void): number {
  for (let i = 0; i < 3; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return quantile(times.sort((x, y) => x - y), 0.5);
}

function hashing(): BenchResult[] {
  const image = composite(42, 1024, 768);
  const jpeg = toJpeg(image, 85);
  const hashOnly = timeMedian(30, () => perceptualHash(image));
  const decodeAndHash = timeMedian(15, () => perceptualHash(decodeImage(jpeg)));
  return [
    { name: "pHash of one 1024×768 image (RGBA pixels in hand), median of 30", value: ms(hashOnly), unit: "ms" },
    { name: `pHash of one 1024×768 JPEG (${Math.round(jpeg.length / 1024)} kB) including decoding it with jpeg-js, median of 15`, value: ms(decodeAndHash), unit: "ms" },
  ];
}

/** The measurement `PHASH_MATCH_THRESHOLD` documents: copies against unrelated images. */
function distances(): BenchResult[] {
  const kinds = { gradient, shapes, noise, textLines, composite };
  const images = Object.values(kinds).flatMap((make) => Array.from({ length: 12 }, (_, i) => make(100 + i * 7)));
  const hashes = images.map(perceptualHash);
  const edits: ((image: RgbaImage) => RgbaImage)[] = [
    (im) => resize(im, 1 / 3),
    (im) => resize(im, 0.5),
    (im) => resize(im, 0.75),
    (im) => resize(im, 1.5),
    (im) => recompress(im, 60),
    (im) => recompress(im, 40),
    (im) => recompress(resize(im, 0.5), 60),
    (im) => recompress(resize(im, 0.75), 40),
  ];
  const copies: number[] = [];
  images.forEach((image, i) => {
    for (const edit of edits) copies.push(hammingDistance(hashes[i]!, perceptualHash(edit(image))));
  });
  const unrelated: number[] = [];
  for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) unrelated.push(hammingDistance(hashes[i]!, hashes[j]!));
  copies.sort((a, b) => a - b);
  unrelated.sort((a, b) => a - b);
  const within = (list: number[]) => list.filter((d) => d <= PHASH_MATCH_THRESHOLD).length;
  console.log(`  copies' distances: median ${quantile(copies, 0.5)}, p99 ${quantile(copies, 0.99)}, worst ${copies.at(-1)}`);
  console.log(`  unrelated pairs' distances: closest ${unrelated[0]}, median ${quantile(unrelated, 0.5)}`);
  return [
    {
      name: `pHash copies found: ${images.length} generated images resized (1/3–150 %) and/or recompressed (JPEG 60, 40), within ${PHASH_MATCH_THRESHOLD} bits`,
      value: Number(((100 * within(copies)) / copies.length).toFixed(1)),
      unit: `% of ${copies.length}`,
    },
    {
      name: `pHash false matches: the ${unrelated.length.toLocaleString("en")} pairs of unrelated generated images within ${PHASH_MATCH_THRESHOLD} bits`,
      value: within(unrelated),
      unit: "pairs",
    },
  ];
}

export async function benchPhash(): Promise<BenchResult[]> {
  return [...lookups(), ...hashing(), ...distances()];
}
