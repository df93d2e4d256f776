import type { Output } from "../output.ts";

/** One file of the archive, compressed (or not) and checksummed before it reaches the writer. */
export type ZipEntry = {
  name: string;
  /** The bytes as stored: raw deflate when `deflated`, else the file itself. */
  data: Uint8Array;
  deflated: boolean;
  crc32: number;
  size: number;
};

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;
// "Version made by": Unix (3) and spec 4.5, so unzip applies the 0644 mode below; 4.5 is also what
// ZIP64 needs to extract (APPNOTE 4.4.3).
const MADE_BY = (3 << 8) | 45;
const NEEDS_DEFAULT = 20;
const NEEDS_ZIP64 = 45;
const FILE_MODE = 0o100644;

/**
 * A streaming ZIP writer (PKWARE APPNOTE 6.3): each entry is written as soon as it is added, with
 * sizes and CRC in its local header, and only the central directory records (~70 bytes an entry)
 * are kept until the end. ZIP64 records are added once there are 65,535 entries or more, or the
 * archive passes 4 GiB, so a 100,000-label batch still opens everywhere.
 *
 * Written here rather than taken from yazl, which rescans its whole entry list for every entry it
 * writes: 100,000 entries took 39 s there (quadratic; thejoshwolfe/yazl#91), and it does not apply
 * backpressure to buffers added with addBuffer.
 */
export class ZipWriter {
  readonly #output: Output;
  readonly #time: number;
  readonly #date: number;
  // The central directory, appended to as entries are written: one growing buffer rather than
  // 100,000 small Buffer objects for a large batch.
  #central = Buffer.allocUnsafe(64 * 1024);
  #centralSize = 0;
  #count = 0;
  #offset = 0;

  constructor(output: Output, modified: Date) {
    this.#output = output;
    ({ time: this.#time, date: this.#date } = dosDateTime(modified));
  }

  async add(entry: ZipEntry): Promise<void> {
    const name = Buffer.from(entry.name, "utf8");
    if (entry.data.length >= MAX_32 || entry.size >= MAX_32) throw new RangeError(`zip entry ${entry.name} is too large`);
    const method = entry.deflated ? 8 : 0;
    // Bit 11: the name is UTF-8 (APPNOTE appendix D); harmless for the ASCII names used here.
    const flags = 0x0800;

    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(NEEDS_DEFAULT, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(this.#time, 10);
    local.writeUInt16LE(this.#date, 12);
    local.writeUInt32LE(entry.crc32 >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    name.copy(local, 30);

    const zip64Offset = this.#offset >= MAX_32;
    const extra = zip64Offset ? 12 : 0;
    const central = this.#reserveCentral(46 + name.length + extra);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(MADE_BY, 4);
    central.writeUInt16LE(zip64Offset ? NEEDS_ZIP64 : NEEDS_DEFAULT, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(this.#time, 12);
    central.writeUInt16LE(this.#date, 14);
    central.writeUInt32LE(entry.crc32 >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra, 30);
    // Comment length, disk number, internal attributes: all 0.
    central.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    central.writeUInt32LE(zip64Offset ? MAX_32 : this.#offset, 42);
    name.copy(central, 46);
    if (zip64Offset) {
      central.writeUInt16LE(ZIP64_EXTRA, 46 + name.length);
      central.writeUInt16LE(8, 48 + name.length);
      central.writeBigUInt64LE(BigInt(this.#offset), 50 + name.length);
    }
    this.#count++;
    this.#offset += local.length + entry.data.length;

    await this.#output.write(local);
    await this.#output.write(entry.data);
  }

  /** A zeroed slice of `length` bytes at the end of the central directory. */
  #reserveCentral(length: number): Buffer {
    if (this.#centralSize + length > this.#central.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#central.length * 2, this.#centralSize + length));
      this.#central.copy(grown, 0, 0, this.#centralSize);
      this.#central = grown;
    }
    const record = this.#central.subarray(this.#centralSize, this.#centralSize + length).fill(0);
    this.#centralSize += length;
    return record;
  }

  /** Writes the central directory and the end records; the output is not ended here. */
  async finish(): Promise<void> {
    const count = this.#count;
    const directoryOffset = this.#offset;
    for (let at = 0; at < this.#centralSize; at += 64 * 1024) {
      await this.#output.write(this.#central.subarray(at, Math.min(at + 64 * 1024, this.#centralSize)));
    }
    if (count >= MAX_16 || directoryOffset >= MAX_32 || this.#centralSize >= MAX_32) {
      await this.#output.write(zip64End(count, this.#centralSize, directoryOffset, directoryOffset + this.#centralSize));
    }
    await this.#output.write(end(count, this.#centralSize, directoryOffset));
  }
}

function zip64End(count: number, directorySize: number, directoryOffset: number, recordOffset: number): Buffer {
  const record = Buffer.alloc(56 + 20);
  record.writeUInt32LE(ZIP64_END_OF_CENTRAL_DIRECTORY, 0);
  // Size of the rest of this record: 56 − 12.
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(MADE_BY, 12);
  record.writeUInt16LE(NEEDS_ZIP64, 14);
  // This disk, and the disk the directory starts on: 0.
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  record.writeUInt32LE(ZIP64_LOCATOR, 56);
  record.writeUInt32LE(0, 60);
  record.writeBigUInt64LE(BigInt(recordOffset), 64);
  record.writeUInt32LE(1, 72);
  return record;
}

function end(count: number, directorySize: number, directoryOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  record.writeUInt16LE(Math.min(count, MAX_16), 8);
  record.writeUInt16LE(Math.min(count, MAX_16), 10);
  record.writeUInt32LE(Math.min(directorySize, MAX_32), 12);
  record.writeUInt32LE(Math.min(directoryOffset, MAX_32), 16);
  return record;
}

/** MS-DOS time and date, local time, 2-second resolution, as ZIP stores them. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}
