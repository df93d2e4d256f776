/**
 * Works' hashes for matching that survives edits (core/content/robust-hash.ts): each kind of stored hash —
 * the registered pHash, the 90 % parts, the 80 % centre — in its own multi-index `PhashIndex`, and an
 * upload's probes each looked up in the kind it is meant for. A cropped upload's own pHash meets only the
 * parts, its mirrored variants only whole pHashes: every extra comparison would be one more chance for an
 * unrelated picture to come close, for nothing.
 */
import { PHASH_MATCH_THRESHOLD } from "../../../../core/content/hamming.ts";
import type { Probe, ProbeEdit, ProbeKind, RegionHashes } from "../../../../core/content/robust-hash.ts";
import { PhashIndex, type PhashMatch } from "./phash-index.ts";

/** What `RobustIndex` needs of a hash index: `PhashIndex`, or a baseline a benchmark compares it with. */
export type HashIndex<T> = {
  readonly size: number;
  readonly byteLength: number;
  add(phash: bigint, value: T): void;
  search(phash: bigint, maxDistance?: number): PhashMatch<T>[];
};

/** A work an upload matched: how close its nearest probe came, and what that probe undid. */
export type RobustMatch<T> = { value: T; distance: number; why: ProbeEdit };

export class RobustIndex<T> {
  readonly #byKind: Record<ProbeKind, HashIndex<T>>;

  constructor(makeIndex: () => HashIndex<T> = () => new PhashIndex<T>()) {
    this.#byKind = { whole: makeIndex(), part: makeIndex(), centre: makeIndex() };
  }

  /** Hashes held, of every kind. */
  get size(): number {
    return this.#byKind.whole.size + this.#byKind.part.size + this.#byKind.centre.size;
  }

  /** Bytes of the indexes' typed arrays. */
  get byteLength(): number {
    return this.#byKind.whole.byteLength + this.#byKind.part.byteLength + this.#byKind.centre.byteLength;
  }

  /** A work's registered pHash. */
  addWhole(phash: bigint, value: T): void {
    this.#byKind.whole.add(phash, value);
  }

  /** A work's region hashes. */
  addRegions({ parts, centre }: RegionHashes, value: T): void {
    for (const part of parts) this.#byKind.part.add(part, value);
    this.#byKind.centre.add(centre, value);
  }

  /** Every work some probe comes within `maxDistance` of, once each at its nearest, nearest first (then the first probe's). */
  search(probes: readonly Probe[], maxDistance: number = PHASH_MATCH_THRESHOLD): RobustMatch<T>[] {
    const best = new Map<T, RobustMatch<T>>();
    for (const probe of probes) {
      for (const { value, distance } of this.#byKind[probe.kind].search(probe.hash, maxDistance)) {
        const known = best.get(value);
        if (known === undefined || distance < known.distance) best.set(value, { value, distance, why: probe.why });
      }
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance);
  }
}
