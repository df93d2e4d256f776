import type { BatchContext } from "./issue-chunk.ts";

/** The message a pool worker receives: one part of a chunk of a batch, `start` its index in the batch. */
export type IssueTask = { context: BatchContext; start: number; serials: readonly string[] };
