/** Entry point of a render worker thread: runs each job it is sent and posts the result back. */
import { parentPort } from "node:worker_threads";
import { renderJob } from "./render-job.ts";
import type { RenderJob } from "./render-job.ts";

export type WorkerRequest = { id: number; job: RenderJob };
export type WorkerResponse = { id: number; result?: ReturnType<typeof renderJob>; error?: { message: string; stack?: string | undefined } };

parentPort?.on("message", ({ id, job }: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id, result: renderJob(job) };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    response = { id, error: { message, stack } };
  }
  parentPort?.postMessage(response, response.result === undefined ? [] : [response.result.data.buffer as ArrayBuffer]);
});
