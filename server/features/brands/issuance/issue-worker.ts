/** Worker thread entry of the issuance pool: one chunk per message. */
import { parentPort } from "node:worker_threads";
import { VeritraceError } from "../../../../core/errors.ts";
import { createChunkIssuer, type ChunkResult } from "./issue-chunk.ts";
import type { IssueTask } from "./issue-task.ts";
import type { WorkerReply } from "./worker-pool.ts";

const issueChunk = await createChunkIssuer();

parentPort!.on("message", (task: IssueTask) => {
  let reply: WorkerReply<ChunkResult>;
  try {
    reply = { ok: true, value: issueChunk(task.context, task.serials, task.start) };
  } catch (cause) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    reply = {
      ok: false,
      error: {
        name: error.name,
        message: error.message,
        ...(error instanceof VeritraceError ? { code: error.code, ...(error.field ? { field: error.field } : {}) } : {}),
      },
    };
  }
  parentPort!.postMessage(reply, reply.ok ? [reply.value.leaves.buffer, reply.value.signatures.buffer] : []);
});
