import { finished } from "node:stream/promises";
import { LabelErrorCode, labelError } from "./errors.ts";

const FLUSH_BYTES = 64 * 1024;

/**
 * Writes to the download stream with backpressure: `write` resolves once the stream can take more,
 * so a slow client slows the producer down instead of filling memory. A stream that errors or
 * closes early (the client went away) makes the pending and every later write reject, which stops
 * the producer pulling items.
 */
export class Output {
  readonly #out: NodeJS.WritableStream;
  #failure: Error | undefined;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #wake: (() => void) | undefined;
  readonly #onError = (error: Error): void => this.#fail(error);
  readonly #onClose = (): void => this.#fail(labelError(LabelErrorCode.OUTPUT_CLOSED, "The download stream closed before all labels were written"));
  readonly #onDrain = (): void => this.#wakeUp();

  constructor(out: NodeJS.WritableStream) {
    this.#out = out;
    out.on("error", this.#onError);
    out.on("close", this.#onClose);
    out.on("drain", this.#onDrain);
  }

  get stream(): NodeJS.WritableStream {
    return this.#out;
  }

  /**
   * Queues `chunk` and writes the queue once it holds 64 KiB: labels come as many small pieces (a
   * CSV row, a zip header), and one stream write per piece costs more than the piece.
   */
  async write(chunk: Uint8Array | string): Promise<void> {
    this.#throwIfFailed();
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    this.#throwIfFailed();
    if (this.#pending.length === 0) return;
    const data = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    if (this.#out.write(data)) return;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
    this.#throwIfFailed();
  }

  /** Waits until `readable`'s buffer is at most `limit` bytes, for producers piped into the output. */
  async waitForReadable(readable: NodeJS.ReadableStream & { readableLength: number }, limit: number): Promise<void> {
    while (readable.readableLength > limit) {
      this.#throwIfFailed();
      await new Promise<void>((resolve) => {
        const done = (): void => {
          readable.off("data", done);
          this.#wake = undefined;
          resolve();
        };
        readable.on("data", done);
        this.#wake = done;
      });
    }
    this.#throwIfFailed();
  }

  /** Writes what is queued, ends the stream (unless a pipe does) and resolves once it has finished. */
  async end(endStream = true): Promise<void> {
    await this.flush();
    if (endStream) this.#out.end();
    try {
      await finished(this.#out);
    } finally {
      this.dispose();
    }
  }

  /** Removes the listeners; the stream itself is left as it is. */
  dispose(): void {
    this.#out.off("error", this.#onError);
    this.#out.off("close", this.#onClose);
    this.#out.off("drain", this.#onDrain);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#wakeUp();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}
