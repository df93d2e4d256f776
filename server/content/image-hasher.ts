/**
 * Perceptual hashes of uploaded images, computed off the request thread: a small piscina pool whose
 * workers decode under a memory budget and a time limit, so a hostile or huge image costs its uploader a
 * 4xx while `/healthz` and every other request keep answering. Idle workers exit, and the memory of a
 * large decode leaves with them.
 */
import { Piscina } from "piscina";
import { AppError } from "../errors.ts";
import { checkImageHeader, pixelCapFor } from "./decode-image.ts";
import type { ImageTask, ImageTaskResult } from "./image-task.ts";

export type ImageHasherOptions = {
  /** IMAGE_MEMORY_MB: what one decode may use; the pixel cap and the worker's heap limit follow from it. */
  memoryMb: number;
  /** IMAGE_DECODE_TIMEOUT_MS: how long one decode may run before its worker is stopped. */
  timeoutMs: number;
  /** IMAGE_DECODE_THREADS: decodes at once (each may use `memoryMb`). */
  threads: number;
  /** Uploads waiting for a thread beyond which the service answers 503 IMAGE_DECODER_BUSY. */
  maxQueue: number;
};

/** How long an idle worker lives: long enough for a burst of uploads, short enough to give memory back. */
const IDLE_MS = 2_000;

export class ImageHasher {
  readonly maxPixels: number;
  readonly #options: ImageHasherOptions;
  readonly #pool: Piscina<ImageTask, ImageTaskResult>;
  #running = 0;

  constructor(options: ImageHasherOptions) {
    this.#options = options;
    this.maxPixels = pixelCapFor(options.memoryMb);
    this.#pool = new Piscina({
      filename: new URL("./image-worker.ts", import.meta.url).href,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: IDLE_MS,
      maxQueue: options.maxQueue,
      // The JS heap only: pixel buffers live outside it and are bounded by the pixel cap instead.
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 16 },
    });
  }

  /**
   * The 64-bit perceptual hash of a PNG or JPEG. Refuses from the header alone, on this thread, what
   * declares more than `maxPixels` (413 IMAGE_TOO_LARGE); the rest as `decodeImage` does, plus
   * 422 IMAGE_DECODE_TIMEOUT (the image alone took too long) and 503 IMAGE_DECODER_BUSY (others were queued).
   */
  async hash(bytes: Uint8Array): Promise<bigint> {
    checkImageHeader(bytes, this.maxPixels);
    // Waiting behind other uploads is not this image's fault: a timeout then says busy, not too slow.
    const queued = this.#running >= this.#options.threads;
    this.#running += 1;
    let result: ImageTaskResult;
    try {
      result = await this.#pool.run({ bytes, maxPixels: this.maxPixels }, { signal: AbortSignal.timeout(this.#options.timeoutMs) });
    } catch (error) {
      throw this.#refusal(error, queued);
    } finally {
      this.#running -= 1;
    }
    if (!result.ok) throw new AppError(result.error.message, { ...result.error });
    return result.perceptualHash;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }

  #refusal(error: unknown, queued: boolean): unknown {
    const name = (error as Error)?.name;
    const code = (error as { code?: string })?.code;
    const seconds = (this.#options.timeoutMs / 1000).toLocaleString("en");
    if (name === "AbortError" && !queued) {
      return new AppError(`The image took longer than ${seconds} s to decode; upload a smaller or simpler image`, {
        status: 422,
        code: "IMAGE_DECODE_TIMEOUT",
        field: "file",
        cause: error,
      });
    }
    if (name === "AbortError" || (error as Error)?.message === "Task queue is at limit") {
      return new AppError("The service is decoding other images; retry in a few seconds", {
        status: 503,
        code: "IMAGE_DECODER_BUSY",
        headers: { "Retry-After": String(Math.ceil(this.#options.timeoutMs / 1000)) },
        cause: error,
      });
    }
    if (code === "ERR_WORKER_OUT_OF_MEMORY") {
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
