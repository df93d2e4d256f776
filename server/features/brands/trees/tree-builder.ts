/**
 * Builds a batch's tree on a worker thread: a million leaves take seconds of hashing, which on the main
 * thread would hold up every request meanwhile. One thread: builds are rare (once per batch) and each
 * holds 64 bytes per item while it runs.
 */
import { WorkerPool } from "../issuance/worker-pool.ts";
import type { StoredTree } from "./stored-tree.ts";

let pool: WorkerPool<Uint8Array, StoredTree> | undefined;

/** The stored form of the tree over `leaves` (32 bytes each, item order). `leaves` is handed over: do not use it afterwards. */
export function buildStoredTree(leaves: Uint8Array): Promise<StoredTree> {
  pool ??= new WorkerPool<Uint8Array, StoredTree>({
    url: new URL("./tree-worker.ts", import.meta.url),
    size: 1,
    reviveError: ({ name, message }) => Object.assign(new Error(message), { name }),
  });
  // A view into a larger (possibly shared, pooled) buffer is copied: transferring would detach the rest.
  const own = leaves.byteOffset === 0 && leaves.byteLength === leaves.buffer.byteLength ? leaves : leaves.slice();
  return pool.run(own, [own.buffer as ArrayBuffer]);
}

/** Stops the worker thread; the next build starts a new one. */
export async function closeTreeBuilds(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
