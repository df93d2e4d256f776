/**
 * Whole verify answers, kept while nothing they rest on has changed: the chain head (by hash) and the
 * item's scan log. A request still learns the head afresh (a call that starts after it arrived); only when
 * that head is the one an answer was computed at, and no scan of the item was recorded since, is the answer
 * served again. So a recall is never hidden, and neither is a new scan that makes an item SUSPICIOUS.
 *
 * Scan versions live in this process; scans recorded through other instances on the same database reach it
 * through the change feed (`cluster/change-feed.ts`), and when that feed may have missed some, everything
 * is forgotten. They are bounded: when too many items have been scanned, all versions and answers are forgotten at once
 * (an epoch), which is always safe.
 */
import type { Hex } from "viem";
import { Lru } from "./lru.ts";

/** What an answer's scan history was read against: taken before reading it. */
export type ScanStamp = { epoch: number; version: number };

type Entry<V> = { hash: Hex; stamp: ScanStamp; value: V };

export class VerdictCache<V> {
  readonly #answers: Lru<string, Entry<V>>;
  readonly #scanVersions = new Map<string, number>();
  readonly #maxScannedItems: number;
  #epoch = 0;
  #sequence = 0;

  constructor({ answers = 100_000, scannedItems = 1_000_000 }: { answers?: number; scannedItems?: number } = {}) {
    this.#answers = new Lru(answers);
    this.#maxScannedItems = scannedItems;
  }

  /** Call before reading the item's scan history for an answer. */
  stamp(item: string | undefined): ScanStamp {
    return { epoch: this.#epoch, version: this.#version(item) };
  }

  /** The answer for `code` computed at the block `hash`, if the item's scan log has not moved since. */
  get(code: string, hash: Hex, item: string | undefined): V | undefined {
    const entry = this.#answers.get(code);
    if (entry === undefined || entry.hash !== hash || entry.stamp.epoch !== this.#epoch) return undefined;
    return entry.stamp.version === this.#version(item) ? entry.value : undefined;
  }

  set(code: string, hash: Hex, stamp: ScanStamp, value: V): void {
    this.#answers.set(code, { hash, stamp, value });
  }

  /** Called for every recorded scan: answers about that item are stale from now on. */
  scanRecorded(item: string): void {
    if (!this.#scanVersions.has(item) && this.#scanVersions.size >= this.#maxScannedItems) {
      this.#scanVersions.clear();
      this.#epoch++;
    }
    this.#scanVersions.set(item, ++this.#sequence);
  }

  /** Every answer is stale from now on: another instance's scans may have been missed (see cluster/change-feed.ts). */
  forgetAll(): void {
    this.#scanVersions.clear();
    this.#epoch++;
  }

  #version(item: string | undefined): number {
    return item === undefined ? 0 : (this.#scanVersions.get(item) ?? 0);
  }
}
