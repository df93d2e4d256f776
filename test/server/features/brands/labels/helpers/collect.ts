import { Writable } from "node:stream";

/** A writable that keeps everything written to it; `chunks` counts the writes. */
export class Collector extends Writable {
  readonly parts: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.parts.push(chunk);
    callback();
  }

  get bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
