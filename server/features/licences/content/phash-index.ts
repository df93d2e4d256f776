/**
 * Registered perceptual hashes, searchable for every one within a Hamming distance of a query.
 *
 * Multi-index hashing (Norouzi, Punjani, Fleet 2012) over 4 chunks of 16 bits (bits 63–48, 47–32, 31–16,
 * 15–0), each probed within its own radius rᵢ = ⌊(k − 3 + i) / 4⌋ for a search within k bits: at the match
 * threshold 8 that is radii 1, 1, 1, 2, so 17 + 17 + 17 + 137 = 188 probes a query (the earlier 3 chunks of
 * 21–22 bits at radius 2 made 762).
 *
 * Why nothing within k bits is missed (pigeonhole, with unequal radii): suppose a registered hash h is within
 * k bits of the query q but no probe reaches it, so on every chunk i h and q differ in at least rᵢ + 1 bits.
 * The chunks are disjoint, so d(h, q) ≥ Σ (rᵢ + 1) = Σ rᵢ + 4. By Hermite's identity Σᵢ₌₀³ ⌊(m + i) / 4⌋ = m,
 * so with m = k − 3, Σ rᵢ = k − 3 and d(h, q) ≥ k + 1 > k: a contradiction. (For k < 3 some radii are −1:
 * those chunks are not probed at all, and the sum still holds.) At k = 8: 1 + 1 + 1 + 2 + 4 = 9 > 8.
 *
 * Layout, so a probe is two array reads and a bucket is read in a row: each chunk has its own copy of every
 * sorted entry — a Uint32Array of (high 32 bits, low 32 bits, entry number) triples ordered by that chunk's
 * value — and a 65,537-entry offsets table, where the entries whose chunk is v are offsets[v] up to
 * offsets[v + 1]. No chains to follow and no second array to fetch the hash from; a candidate's high word is
 * compared first, and one already too far there is dropped without reading the low word. With 500,000 hashes
 * (the parts of 100,000 works) a bucket holds ~7.6, so a query reads ~1,400 candidates, in 188 short runs.
 *
 * Adds go to an unsorted tail of at most 1,024 hashes, which every query scans too; a full tail is merged into
 * the sorted tables in place (backwards, moving each run of entries once), so adding costs O(size / 1,024)
 * amortised and a single registration never waits for a rebuild of the whole index. An index of fewer than
 * 1,024 hashes is its tail alone: no tables at all.
 */
import { checkUint64, PHASH_MATCH_THRESHOLD, popcount32 } from "../../../../core/content/hamming.ts";
import { VeritraceError } from "../../../../core/errors.ts";

const CHUNKS = 4;
const CHUNK_VALUES = 1 << 16;
/** Hashes held unsorted before they are merged into the tables (a power of two: a tail slot fits 10 bits). */
export const PHASH_TAIL_SIZE = 1024;
const TAIL_BITS = 10;
/** Words per sorted entry: high half, low half, entry number. */
const STRIDE = 3;

export type PhashMatch<T> = { value: T; phash: bigint; distance: number };

export class PhashIndex<T> {
  #values: T[] = [];
  /** Entries 0 … sorted − 1 are in the tables; the rest are the tail, in the order added. */
  #sorted = 0;
  #capacity = 0;
  #entries: Uint32Array[] = [];
  #offsets: Uint32Array[] = [];
  /** The tail's hashes as (high, low) pairs; slot s holds entry `sorted + s`. */
  #tail = new Uint32Array(2 * PHASH_TAIL_SIZE);

  get size(): number {
    return this.#values.length;
  }

