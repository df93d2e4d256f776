import os from "node:os";
import { Worker } from "node:worker_threads";
import { renderJob } from "./render-job.ts";
import type { RenderJob, RenderResult } from "./render-job.ts";
import type { WorkerRequest, WorkerResponse } from "./render-worker.ts";

type Task = { job: RenderJob; resolve: (result: RenderResult) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; task: (Task & { id: number }) | undefined };

const WORKER_URL = new URL("./render-worker.ts", import.meta.url);

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
      let slot = this.#slots.find((candidate) => candidate.task === undefined);
      if (slot === undefined && this.#slots.length < this.threads) slot = this.#start();
      if (slot === undefined) return;
      const task = { ...this.#queue.shift()!, id: this.#nextId++ };
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies WorkerRequest);
    }
  }

  #start(): Slot {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    const slot: Slot = { worker, task: undefined };
    worker.on("message", ({ id, result, error }: WorkerResponse) => {
      const task = slot.task;
      if (task === undefined || task.id !== id) return;
      slot.task = undefined;
      worker.unref();
      if (result !== undefined) task.resolve(result);
      else task.reject(Object.assign(new Error(error?.message ?? "label rendering failed"), { stack: error?.stack }));
      this.#dispatch();
    });
    const retire = (error: Error): void => {
      const at = this.#slots.indexOf(slot);
      if (at !== -1) this.#slots.splice(at, 1);
      slot.task?.reject(error);
      slot.task = undefined;
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
