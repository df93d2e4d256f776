import { Writable } from "node:stream";

/**
 * A download whose reader has stopped: writes are accepted into a small buffer and then held until
 * `open()`, like a client that stopped reading. Counts the bytes that got through.
 */
export class GatedWritable extends Writable {
  bytes = 0;
  #open = false;
  #held: Array<() => void> = [];

  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const done = (): void => {
      this.bytes += chunk.length;
      callback();
    };
    if (this.#open) done();
    else this.#held.push(done);
  }

  open(): void {
    this.#open = true;
    for (const done of this.#held.splice(0)) done();
  }
}

/** Resolves once `value()` has not changed for `quietMs` (or after `timeoutMs`), with its last value. */
export async function settled(value: () => number, quietMs = 300, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  let last = value();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (value() !== last) {
      last = value();
      since = Date.now();
    }
  }
  return last;
}
