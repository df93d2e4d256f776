/**
 * Merkle trees of confirmed batches, rebuilt from the stored leaves when a proof is asked for and kept
 * for the next asks. Bounded by leaves, not by batches: a million-item tree is 64 MB of nodes.
 */
import type { Hex } from "viem";
import type { ItemMerkleTree } from "../core/merkle.ts";
import { buildItemMerkleTree } from "./issuance/index.ts";
import type { Store } from "./store/store.ts";

export class TreeCache {
  readonly #store: Store;
  readonly #maxLeaves: number;
  readonly #trees = new Map<Hex, ItemMerkleTree>();

  constructor(store: Store, maxLeaves = 2_000_000) {
    this.#store = store;
    this.#maxLeaves = maxLeaves;
  }

  async get(batchId: Hex): Promise<ItemMerkleTree> {
    const cached = this.#trees.get(batchId);
    if (cached) {
      // Re-inserting moves it to the back: the Map's order is the recency order.
      this.#trees.delete(batchId);
      this.#trees.set(batchId, cached);
      return cached;
    }
    const tree = await buildItemMerkleTree(await this.#store.leaves(batchId));
    this.#trees.set(batchId, tree);
    this.#evict();
    return tree;
  }

  /** Keeps a tree just built while issuing, so the first proofs need no rebuild. */
  put(batchId: Hex, tree: ItemMerkleTree): void {
    this.#trees.set(batchId, tree);
    this.#evict();
  }

  #evict(): void {
    let total = [...this.#trees.values()].reduce((sum, tree) => sum + tree.size, 0);
    for (const [id, tree] of this.#trees) {
      if (total <= this.#maxLeaves || this.#trees.size === 1) break;
      this.#trees.delete(id);
      total -= tree.size;
    }
  }
}
