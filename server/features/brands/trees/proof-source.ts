/**
 * Proofs of issued items, read from the store's stored trees (a few small reads, never a rebuild on the
 * request). A batch with no stored tree (anchored before trees were stored) has it built once on the
 * tree-building thread and stored, by `backfill` at start or by the first proof asked of it, whichever
 * comes first; the request thread never hashes a tree.
 */
import type { Logger } from "pino";
import type { Hex } from "viem";
import { VeritraceError } from "../../../../core/errors.ts";
import type { Batch } from "../store/types.ts";
import type { Store } from "../../../store/store.ts";
import { buildStoredTree } from "./tree-builder.ts";

export class ProofSource {
  readonly #store: Store;
  readonly #logger: Logger;
  /** Builds under way, by batch: concurrent asks for one batch share one build. */
  readonly #building = new Map<Hex, Promise<void>>();
  #stopped = false;
  #backfill: Promise<void> | undefined;

  constructor(store: Store, logger: Logger) {
    this.#store = store;
    this.#logger = logger;
  }

  /** The Merkle proof of the batch's `index`-th item, leaf to root. */
  async proof(batch: Batch, index: number): Promise<Hex[]> {
    if (!Number.isInteger(index) || index < 0 || index >= batch.generated) {
      throw new VeritraceError(`No leaf at index ${index} (the batch has ${batch.generated})`, { code: "MERKLE_BAD_INDEX" });
    }
    const stored = await this.#store.trees.proof(batch.id, batch.generated, index);
    if (stored !== undefined) return stored;
    await this.ensureStored(batch.id);
    const built = await this.#store.trees.proof(batch.id, batch.generated, index);
    if (built === undefined) throw new Error(`The tree of batch ${batch.id} was stored but cannot be read back`);
    return built;
  }

  /** Builds (off the request thread) and stores the batch's tree from its stored leaves. */
  ensureStored(batchId: Hex): Promise<void> {
    let build = this.#building.get(batchId);
    if (build === undefined) {
      build = (async () => {
        const started = performance.now();
        const tree = await buildStoredTree(await this.#store.leaves(batchId));
        await this.#store.trees.save(batchId, tree);
        this.#logger.info({ batchId, items: tree.size, ms: Math.round(performance.now() - started) }, "batch tree stored");
      })().finally(() => this.#building.delete(batchId));
      this.#building.set(batchId, build);
    }
    return build;
  }

  /**
   * Stores, one at a time in the background, the trees of batches anchored before trees were stored.
   * Resolves when done (or stopped); it never rejects.
   */
  startBackfill(): Promise<void> {
    this.#backfill ??= (async () => {
      try {
        for (const batch of await this.#store.trees.batchesWithoutTree()) {
          if (this.#stopped) return;
          await this.ensureStored(batch.id);
        }
      } catch (err) {
        // The next start tries again; meanwhile a proof asked of such a batch builds its tree itself.
        if (!this.#stopped) this.#logger.warn({ err }, "storing the trees of older batches failed");
      }
    })();
    return this.#backfill;
  }

  /** Lets the backfill finish the batch it is on, then stops it. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#backfill;
  }
}
