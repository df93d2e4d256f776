/**
 * Registered perceptual hashes, searchable for every one within a Hamming distance of a query.
 *
 * Multi-index hashing (Norouzi, Punjani, Fleet 2012): the 64 bits are cut into 4 chunks of 16 and each
 * chunk has an exact-match table. By the pigeonhole principle two hashes within distance k agree to within
 * ⌊k/4⌋ bits on at least one chunk, so probing each table at the query's chunk and every value within ⌊k/4⌋
 * bits of it finds every candidate; each is then checked in full. At the match threshold (8) that is 137
 * buckets per table; with 100,000 random hashes in 65,536 buckets a query checks about 840 of them instead
 * of all 100,000. Why 4 chunks: k + 1 = 9 chunks of 7 bits (radius 0) would hold ~800 hashes a bucket, ~7,000
 * checks a query; 2 chunks of 32 bits would need 41,449 probes per table (radius 4 of 32 bits).
 */
import { checkUint64, PHASH_MATCH_THRESHOLD, popcount32 } from "../../../../core/content/hamming.ts";
import { VeritraceError } from "../../../../core/errors.ts";

const CHUNKS = 4;
const CHUNK_BITS = 16;
const BUCKETS = 1 << CHUNK_BITS;

export type PhashMatch<T> = { value: T; phash: bigint; distance: number };

export class PhashIndex<T> {
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
  #heads = Array.from({ length: CHUNKS }, () => new Int32Array(BUCKETS).fill(-1));
  #next = Array.from({ length: CHUNKS }, () => new Int32Array(1024));

  get size(): number {
    return this.#values.length;
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
    const chunks = chunksOf(hi, lo);
    for (let c = 0; c < CHUNKS; c++) {
      const heads = this.#heads[c]!;
      this.#next[c]![at] = heads[chunks[c]!]!;
      heads[chunks[c]!] = at;
    }
  }

  /** Every registered hash within `maxDistance` bits of `phash`, nearest first, then in the order added. */
  search(phash: bigint, maxDistance: number = PHASH_MATCH_THRESHOLD): PhashMatch<T>[] {
    checkDistance(maxDistance);
    checkUint64(phash);
    const radius = Math.floor(maxDistance / CHUNKS);
    const masks = masksWithin(radius);
    // Past a few bits of radius the probes cost more than looking at everything.
    if (CHUNKS * masks.length * (1 + this.size / BUCKETS) >= this.size) return this.scan(phash, maxDistance);

    const hi = Number(phash >> 32n);
    const lo = Number(phash & 0xffffffffn);
    const chunks = chunksOf(hi, lo);
    const query = this.#nextQuery();
    const found: { at: number; distance: number }[] = [];
    const [seen, hashesHi, hashesLo] = [this.#seen, this.#hi, this.#lo];
    for (let c = 0; c < CHUNKS; c++) {
      const heads = this.#heads[c]!;
      const next = this.#next[c]!;
      const chunk = chunks[c]!;
      for (let m = 0; m < masks.length; m++) {
        for (let at = heads[chunk ^ masks[m]!]!; at !== -1; at = next[at]!) {
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

function chunksOf(hi: number, lo: number): [number, number, number, number] {
  return [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
}

const maskCache: Int32Array[] = [];

/** Every 16-bit value with at most `radius` bits set: the offsets from a chunk that its probes visit. */
function masksWithin(radius: number): Int32Array {
  return (maskCache[radius] ??= Int32Array.from({ length: BUCKETS }, (_, m) => m).filter((m) => popcount32(m) <= radius));
}

function checkDistance(maxDistance: number): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 64) {
    throw new VeritraceError(`A Hamming distance between 64-bit hashes is a whole number from 0 to 64; got ${maxDistance}`, {
      code: "BAD_DISTANCE",
      field: "maxDistance",
    });
  }
}
