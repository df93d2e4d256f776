/**
 * Every registered work's hashes, searchable by Hamming distance (`RobustIndex` over the content engineer's
 * multi-index `PhashIndex`). The pHashes come from the chain's `WorkRegistered` events, not the store: works
 * registered through another service, or before this database existed, are found too. The region hashes
 * that make crops and rotations findable come from the store (`workRegions`), which the service fills when
 * it sees a work's file. `sync()` reads only the blocks and rows after the last it read, so calling it
 * before every search costs one log query and one indexed select.
 */
import type { Address, Hex } from "viem";
import { PHASH_MATCH_THRESHOLD } from "../../../core/content/hamming.ts";
import type { Probe } from "../../../core/content/robust-hash.ts";
import { RobustIndex, type RobustMatch } from "./content/robust-index.ts";
import type { LicenceRegistryChain } from "./licence-registry.ts";
import type { WorkRegionStore } from "./store/types.ts";

export type IndexedWork = { workId: Hex; owner: Address };

/** Region rows read per query while catching up. */
const REGION_PAGE = 1_000;
/**
 * Rows read again behind the last one seen. On PostgreSQL a row's seq is drawn when its INSERT starts, so a
 * save that commits after a later one can appear behind what the index has read; saves are one-row
 * transactions a few milliseconds long, and this many behind covers any that overlap.
 */
const REGION_OVERLAP = 64;

export class WorkIndex {
  readonly #registry: LicenceRegistryChain;
  readonly #regions: WorkRegionStore;
  readonly #index = new RobustIndex<string>();
  readonly #works = new Map<string, IndexedWork>();
  readonly #withRegions = new Set<string>();
  /** The last block whose events are in the index. */
  #synced: bigint;
  /** The highest region row read. */
  #regionSeq = 0;
  #syncing: Promise<void> | undefined;

  constructor(registry: LicenceRegistryChain, regions: WorkRegionStore) {
    this.#registry = registry;
    this.#regions = regions;
    this.#synced = registry.fromBlock - 1n;
  }

  /** Hashes held: works' pHashes and their region hashes. */
  get size(): number {
    return this.#index.size;
  }

  /** Reads the works registered and the region hashes kept since the last sync; concurrent callers share one read. */
  sync(): Promise<void> {
    this.#syncing ??= this.#read().finally(() => (this.#syncing = undefined));
    return this.#syncing;
  }

  async #read(): Promise<void> {
    const head = await this.#registry.blockNumber();
    if (head > this.#synced) {
      const logs = await this.#registry.events("WorkRegistered", {}, { fromBlock: this.#synced + 1n, toBlock: head });
      for (const log of logs) {
        const { workId, owner, perceptualHash } = log.args as { workId: Hex; owner: Address; perceptualHash: bigint };
        const key = workId.toLowerCase();
        this.#works.set(key, { workId, owner });
        if (perceptualHash !== 0n) this.#index.addWhole(perceptualHash, key);
      }
      this.#synced = head;
    }
    for (let from = Math.max(0, this.#regionSeq - REGION_OVERLAP); ;) {
      const rows = await this.#regions.after(from, REGION_PAGE);
      for (const row of rows) {
        const key = row.workId.toLowerCase();
        if (!this.#withRegions.has(key)) this.#index.addRegions(row, key);
        this.#withRegions.add(key);
        from = row.seq;
        this.#regionSeq = Math.max(this.#regionSeq, row.seq);
      }
      if (rows.length < REGION_PAGE) break;
    }
  }

  /**
   * Registered works within `maxDistance` bits (default: the documented threshold) of any probe, nearest
   * first. Region hashes of a work the chain does not show (yet) are never an answer.
   */
  async search(probes: readonly Probe[], maxDistance = PHASH_MATCH_THRESHOLD): Promise<RobustMatch<IndexedWork>[]> {
    await this.sync();
    return this.#index.search(probes, maxDistance).flatMap((m) => {
      const work = this.#works.get(m.value);
      return work === undefined ? [] : [{ ...m, value: work }];
    });
  }
}
