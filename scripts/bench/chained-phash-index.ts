/**
 * Bench-only baseline: the chained-hash `PhashIndex` the service used before the sorted-table one
 * (server/features/licences/content/phash-index.ts), kept so `BENCH=robust-matching` can time both on the
 * same hashes in one run and check they answer alike. Not imported by the service.
 *
 * Registered perceptual hashes, searchable for every one within a Hamming distance of a query.
 *
 * Multi-index hashing (Norouzi, Punjani, Fleet 2012): the 64 bits are cut into 3 chunks (22, 21 and 21
 * bits) and each chunk has an exact-match table. By the pigeonhole principle two hashes within distance k
 * agree to within ⌊k/3⌋ bits on at least one chunk, so probing each table at the query's chunk and every
 * value within ⌊k/3⌋ bits of it finds every candidate; each is then checked in full. At the match threshold
 * (8) that is 254 probes per table (1 + 22 + 231). A table has 2–4 buckets per hash held (a chunk value is
 * hashed to its bucket, and the tables are rebuilt each time the index doubles), so a probe meets under
 * half a stranger whatever the size: with 100,000 hashes a query checks a few hundred instead of all of
 * them, and with the 500,000 part hashes of 100,000 works (core/content/robust-hash.ts) about as few.
 * Why 3 chunks: the earlier 4 chunks of 16 bits (radius 2, 137 probes a table) had 65,536 buckets whatever
 * the size: ~8 hashes a bucket at 500,000, ~4,200 candidates a query, 2.2 ms against 0.34 ms now (the same
 * loaded machine); 5 chunks of 13 bits (radius 1) need few probes but hold ~60 hashes a bucket at 500,000.
 */
import { checkUint64, PHASH_MATCH_THRESHOLD, popcount32 } from "../../core/content/hamming.ts";
import { VeritraceError } from "../../core/errors.ts";
import type { PhashMatch } from "../../server/features/licences/content/phash-index.ts";

const CHUNKS = 3;
/** Bits of each chunk, from the high end. */
const CHUNK_BITS = [22, 21, 21] as const;
const MIN_TABLE_BITS = 10;

export class ChainedPhashIndex<T> {
  #hi = new Uint32Array(1024);
  #lo = new Uint32Array(1024);
  // A query marks the entries it has checked with its own number, so one seen by two tables is checked once
  // without a Set per query.
  #seen = new Uint32Array(1024);
  #query = 0;
  #values: T[] = [];
  // Each chunk's table is a chained hash in typed arrays: `heads[c][chunk]` is the last entry added with that
  // chunk value (−1: none) and `next[c][entry]` the one before it. No per-bucket JS arrays for the GC to trace,
  // and a probe of an empty bucket is one array read.
  #tableBits = MIN_TABLE_BITS;
  #heads = Array.from({ length: CHUNKS }, () => new Int32Array(1 << MIN_TABLE_BITS).fill(-1));
  #next = Array.from({ length: CHUNKS }, () => new Int32Array(1024));

  get size(): number {
    return this.#values.length;
  }

