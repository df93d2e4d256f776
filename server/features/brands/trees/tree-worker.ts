/** Worker thread entry of the tree builds: one batch's leaves in, its stored tree out (see tree-builder.ts). */
import { parentPort } from "node:worker_threads";
import { buildItemMerkleTree } from "../issuance/merkle.ts";
import type { WorkerReply } from "../issuance/worker-pool.ts";
import { storedTreeOf, type StoredTree } from "./stored-tree.ts";

parentPort!.on("message", async (leaves: Uint8Array) => {
  let reply: WorkerReply<StoredTree>;
  try {
    reply = { ok: true, value: storedTreeOf(await buildItemMerkleTree(leaves)) };
  } catch (cause) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    reply = { ok: false, error: { name: error.name, message: error.message } };
  }
  parentPort!.postMessage(reply, reply.ok ? [reply.value.top.buffer, reply.value.ranks.buffer, reply.value.order.buffer] as ArrayBuffer[] : []);
});
