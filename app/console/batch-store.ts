/** The batches the console knows, by id, newest first; listeners hear of every change to one. */
import type { BatchView } from "./api/types.ts";

export type BatchListener = (batch: BatchView, previous: BatchView | undefined) => void;

export const isSettled = (batch: BatchView): boolean => batch.state === "confirmed" || batch.state === "failed";

export class BatchStore {
  readonly #batches = new Map<string, BatchView>();
  readonly #listeners = new Set<BatchListener>();

  get(id: string): BatchView | undefined {
    return this.#batches.get(id);
  }

  /** Newest first; the service's order breaks ties. */
  list(): BatchView[] {
    return [...this.#batches.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** Batches still on their way to the chain: the ones to poll. */
  unsettledIds(): string[] {
    return [...this.#batches.values()].filter((batch) => !isSettled(batch)).map((batch) => batch.id);
  }

  upsert(batch: BatchView): void {
    const previous = this.#batches.get(batch.id);
    this.#batches.set(batch.id, batch);
    for (const listener of this.#listeners) listener(batch, previous);
  }

  /** A batch the service no longer has (a discarded one): listeners are not told, the caller redraws. */
  remove(id: string): void {
    this.#batches.delete(id);
  }

  replaceAll(batches: readonly BatchView[]): void {
    for (const batch of batches) this.upsert(batch);
  }

  subscribe(listener: BatchListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