  /** Bytes of the typed arrays the index holds (not the values). */
  get byteLength(): number {
    return [this.#hi, this.#lo, this.#seen, ...this.#heads, ...this.#next].reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Registers a hash; the same hash may be added for several values (two works can look alike). */
  add(phash: bigint, value: T): void {
    checkUint64(phash);
    const at = this.#values.length;
    if (at === this.#hi.length) this.#grow();
    const hi = Number(phash >> 32n);
    const lo = Number(phash & 0xffffffffn);
    this.#hi[at] = hi;
    this.#lo[at] = lo;
    this.#values.push(value);
    if (this.#values.length > 1 << (this.#tableBits - 2)) this.#rehash(this.#tableBits + 1);
    else this.#link(at);
  }

  /** Puts entry `at` at the head of its bucket in each chunk's table. */
  #link(at: number): void {
    const chunks = chunksOf(this.#hi[at]!, this.#lo[at]!);
    for (let c = 0; c < CHUNKS; c++) {
      const heads = this.#heads[c]!;
      const bucket = bucketOf(chunks[c]!, this.#tableBits);
      this.#next[c]![at] = heads[bucket]!;
      heads[bucket] = at;
    }
  }

  /** New tables of 2^`bits` buckets, every entry linked again in the order added. */
  #rehash(bits: number): void {
    this.#tableBits = bits;
    this.#heads = Array.from({ length: CHUNKS }, () => new Int32Array(1 << bits).fill(-1));
    for (let at = 0; at < this.#values.length; at++) this.#link(at);
  }

  /** Every registered hash within `maxDistance` bits of `phash`, nearest first, then in the order added. */
  search(phash: bigint, maxDistance: number = PHASH_MATCH_THRESHOLD): PhashMatch<T>[] {
    checkDistance(maxDistance);
    checkUint64(phash);
    const radius = Math.floor(maxDistance / CHUNKS);
    // Past a few bits of radius the probes cost more than looking at everything.
    if (CHUNKS * probesWithin(radius) * 1.5 >= this.size) return this.scan(phash, maxDistance);

    const hi = Number(phash >> 32n);
    const lo = Number(phash & 0xffffffffn);
    const chunks = chunksOf(hi, lo);
    const query = this.#nextQuery();
    const found: { at: number; distance: number }[] = [];
    const [seen, hashesHi, hashesLo] = [this.#seen, this.#hi, this.#lo];
    const bits = this.#tableBits;
    for (let c = 0; c < CHUNKS; c++) {
      const heads = this.#heads[c]!;
      const next = this.#next[c]!;
      const chunk = chunks[c]!;
      const masks = masksWithin(CHUNK_BITS[c]!, radius);
      for (let m = 0; m < masks.length; m++) {
        for (let at = heads[bucketOf(chunk ^ masks[m]!, bits)]!; at !== -1; at = next[at]!) {
          if (seen[at] === query) continue;
          seen[at] = query;
          const distance = popcount32(hashesHi[at]! ^ hi) + popcount32(hashesLo[at]! ^ lo);
          if (distance <= maxDistance) found.push({ at, distance });
        }
      }
    }
    return this.#matches(found);
  }

  /** The same answer as `search` by checking every registered hash: the baseline, and the fallback for wide radii. */
  scan(phash: bigint, maxDistance: number = PHASH_MATCH_THRESHOLD): PhashMatch<T>[] {
    checkDistance(maxDistance);
    checkUint64(phash);
    const hi = Number(phash >> 32n);
    const lo = Number(phash & 0xffffffffn);
    const found: { at: number; distance: number }[] = [];
    const hashesHi = this.#hi;
    const hashesLo = this.#lo;
    for (let at = 0, n = this.size; at < n; at++) {
      const distance = popcount32(hashesHi[at]! ^ hi) + popcount32(hashesLo[at]! ^ lo);
      if (distance <= maxDistance) found.push({ at, distance });
    }
    return this.#matches(found);
  }

  #matches(found: { at: number; distance: number }[]): PhashMatch<T>[] {
    found.sort((a, b) => a.distance - b.distance || a.at - b.at);
    return found.map(({ at, distance }) => ({
      value: this.#values[at]!,
      phash: (BigInt(this.#hi[at]!) << 32n) | BigInt(this.#lo[at]!),
      distance,
    }));
  }

  #nextQuery(): number {
    this.#query = (this.#query + 1) >>> 0;
    if (this.#query === 0) {
      // After 2^32 queries the marks wrap: clear them so an old mark is never mistaken for this query's.
      this.#seen.fill(0);
      this.#query = 1;
    }
    return this.#query;
  }

  #grow(): void {
    const grown = (old: Uint32Array) => {
      const next = new Uint32Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.#hi = grown(this.#hi);
    this.#lo = grown(this.#lo);
    this.#seen = grown(this.#seen);
    this.#next = this.#next.map((next) => {
      const longer = new Int32Array(next.length * 2);
      longer.set(next);
      return longer;
    });
  }
}

/** The three chunks of a hash given as its high and low 32 bits: bits 63–42, 41–21 and 20–0. */
function chunksOf(hi: number, lo: number): [number, number, number] {
  return [hi >>> 10, ((hi & 0x3ff) << 11) | (lo >>> 21), lo & 0x1fffff];
}

/**
 * A chunk value's bucket among 2^`bits`: Fibonacci hashing (the top bits of the value times 2^32/φ), which
 * spreads neighbouring values, as the probes of one query are, over the whole table.
 */
function bucketOf(chunk: number, bits: number): number {
  return Math.imul(chunk, 0x9e3779b1) >>> (32 - bits);
}

const maskCache = new Map<string, Int32Array>();

/** Every value of `width` bits with at most `radius` bits set: the offsets from a chunk that its probes visit. */
function masksWithin(width: number, radius: number): Int32Array {
  const key = `${width}/${radius}`;
  let masks = maskCache.get(key);
  if (masks === undefined) {
    const found: number[] = [];
    const walk = (from: number, mask: number, left: number) => {
      found.push(mask);
      if (left === 0) return;
      for (let bit = from; bit < width; bit++) walk(bit + 1, mask | (1 << bit), left - 1);
    };
    walk(0, 0, radius);
    maskCache.set(key, (masks = Int32Array.from(found)));
  }
  return masks;
}

/** How many probes a query makes at `radius` over all chunks (without building the masks of a wide radius). */
function probesWithin(radius: number): number {
  const binomial = (n: number, k: number) => {
    let v = 1;
    for (let i = 1; i <= k; i++) v = (v * (n - k + i)) / i;
    return v;
  };
  return CHUNK_BITS.reduce((sum, width) => sum + Array.from({ length: radius + 1 }, (_, k) => binomial(width, k)).reduce((a, b) => a + b, 0), 0);
}

function checkDistance(maxDistance: number): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 64) {
    throw new VeritraceError(`A Hamming distance between 64-bit hashes is a whole number from 0 to 64; got ${maxDistance}`, {
      code: "BAD_DISTANCE",
      field: "maxDistance",
    });
  }
}
