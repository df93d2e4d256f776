/**
 * Perceptual hashes of uploaded images, computed off the request thread: a small piscina pool whose
 * workers decode under a memory budget and a time limit, so a hostile or huge image costs its uploader a
 * 4xx while `/healthz` and every other request keep answering. Idle workers exit, and the memory of a
 * large decode leaves with them.
 */
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { ImageFingerprint } from "../../../../core/content/robust-hash.ts";
import { AppError } from "../../../errors.ts";
import { checkImageHeader, pixelCapFor } from "./decode-image.ts";
import type { ImageTask, ImageTaskResult } from "./image-task.ts";

export type ImageHasherOptions = {
  /** IMAGE_MEMORY_MB: what one decode may use; the pixel cap and the worker's heap limit follow from it. */
  memoryMb: number;
  /** IMAGE_DECODE_TIMEOUT_MS: how long one decode may run before its worker is stopped. */
  timeoutMs: number;
  /** IMAGE_DECODE_THREADS: decodes at once (each may use `memoryMb`). */
  threads: number;
  /** Uploads waiting for a thread beyond which the service answers 503 IMAGE_DECODER_BUSY at once. */
  maxQueue: number;
};

/** How long an idle worker lives: long enough for a burst of uploads, short enough to give memory back. */
const IDLE_MS = 2_000;
const busy = (timeoutMs: number) =>
  new AppError("The service is decoding other images; retry in a few seconds", {
    status: 503,
    code: "IMAGE_DECODER_BUSY",
    headers: { "Retry-After": String(Math.ceil(timeoutMs / 1000)) },
  });

export class ImageHasher {
  readonly maxPixels: number;
  readonly #options: ImageHasherOptions;
  readonly #pool: Piscina<ImageTask, ImageTaskResult>;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: ImageHasherOptions) {
    this.#options = options;
    this.maxPixels = pixelCapFor(options.memoryMb);
    this.#pool = new Piscina({
      filename: new URL("./image-worker.ts", import.meta.url).href,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: IDLE_MS,
      // Never more tasks than threads (see #turn): piscina's own queue stays empty.
      maxQueue: options.threads,
      // The JS heap only: pixel buffers live outside it and are bounded by the pixel cap instead.
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 16 },
    });
  }

  /**
   * The 64-bit perceptual hash of a PNG or JPEG. Refuses from the header alone, on this thread, what
   * declares more than `maxPixels` (413 IMAGE_TOO_LARGE); the rest as `decodeImage` does, plus
   * 422 IMAGE_DECODE_TIMEOUT (its own decoding ran past the limit; waiting is not counted) and
   * 503 IMAGE_DECODER_BUSY (`maxQueue` uploads are waiting already).
   */
  async hash(bytes: Uint8Array): Promise<bigint> {
    return (await this.fingerprint(bytes)).perceptualHash;
  }

  /** Every hash of a PNG or JPEG that matching needs (see core/content/robust-hash.ts), refused as `hash` refuses. */
  async fingerprint(bytes: Uint8Array): Promise<ImageFingerprint> {
    checkImageHeader(bytes, this.maxPixels);
    await this.#turn();
    const abort = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let started = false;
    let timer: NodeJS.Timeout | undefined;
    // The clock starts when the worker takes the image: waiting for a worker to start is not its fault.
    port1.once("message", () => {
      started = true;
      timer = setTimeout(() => abort.abort(), this.#options.timeoutMs);
    });
    try {
      const result = await this.#pool.run({ bytes, maxPixels: this.maxPixels, started: port2 }, { signal: abort.signal, transferList: [port2] });
      if (!result.ok) throw new AppError(result.error.message, { ...result.error });
      const { ok: _, ...fingerprint } = result;
      return fingerprint;
    } catch (error) {
      throw error instanceof AppError ? error : this.#refusal(error, started);
    } finally {
      clearTimeout(timer);
      port1.close();
      this.#next();
    }
  }

  /**
   * Waits for a free thread, in arrival order. The queue is kept here, not in piscina, so that the pool only
   * ever holds running images: stopping one then never touches another's.
   */
  async #turn(): Promise<void> {
    if (this.#running < this.#options.threads) {
      this.#running += 1;
      return;
    }
    if (this.#waiting.length >= this.#options.maxQueue) throw busy(this.#options.timeoutMs);
    // The finishing image hands its thread over: `#running` stays as it is.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #next(): void {
    const waiting = this.#waiting.shift();
    if (waiting) waiting();
    else this.#running -= 1;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }

  #refusal(error: unknown, started: boolean): unknown {
    if ((error as Error)?.name === "AbortError" && started) {
      const seconds = (this.#options.timeoutMs / 1000).toLocaleString("en");
      return new AppError(`The image took longer than ${seconds} s to decode; upload a smaller or simpler image`, {
        status: 422,
        code: "IMAGE_DECODE_TIMEOUT",
        field: "file",
        cause: error,
      });
    }
    if ((error as { code?: string })?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      return new AppError(`Decoding the image needed more than the ${this.#options.memoryMb} MB this service allows`, {
        status: 413,
        code: "IMAGE_TOO_LARGE",
        field: "file",
        cause: error,
      });
    }
    return error;
  }
}
