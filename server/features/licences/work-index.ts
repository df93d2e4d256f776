/**
 * Every registered work's perceptual hash, searchable by Hamming distance (the content engineer's
 * multi-index `PhashIndex`). Filled from the chain's `WorkRegistered` events, not the store: works
 * registered through another service, or before this database existed, are found too. `sync()` reads only
 * the blocks after the last one it read, so calling it before every search costs one log query.
 */
import type { Address, Hex } from "viem";
import { PHASH_MATCH_THRESHOLD } from "../../../core/content/hamming.ts";
import { PhashIndex, type PhashMatch } from "./content/phash-index.ts";
import type { LicenceRegistryChain } from "./licence-registry.ts";

export type IndexedWork = { workId: Hex; owner: Address };

export class WorkIndex {
  readonly #registry: LicenceRegistryChain;
  readonly #index = new PhashIndex<IndexedWork>();
  /** The last block whose events are in the index. */
  #synced: bigint;
  #syncing: Promise<void> | undefined;

  constructor(registry: LicenceRegistryChain) {
    this.#registry = registry;
    this.#synced = registry.fromBlock - 1n;
  }

  get size(): number {
    return this.#index.size;
  }

  /** Reads the works registered since the last sync; concurrent callers share one read. */
  sync(): Promise<void> {
    this.#syncing ??= this.#read().finally(() => (this.#syncing = undefined));
    return this.#syncing;
  }

  async #read(): Promise<void> {
    const head = await this.#registry.blockNumber();
    if (head <= this.#synced) return;
    const logs = await this.#registry.events("WorkRegistered", {}, { fromBlock: this.#synced + 1n, toBlock: head });
    for (const log of logs) {
      const { workId, owner, perceptualHash } = log.args as { workId: Hex; owner: Address; perceptualHash: bigint };
      if (perceptualHash !== 0n) this.#index.add(perceptualHash, { workId, owner });
    }
    this.#synced = head;
  }

  /** Works whose hash is within `maxDistance` bits (default: the documented threshold), nearest first. */
  async search(phash: bigint, maxDistance = PHASH_MATCH_THRESHOLD): Promise<PhashMatch<IndexedWork>[]> {
    await this.sync();
    return this.#index.search(phash, maxDistance);
  }
}
