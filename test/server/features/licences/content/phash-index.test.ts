import { expect } from "chai";
import { hammingDistance, PHASH_MATCH_THRESHOLD } from "../../../../../core/content/hamming.ts";
import { perceptualHash } from "../../../../../core/content/phash.ts";
import { PHASH_TAIL_SIZE, PhashIndex, radiusOf, type PhashMatch } from "../../../../../server/features/licences/content/phash-index.ts";
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

  describe("pigeonhole over 4 chunks of 16 bits with radii 1, 1, 1, 2", function () {
    const CHUNK_LOW = [48, 32, 16, 0];
    /** Every way to put `total` flipped bits into the 4 chunks (chunk 0 is bits 63–48). */
    const spreads = (total: number): number[][] => {
      const out: number[][] = [];
      for (let a = 0; a <= total; a++) for (let b = 0; a + b <= total; b++) for (let c = 0; a + b + c <= total; c++) out.push([a, b, c, total - a - b - c]);
      return out;
    };
    /** A mask flipping `counts[i]` bits of chunk i: at random positions, or at the chunk's edges (top, bottom, top − 1, …). */
    const maskOf = (counts: number[], where: "random" | "edges", rnd: () => number): bigint => {
      let mask = 0n;
      counts.forEach((count, chunk) => {
        const positions = new Set<number>();
        for (let k = 0; positions.size < count; k++) {
          const offset = where === "edges" ? (k % 2 === 0 ? 15 - k / 2 : (k - 1) / 2) : Math.floor(rnd() * 16);
          positions.add(offset);
        }
        for (const p of positions) mask |= 1n << BigInt(CHUNK_LOW[chunk]! + p);
      });
      return mask;
    };

    it("has a probe radius for every distance whose radii plus one per chunk sum past it (so nothing within it escapes)", function () {
      expect([0, 1, 2, 3].map((c) => radiusOf(PHASH_MATCH_THRESHOLD, c))).to.deep.equal([1, 1, 1, 2]);
      for (let k = 0; k <= 64; k++) {
        const radii = [0, 1, 2, 3].map((c) => radiusOf(k, c));
        expect(radii.reduce((sum, r) => sum + r + 1, 0), `within ${k}`).to.equal(k + 1);
        expect(Math.max(...radii) - Math.min(...radii), `within ${k}`).to.be.at.most(1);
      }
    });

    for (const where of ["random", "edges"] as const) {
      for (const placement of ["in the sorted tables", "in the unsorted tail"] as const) {
        it(`finds every hash exactly 8 bits away and none 9 away, for all ${spreads(8).length} and ${spreads(9).length} spreads over the chunks (bits at ${where} positions, ${placement})`, function () {
          const rnd = seededRandom(where === "random" ? 81 : 82);
          const query = randomHash(rnd);
          const entries: [bigint, number][] = [];
          const index = new PhashIndex<number>();
          const add = (hash: bigint) => {
            index.add(hash, entries.length);
            entries.push([hash, entries.length]);
          };
          const fillers = () => {
            for (let i = 0; i < 2 * PHASH_TAIL_SIZE; i++) add(randomHash(rnd));
          };
          if (placement === "in the unsorted tail") fillers();
          const at8 = spreads(8).map((counts) => query ^ maskOf(counts, where, rnd));
          const at9 = spreads(9).map((counts) => query ^ maskOf(counts, where, rnd));
          for (const hash of [...at8, ...at9]) add(hash);
          if (placement === "in the sorted tables") fillers();
          for (const hash of at8) expect(hammingDistance(hash, query)).to.equal(8);
          for (const hash of at9) expect(hammingDistance(hash, query)).to.equal(9);

          const within8 = index.search(query, 8);
          expect(plain(within8)).to.deep.equal(referenceScan(entries, query, 8));
          expect(within8.map((m) => m.phash)).to.include.members(at8);
          expect(within8.filter((m) => m.distance === 9)).to.deep.equal([]);
          // Within 9 the radii become 1, 1, 2, 2 and the 9-bit ones are found too.
          const within9 = index.search(query, 9);
          expect(plain(within9)).to.deep.equal(referenceScan(entries, query, 9));
          expect(within9.map((m) => m.phash)).to.include.members([...at8, ...at9]);
        });
      }
    }

    it("finds hashes at exactly the limit and misses those one bit past it, for every limit from 0 to 12", function () {
      const rnd = seededRandom(12);
      const entries: [bigint, number][] = [];
      const index = new PhashIndex<number>();
      const queries = Array.from({ length: 13 }, () => randomHash(rnd));
      queries.forEach((query, k) => {
        for (const total of [k, k + 1]) {
          for (const counts of spreads(total).filter((c) => c.every((n) => n <= 16))) {
            const hash = query ^ maskOf(counts, "random", rnd);
            index.add(hash, entries.length);
            entries.push([hash, entries.length]);
          }
        }
      });
      expect(index.size).to.be.above(PHASH_TAIL_SIZE);
      queries.forEach((query, k) => {
        const found = index.search(query, k);
        expect(plain(found), `within ${k}`).to.deep.equal(referenceScan(entries, query, k));
        expect(found.length, `within ${k}`).to.equal(spreads(k).length);
      });
    });
  });

  describe("the unsorted tail and its merge into the tables", function () {
    for (const count of [PHASH_TAIL_SIZE - 1, PHASH_TAIL_SIZE, PHASH_TAIL_SIZE + 1, 3 * PHASH_TAIL_SIZE + 7]) {
      it(`answers like a linear scan after ${count.toLocaleString("en")} adds, for hashes added first, last and in between`, function () {
        const rnd = seededRandom(count);
        const entries: [bigint, number][] = [];
        const index = new PhashIndex<number>();
        // Groups of near neighbours, so runs of one chunk value hold several entries that the merge must keep in order.
        const centres = Array.from({ length: 40 }, () => randomHash(rnd));
        for (let i = 0; i < count; i++) {
          const hash = i % 3 === 0 ? randomHash(rnd) : flip(centres[i % centres.length]!, Math.floor(rnd() * 10), rnd);
          index.add(hash, i);
          entries.push([hash, i]);
        }
        expect(index.size).to.equal(count);
        for (const query of [...centres, entries[0]![0], entries[count - 1]![0], entries[PHASH_TAIL_SIZE - 2]![0], entries[Math.floor(count / 2)]![0]]) {
          expect(plain(index.search(query)), `after ${count}`).to.deep.equal(referenceScan(entries, query, PHASH_MATCH_THRESHOLD));
        }
      });
    }

    it("keeps no tables until the tail first fills, then about 48 bytes a hash and 1 MiB of offsets", function () {
      const index = new PhashIndex<number>();
      const rnd = seededRandom(3);
      for (let i = 0; i < PHASH_TAIL_SIZE - 1; i++) index.add(randomHash(rnd), i);
      const tailOnly = index.byteLength;
      expect(tailOnly).to.equal(8 * PHASH_TAIL_SIZE);
      index.add(randomHash(rnd), PHASH_TAIL_SIZE);
      expect(index.byteLength).to.equal(tailOnly + 4 * 4 * (65_536 + 1) + 4 * 12 * 4 * PHASH_TAIL_SIZE);
    });
  });

  it("returns every value registered with the same hash, in the order added, whether sorted or still in the tail", function () {
    const rnd = seededRandom(9);
    const index = new PhashIndex<string>();
    const twin = randomHash(rnd);
    index.add(twin, "first");
    index.add(twin, "second");
    for (let i = 0; i < PHASH_TAIL_SIZE; i++) index.add(randomHash(rnd), `filler ${i}`);
    index.add(twin, "third, in the tail");
    expect(index.search(twin, 0)).to.deep.equal(["first", "second", "third, in the tail"].map((value) => ({ value, phash: twin, distance: 0 })));
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
