/**
 * Worker thread entry of the tree builds (see tree-builder.ts): a batch's leaves in, its stored tree out;
 * or a batch's serials in, their leaves out (for a store that keeps no leaves).
 */
import { parentPort } from "node:worker_threads";
import { useKeccak } from "../../../../core/keccak.ts";
import { createCoreKeccak } from "../issuance/keccak.ts";
import { buildItemMerkleTree } from "../issuance/merkle.ts";
import type { WorkerReply } from "../issuance/worker-pool.ts";
import { itemLeaves } from "../store/item-leaves.ts";
import { storedTreeOf } from "./stored-tree.ts";
import type { TreeJob, TreeJobResult } from "./tree-builder.ts";

// The WebAssembly keccak, several times faster than the default one for the million ids and leaves of a batch.
useKeccak(await createCoreKeccak());

async function run(job: TreeJob): Promise<{ value: TreeJobResult; transfer: ArrayBuffer[] }> {
  if (job.kind === "leaves") {
    const leaves = itemLeaves(job.batch, job.serials);
    return { value: leaves, transfer: [leaves.buffer] };
  }
  const tree = storedTreeOf(await buildItemMerkleTree(job.leaves));
  return { value: tree, transfer: [tree.top.buffer, tree.ranks.buffer, tree.order.buffer] as ArrayBuffer[] };
}

parentPort!.on("message", async (job: TreeJob) => {
  try {
    const { value, transfer } = await run(job);
    parentPort!.postMessage({ ok: true, value } satisfies WorkerReply<TreeJobResult>, transfer);
  } catch (cause) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    parentPort!.postMessage({ ok: false, error: { name: error.name, message: error.message } } satisfies WorkerReply<TreeJobResult>);
  }
});
