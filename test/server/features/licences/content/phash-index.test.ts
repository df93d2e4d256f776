import { expect } from "chai";
import { hammingDistance, PHASH_MATCH_THRESHOLD } from "../../../../../core/content/hamming.ts";
import { perceptualHash } from "../../../../../core/content/phash.ts";
import { PhashIndex, type PhashMatch } from "../../../../../server/features/licences/content/phash-index.ts";
import { recompress, resize, seededRandom, testImages } from "../../../../fixtures/images/generate.ts";

function randomHash(rnd: () => number): bigint {
  return (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
}

/** `hash` with `bits` distinct bits flipped. */
function flip(hash: bigint, bits: number, rnd: () => number): bigint {
  const positions = new Set<number>();
  while (positions.size < bits) positions.add(Math.floor(rnd() * 64));
  let out = hash;
  for (const p of positions) out ^= 1n << BigInt(p);
  return out;
}

/** The reference: every entry compared with bigint arithmetic, nothing shared with the index's code. */
function referenceScan(entries: [bigint, number][], query: bigint, maxDistance: number): [number, number][] {
  return entries
    .map(([hash, value], order) => ({ value, order, distance: hammingDistance(hash, query) }))
    .filter((e) => e.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map((e) => [e.value, e.distance]);
}

const plain = (matches: PhashMatch<number>[]) => matches.map((m) => [m.value, m.distance]);

describe("server/features/licences/content/phash-index", function () {
  it("returns exactly what a linear scan returns, for random hashes with planted near matches", function () {
    const rnd = seededRandom(2024);
    const entries: [bigint, number][] = [];
    const index = new PhashIndex<number>();
    const add = (hash: bigint) => {
      entries.push([hash, entries.length]);
      index.add(hash, entries.length - 1);
    };
    const queries = Array.from({ length: 400 }, () => randomHash(rnd));
    for (let i = 0; i < 5_000; i++) add(randomHash(rnd));
    // Near matches at every distance around the threshold, several per query, so the answers are not all empty.
    for (const query of queries) for (let k = 0; k < 4; k++) add(flip(query, Math.floor(rnd() * 14), rnd));
    // Registered twice: both must come back.
    add(entries[7]![0]);

    let nonEmpty = 0;
    for (const [i, query] of queries.entries()) {
      // Radii past the threshold too, where the index probes more or falls back to a scan.
      const maxDistance = [0, 3, PHASH_MATCH_THRESHOLD, 11, 16, 24][i % 6]!;
      const expected = referenceScan(entries, query, maxDistance);
      expect(plain(index.search(query, maxDistance)), `query ${i} within ${maxDistance}`).to.deep.equal(expected);
      expect(plain(index.scan(query, maxDistance)), `scan ${i} within ${maxDistance}`).to.deep.equal(expected);
      if (expected.length > 0) nonEmpty++;
    }
    expect(nonEmpty).to.be.above(300);
    expect(plain(index.search(entries[7]![0], 0))).to.deep.equal([[7, 0], [entries.length - 1, 0]]);
  });

  it("finds hashes near the query in any one of the three chunks (bits 63–42, 41–21, 20–0), and at the chunk edges", function () {
    const index = new PhashIndex<string>();
    const query = 0x0123456789abcdefn;
    // All 8 flipped bits in one chunk: the other two chunks agree exactly.
    for (const [chunk, low] of [[0, 42n], [1, 21n], [2, 0n]] as const) index.add(query ^ (0xffn << (low + 4n)), `chunk ${chunk}`);
    const bits = (...positions: bigint[]) => positions.reduce((mask, p) => mask | (1n << p), 0n);
    // 3 + 3 + 2 bits, on the chunks' edges: only the last chunk is within radius 2, and that finds it.
    index.add(query ^ bits(63n, 50n, 42n, 41n, 30n, 21n, 20n, 0n), "spread");
    // 3 + 3 + 3: no chunk within radius 2, and 9 bits away anyway.
    index.add(query ^ bits(63n, 50n, 42n, 41n, 30n, 21n, 20n, 10n, 0n), "spread, one too many");
    const found = index.search(query, 8).map((m) => m.value);
    expect(found).to.have.members(["chunk 0", "chunk 1", "chunk 2", "spread"]);
  });

  it("lists matches nearest first, with their hashes, then in the order they were added", function () {
    const index = new PhashIndex<string>();
    index.add(0b111n, "three");
    index.add(0b1n, "one");
    index.add(0n, "same");
    index.add(0b10n, "also one");
    index.add(1n << 63n | 0xffffn, "far");
    expect(index.search(0n)).to.deep.equal([
      { value: "same", phash: 0n, distance: 0 },
      { value: "one", phash: 1n, distance: 1 },
      { value: "also one", phash: 2n, distance: 1 },
      { value: "three", phash: 7n, distance: 3 },
    ]);
    expect(index.size).to.equal(5);
  });

  it("sees works added after earlier searches, past its first allocation", function () {
    const index = new PhashIndex<number>();
    const rnd = seededRandom(5);
    const target = randomHash(rnd);
    expect(index.search(target)).to.deep.equal([]);
    for (let i = 0; i < 3_000; i++) index.add(randomHash(rnd), i);
    index.add(flip(target, 5, rnd), -1);
    expect(index.search(target).map((m) => m.value)).to.deep.equal([-1]);
  });

  it("finds a resized or recompressed image among registered ones, and nothing for an unrelated one", function () {
    const [query, ...registered] = testImages();
    const index = new PhashIndex<string>();
    for (const { name, image } of registered) index.add(perceptualHash(image), name);
    const original = registered[3]!;
    for (const copy of [resize(original.image, 0.5), resize(original.image, 1.5), recompress(original.image, 60)]) {
      expect(index.search(perceptualHash(copy)).map((m) => m.value)).to.deep.equal([original.name]);
    }
    expect(index.search(perceptualHash(query!.image))).to.deep.equal([]);
  });

  it("refuses a hash or a distance out of range", function () {
    const index = new PhashIndex<number>();
    expect(() => index.add(-1n, 0)).to.throw().with.property("code", "BAD_PHASH");
    expect(() => index.add(1n << 64n, 0)).to.throw().with.property("code", "BAD_PHASH");
    expect(() => index.search(0n, -1)).to.throw().with.property("code", "BAD_DISTANCE");
    expect(() => index.search(0n, 65)).to.throw().with.property("code", "BAD_DISTANCE");
    expect(() => index.scan(0n, 2.5)).to.throw().with.property("code", "BAD_DISTANCE");
    expect(index.size).to.equal(0);
  });
});