  /** Bytes of the typed arrays the index holds (not the values, which the caller owns). */
  get byteLength(): number {
    const tables = [...this.#entries, ...this.#offsets].reduce((sum, a) => sum + a.byteLength, 0);
    return tables + this.#tail.byteLength;
  }

  /** Registers a hash; the same hash may be added for several values (two works can look alike). */
  add(phash: bigint, value: T): void {
    checkUint64(phash);
    const slot = this.#values.length - this.#sorted;
    this.#tail[2 * slot] = Number(phash >> 32n);
    this.#tail[2 * slot + 1] = Number(phash & 0xffffffffn);
    this.#values.push(value);
    if (slot + 1 === PHASH_TAIL_SIZE) this.#merge();
  }

  /** Every registered hash within `maxDistance` bits of `phash`, nearest first, then in the order added. */
  search(phash: bigint, maxDistance: number = PHASH_MATCH_THRESHOLD): PhashMatch<T>[] {
    checkDistance(maxDistance);
    checkUint64(phash);
    const hi = Number(phash >> 32n);
    const lo = Number(phash & 0xffffffffn);
    const found: number[] = [];
    const n = this.#sorted;
    if (n > 0) {
      const probes = probesWithin(maxDistance);
      // A probe costs about two candidates' reading; past the point where the probes would read more than
      // the whole table, reading it all is the cheaper way to the same answer.
      if (probes * (2 + n / CHUNK_VALUES) >= n) scanEntries(this.#entries[0]!, n, hi, lo, maxDistance, found);
      else this.#probe(hi, lo, maxDistance, found);
    }
    this.#scanTail(hi, lo, maxDistance, found);
    return this.#matches(found);
  }

  /** The same answer as `search` by checking every registered hash: the baseline, and the fallback for wide radii. */
  scan(phash: bigint, maxDistance: number = PHASH_MATCH_THRESHOLD): PhashMatch<T>[] {
    checkDistance(maxDistance);
    checkUint64(phash);
    const hi = Number(phash >> 32n);
    const lo = Number(phash & 0xffffffffn);
    const found: number[] = [];
    if (this.#sorted > 0) scanEntries(this.#entries[0]!, this.#sorted, hi, lo, maxDistance, found);
    this.#scanTail(hi, lo, maxDistance, found);
    return this.#matches(found);
  }

  /** Pushes (entry, distance, high, low) for every sorted entry some chunk's probes reach that is within `maxDistance`. */
  #probe(hi: number, lo: number, maxDistance: number, found: number[]): void {
    for (let c = 0; c < CHUNKS; c++) {
      const radius = radiusOf(maxDistance, c);
      if (radius < 0) continue;
      const entries = this.#entries[c]!;
      const offsets = this.#offsets[c]!;
      const chunk = chunkOf(hi, lo, c);
      const masks = masksWithin(radius);
      for (let m = 0; m < masks.length; m++) {
        const value = chunk ^ masks[m]!;
        const end = offsets[value + 1]! * STRIDE;
        for (let i = offsets[value]! * STRIDE; i < end; i += STRIDE) {
          const high = popcount32(entries[i]! ^ hi);
          if (high > maxDistance) continue;
          const distance = high + popcount32(entries[i + 1]! ^ lo);
          if (distance <= maxDistance) found.push(entries[i + 2]!, distance, entries[i]!, entries[i + 1]!);
        }
      }
    }
  }

  #scanTail(hi: number, lo: number, maxDistance: number, found: number[]): void {
    const tail = this.#tail;
    for (let s = 0, n = this.#values.length - this.#sorted; s < n; s++) {
      const high = popcount32(tail[2 * s]! ^ hi);
      if (high > maxDistance) continue;
      const distance = high + popcount32(tail[2 * s + 1]! ^ lo);
      if (distance <= maxDistance) found.push(this.#sorted + s, distance, tail[2 * s]!, tail[2 * s + 1]!);
    }
  }

  /** `found` as (entry, distance, high, low) quadruples, possibly repeated (one hash reached through two chunks), as matches. */
  #matches(found: number[]): PhashMatch<T>[] {
    const hits: { at: number; distance: number; hi: number; lo: number }[] = [];
    for (let i = 0; i < found.length; i += 4) hits.push({ at: found[i]!, distance: found[i + 1]!, hi: found[i + 2]!, lo: found[i + 3]! });
    hits.sort((a, b) => a.distance - b.distance || a.at - b.at);
    const matches: PhashMatch<T>[] = [];
    for (let i = 0; i < hits.length; i++) {
      const { at, distance, hi, lo } = hits[i]!;
      if (i > 0 && hits[i - 1]!.at === at) continue;
      matches.push({ value: this.#values[at]!, phash: (BigInt(hi) << 32n) | BigInt(lo), distance });
    }
    return matches;
  }

  /**
   * Moves the full tail into the tables. Each chunk's tail entries are sorted by (chunk value, slot) and
   * merged from the back: the run of table entries above each tail entry's value moves up by the number of
   * tail entries still to place, so every entry moves at most once and entries of one value stay in the
   * order added.
   */
  #merge(): void {
    const n = this.#sorted;
    const t = this.#values.length - n;
    const total = n + t;
    if (total > this.#capacity) this.#grow(Math.max(2 * this.#capacity, total, 4 * PHASH_TAIL_SIZE));
    const tail = this.#tail;
    const keys = new Uint32Array(t);
    for (let c = 0; c < CHUNKS; c++) {
      for (let s = 0; s < t; s++) keys[s] = (chunkOf(tail[2 * s]!, tail[2 * s + 1]!, c) << TAIL_BITS) | s;
      keys.sort();
      const entries = this.#entries[c]!;
      const offsets = this.#offsets[c]!;
      let write = total;
      let readEnd = n;
      for (let k = t - 1; k >= 0; k--) {
        const key = keys[k]!;
        const s = key & (PHASH_TAIL_SIZE - 1);
        const from = offsets[(key >>> TAIL_BITS) + 1]!;
        if (readEnd > from) entries.copyWithin((write - (readEnd - from)) * STRIDE, from * STRIDE, readEnd * STRIDE);
        write -= readEnd - from;
        readEnd = from;
        write--;
        entries[write * STRIDE] = tail[2 * s]!;
        entries[write * STRIDE + 1] = tail[2 * s + 1]!;
        entries[write * STRIDE + 2] = n + s;
      }
      // Each value's run starts later by the tail entries of every smaller value.
      for (let v = 0, k = 0; v <= CHUNK_VALUES; v++) {
        while (k < t && keys[k]! >>> TAIL_BITS < v) k++;
        offsets[v] = offsets[v]! + k;
      }
    }
    this.#sorted = total;
  }

  #grow(capacity: number): void {
    if (this.#offsets.length === 0) this.#offsets = Array.from({ length: CHUNKS }, () => new Uint32Array(CHUNK_VALUES + 1));
    this.#entries = Array.from({ length: CHUNKS }, (_, c) => {
      const grown = new Uint32Array(capacity * STRIDE);
      if (this.#sorted > 0) grown.set(this.#entries[c]!.subarray(0, this.#sorted * STRIDE));
      return grown;
    });
    this.#capacity = capacity;
  }
}

/** Chunk `c` of a hash given as its high and low 32 bits: 0 is bits 63–48, 3 is bits 15–0. */
function chunkOf(hi: number, lo: number, c: number): number {
  const word = c < 2 ? hi : lo;
  return c % 2 === 0 ? word >>> 16 : word & 0xffff;
}

/** Chunk `c`'s probe radius for a search within `maxDistance`: −1 means the chunk need not be probed. */
export function radiusOf(maxDistance: number, c: number): number {
  return Math.floor((maxDistance - (CHUNKS - 1) + c) / CHUNKS);
}

/** Pushes (entry, distance, high, low) for the first `n` triples of `entries` within `maxDistance`. */
function scanEntries(entries: Uint32Array, n: number, hi: number, lo: number, maxDistance: number, found: number[]): void {
  for (let i = 0, end = n * STRIDE; i < end; i += STRIDE) {
    const high = popcount32(entries[i]! ^ hi);
    if (high > maxDistance) continue;
    const distance = high + popcount32(entries[i + 1]! ^ lo);
    if (distance <= maxDistance) found.push(entries[i + 2]!, distance, entries[i]!, entries[i + 1]!);
  }
}

const maskCache = new Map<number, Int32Array>();

/** Every 16-bit value with at most `radius` bits set: the offsets from a chunk that its probes visit. */
function masksWithin(radius: number): Int32Array {
  let masks = maskCache.get(radius);
  if (masks === undefined) {
    const found: number[] = [];
    for (let mask = 0; mask < CHUNK_VALUES; mask++) if (popcount32(mask) <= radius) found.push(mask);
    // Fewest bits first: the nearest candidates are read first (the order does not change the answer).
    found.sort((a, b) => popcount32(a) - popcount32(b) || a - b);
    maskCache.set(radius, (masks = Int32Array.from(found)));
  }
  return masks;
}

const probeCounts = new Map<number, number>();

/** How many probes a search within `maxDistance` makes over all chunks. */
function probesWithin(maxDistance: number): number {
  let probes = probeCounts.get(maxDistance);
  if (probes === undefined) {
    probes = 0;
    for (let c = 0; c < CHUNKS; c++) {
      const radius = radiusOf(maxDistance, c);
      if (radius >= 0) probes += masksWithin(radius).length;
    }
    probeCounts.set(maxDistance, probes);
  }
  return probes;
}

function checkDistance(maxDistance: number): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 64) {
    throw new VeritraceError(`A Hamming distance between 64-bit hashes is a whole number from 0 to 64; got ${maxDistance}`, {
      code: "BAD_DISTANCE",
      field: "maxDistance",
    });
  }
}
