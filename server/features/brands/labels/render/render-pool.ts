import os from "node:os";
import { Worker } from "node:worker_threads";
import { renderJob } from "./render-job.ts";
import type { RenderJob, RenderResult } from "./render-job.ts";
import type { WorkerRequest, WorkerResponse } from "./render-worker.ts";

type Task = { job: RenderJob; resolve: (result: RenderResult) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; tasks: Array<Task & { id: number }> };

const WORKER_URL = new URL("./render-worker.ts", import.meta.url);
// Jobs handed to one worker at a time: the second waits in the worker's own queue, so the worker
// starts on it without waiting for its previous result to reach this thread and a new job to return.
const JOBS_PER_WORKER = 2;

/**
 * Worker threads that render labels (QR encoding, SVG/PNG, compression: ~0.3 ms of CPU a label),
 * so a download uses every core and the event loop stays free for other requests. Workers start on
 * first use and stay for the next download; an idle worker is unref'd so it never keeps the
 * process alive. With `threads` 0 jobs run in the calling thread.
 */
export class RenderPool {
  readonly threads: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 0;

  constructor(threads: number) {
    this.threads = threads;
  }

  run(job: RenderJob): Promise<RenderResult> {
    if (this.threads === 0) {
      try {
        return Promise.resolve(renderJob(job));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every worker; queued jobs are rejected. The pool starts new workers if used again. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const task of this.#queue.splice(0)) task.reject(new Error("label render pool closed"));
    await Promise.all(slots.map(({ worker }) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((candidate) => candidate.tasks.length === 0);
      if (slot === undefined && this.#slots.length < this.threads) slot = this.#start();
      slot ??= this.#slots.find((candidate) => candidate.tasks.length < JOBS_PER_WORKER);
      if (slot === undefined) return;
      const task = { ...this.#queue.shift()!, id: this.#nextId++ };
      slot.tasks.push(task);
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies WorkerRequest);
    }
  }

  #start(): Slot {
    // A small young generation: a worker makes ~20 KB of short-lived buffers a label, and with the
    // default sizing they piled up between collections (peak RSS of a 40,000-label zip: 360 → 327 MiB).
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    const slot: Slot = { worker, tasks: [] };
    worker.on("message", ({ id, result, error }: WorkerResponse) => {
      // A worker answers its jobs in the order it was given them.
      const task = slot.tasks[0];
      if (task === undefined || task.id !== id) return;
      slot.tasks.shift();
      if (slot.tasks.length === 0) worker.unref();
      if (result !== undefined) task.resolve(result);
      else task.reject(Object.assign(new Error(error?.message ?? "label rendering failed"), { stack: error?.stack }));
      this.#dispatch();
    });
    const retire = (error: Error): void => {
      const at = this.#slots.indexOf(slot);
      if (at !== -1) this.#slots.splice(at, 1);
      for (const task of slot.tasks.splice(0)) task.reject(error);
      this.#dispatch();
    };
    worker.on("error", retire);
    worker.on("exit", (code) => retire(new Error(`label render worker exited with code ${code}`)));
    this.#slots.push(slot);
    return slot;
  }
}

let shared: RenderPool | undefined;

/** The process-wide pool, one worker per available core. */
export function sharedRenderPool(): RenderPool {
  shared ??= new RenderPool(os.availableParallelism());
  return shared;
}
