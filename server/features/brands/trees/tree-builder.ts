/**
 * Builds a batch's tree on a worker thread: a million leaves take seconds of hashing, which on the main
 * thread would hold up every request meanwhile. One thread: builds are rare (once per batch) and each
 * holds 64 bytes per item while it runs. The same thread computes a batch's leaves from its serials for
 * the PostgreSQL store, which keeps none (../store/item-leaves.ts).
 */
import { WorkerPool } from "../issuance/worker-pool.ts";
import type { LeafBatch } from "../store/item-leaves.ts";
import type { StoredTree } from "./stored-tree.ts";

/** What the tree thread is asked: a tree from leaves, or leaves from serials. */
export type TreeJob = { kind: "tree"; leaves: Uint8Array } | { kind: "leaves"; batch: LeafBatch; serials: readonly string[] };
export type TreeJobResult = StoredTree | Uint8Array;

let pool: WorkerPool<TreeJob, TreeJobResult> | undefined;

function treeThread(): WorkerPool<TreeJob, TreeJobResult> {
  pool ??= new WorkerPool<TreeJob, TreeJobResult>({
    url: new URL("./tree-worker.ts", import.meta.url),
    size: 1,
    reviveError: ({ name, message }) => Object.assign(new Error(message), { name }),
  });
  return pool;
}

/** The stored form of the tree over `leaves` (32 bytes each, item order). `leaves` is handed over: do not use it afterwards. */
export async function buildStoredTree(leaves: Uint8Array): Promise<StoredTree> {
  // A view into a larger (possibly shared, pooled) buffer is copied: transferring would detach the rest.
  const own = leaves.byteOffset === 0 && leaves.byteLength === leaves.buffer.byteLength ? leaves : leaves.slice();
  return (await treeThread().run({ kind: "tree", leaves: own }, [own.buffer as ArrayBuffer])) as StoredTree;
}

/** The leaves of the batch's items with these serials (32 bytes each, in their order), computed off the request thread. */
export async function leavesOfSerials(batch: LeafBatch, serials: readonly string[]): Promise<Uint8Array> {
  return (await treeThread().run({ kind: "leaves", batch: { id: batch.id, expiry: batch.expiry }, serials })) as Uint8Array;
}

/** Stops the worker thread; the next build starts a new one. */
export async function closeTreeBuilds(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
