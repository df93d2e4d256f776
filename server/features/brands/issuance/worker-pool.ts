/**
 * A fixed pool of worker threads running one task function each, first free worker first. Workers are
 * unreferenced while idle, so a forgotten `close()` never keeps the process alive, and referenced while
 * busy, so a pending task is never cut short by the process exiting.
 */
import { Worker, type Transferable } from "node:worker_threads";

type Job<TOut> = { message: unknown; transfer: Transferable[]; resolve: (value: TOut) => void; reject: (reason: unknown) => void };
type Slot<TOut> = { worker: Worker; job: Job<TOut> | undefined };

/** What a pool worker posts back: a result, or an error flattened for structured cloning. */
export type WorkerReply<TOut> = { ok: true; value: TOut } | { ok: false; error: { name: string; message: string; code?: string; field?: string } };

export type WorkerPoolParameters = {
  /** The worker's module (a `.ts` file runs as is on Node 24). */
  url: URL;
  size: number;
  /** Turns a flattened worker error back into the error callers expect. */
  reviveError: (error: { name: string; message: string; code?: string; field?: string }) => Error;
};

export class WorkerPool<TIn, TOut> {
  readonly #parameters: WorkerPoolParameters;
  readonly #slots: Slot<TOut>[] = [];
  readonly #queue: Job<TOut>[] = [];
  #closed = false;

  constructor(parameters: WorkerPoolParameters) {
    this.#parameters = parameters;
  }

  get size(): number {
    return this.#parameters.size;
  }

  run(message: TIn, transfer: Transferable[] = []): Promise<TOut> {
    if (this.#closed) return Promise.reject(new Error("The worker pool is closed"));
    return new Promise<TOut>((resolve, reject) => {
      this.#queue.push({ message, transfer, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error("The worker pool was closed"));
    await Promise.all(this.#slots.splice(0).map(({ worker }) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.job === undefined) ?? this.#spawn();
      if (slot === undefined) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.message, job.transfer);
    }
  }

  #spawn(): Slot<TOut> | undefined {
    if (this.#slots.length >= this.#parameters.size) return undefined;
    const worker = new Worker(this.#parameters.url);
    const slot: Slot<TOut> = { worker, job: undefined };
    worker.on("message", (reply: WorkerReply<TOut>) => {
      const job = slot.job;
      slot.job = undefined;
      worker.unref();
      if (reply.ok) job?.resolve(reply.value);
      else job?.reject(this.#parameters.reviveError(reply.error));
      this.#dispatch();
    });
    // A crashed worker fails its task and leaves the pool; the next task spawns a fresh one.
    const fail = (error: unknown) => {
      const index = this.#slots.indexOf(slot);
      if (index !== -1) this.#slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = undefined;
      if (!this.#closed) this.#dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`An issuance worker exited with code ${code}`)));
    this.#slots.push(slot);
    return slot;
  }
}
