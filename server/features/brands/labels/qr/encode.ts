/**
 * A QR Code encoder (ISO/IEC 18004) for label URIs. Written here for speed: on a 168-byte label URI
 * `qrcode`'s create() makes ~500 symbols a second and @paulmillr/qr ~140, mostly in choosing the
 * mask; this one makes several thousand, working on bit-packed rows and columns. The tests hold it
 * to `qrcode` module for module (every version, level and mask, and the mask it chooses) and decode
 * its symbols with jsQR.
 */
import { lineStride } from "./packed.ts";
import type { PackedSymbol } from "./packed.ts";
import { maskPenalty } from "./penalty.ts";
import { writeErrorCorrection } from "./reed-solomon.ts";
import { blockLayout, byteCountBits, FORMAT_BITS, MAX_VERSION, MIN_VERSION } from "./tables.ts";
import type { ErrorCorrectionLevel } from "./tables.ts";
import { templateFor } from "./template.ts";
import type { Template } from "./template.ts";

export type QrCode = {
  version: number;
  /** Modules per side, without quiet zone. */
  size: number;
  /** Bit-packed rows (packed.ts): module (row, column) is bit `column & 31` of word `row * lineStride(size) + (column >> 5)`. */
  rows: Int32Array;
  mask: number;
};

export type EncodeQrOptions = {
  level: ErrorCorrectionLevel;
  /** Force a version (1–40) instead of the smallest that fits; for tests against other encoders. */
  version?: number;
  /** Force a mask (0–7) instead of the lowest-penalty one; for tests against other encoders. */
  mask?: number;
};

const textEncoder = new TextEncoder();

/**
 * Encodes `text` as UTF-8 in one byte-mode segment. Mixed-mode segmentation would only pay for
 * long digit or upper-case runs; on GS1 Digital Link URIs with a base64url signature it never
 * made the symbol smaller (checked against `qrcode`'s optimiser), and it costs time on every label.
 */
export function encodeQr(text: string, { level, version: forcedVersion, mask: forcedMask }: EncodeQrOptions): QrCode {
  const bytes = textEncoder.encode(text);
  const version = forcedVersion ?? smallestVersion(bytes.length, level);
  const layout = blockLayout(version, level);
  if (bitsNeeded(bytes.length, version) > layout.dataCodewords * 8) {
    throw new RangeError(`QR version ${version}-${level} cannot hold ${bytes.length} bytes`);
  }
  const codewords = interleave(dataCodewords(bytes, version, layout.dataCodewords), version, level);
  const template = templateFor(version);
  const { size, packedPlacement } = template;

  const unmasked: PackedSymbol = { rows: template.packedBase.rows.slice(), columns: template.packedBase.columns.slice() };
  const { rowWord, rowBit, columnWord, columnBit } = packedPlacement;
  // Bits past the last codeword are the remainder bits, which stay light (§7.7.3).
  const dataBits = Math.min(rowWord.length, codewords.length * 8);
  for (let bit = 0; bit < dataBits; bit++) {
    const dark = (codewords[bit >> 3]! >> (7 - (bit & 7))) & 1;
    unmasked.rows[rowWord[bit]!]! |= dark << rowBit[bit]!;
    unmasked.columns[columnWord[bit]!]! |= dark << columnBit[bit]!;
  }

  const symbol: PackedSymbol = { rows: new Int32Array(unmasked.rows.length), columns: new Int32Array(unmasked.columns.length) };
  let mask = forcedMask ?? 0;
  if (forcedMask === undefined) {
    let lowest = Infinity;
    for (let candidate = 0; candidate < template.packedMasks.length; candidate++) {
      applyMask(template, unmasked, candidate, level, symbol);
      const penalty = maskPenalty(symbol, size);
      if (penalty < lowest) {
        lowest = penalty;
        mask = candidate;
      }
    }
  }
  applyMask(template, unmasked, mask, level, symbol);
  return { version, size, rows: symbol.rows, mask };
}

/** `into` = `unmasked` with data mask `mask` applied and the matching format information. */
function applyMask(template: Template, unmasked: PackedSymbol, mask: number, level: ErrorCorrectionLevel, into: PackedSymbol): void {
  const pattern = template.packedMasks[mask]!;
  for (let i = 0; i < into.rows.length; i++) {
    into.rows[i] = unmasked.rows[i]! ^ pattern.rows[i]!;
    into.columns[i] = unmasked.columns[i]! ^ pattern.columns[i]!;
  }
  // Format cells are light in the template; only the dark bits need setting.
  const cells = template.packedFormatCells;
  const format = formatInformation(level, mask);
  for (let cell = 0; cell < 30; cell++) {
    const dark = (format >> cell % 15) & 1;
    into.rows[cells.rowWord[cell]!]! |= dark << cells.rowBit[cell]!;
    into.columns[cells.columnWord[cell]!]! |= dark << cells.columnBit[cell]!;
  }
}

/** The modules one byte each, row-major, 1 = dark: for tests and tools, not the label path. */
export function qrModules({ rows, size }: QrCode): Uint8Array {
  const stride = lineStride(size);
  const modules = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      modules[row * size + column] = (rows[row * stride + (column >> 5)]! >>> (column & 31)) & 1;
    }
  }
  return modules;
}

function bitsNeeded(byteCount: number, version: number): number {
  return 4 + byteCountBits(version) + byteCount * 8;
}

function smallestVersion(byteCount: number, level: ErrorCorrectionLevel): number {
  for (let version = MIN_VERSION; version <= MAX_VERSION; version++) {
    if (bitsNeeded(byteCount, version) <= blockLayout(version, level).dataCodewords * 8) return version;
  }
  throw new RangeError(`${byteCount} bytes do not fit in a QR Code at error correction level ${level}`);
}

/** Mode indicator, count, data, terminator and the 0xEC 0x11 pad bytes (ISO/IEC 18004 §7.4). */
function dataCodewords(bytes: Uint8Array, version: number, capacity: number): Uint8Array {
  const out = new Uint8Array(capacity);
  const countBits = byteCountBits(version);
  // Mode 0100 and the count take 12 or 20 bits, so every data byte straddles two codewords: the
  // accumulator carries the 4 bits left over.
  let acc = (0b0100 << countBits) | bytes.length;
  let at = 0;
  for (let accBits = 4 + countBits; accBits >= 8; accBits -= 8) out[at++] = (acc >> (accBits - 8)) & 0xff;
  for (let i = 0; i < bytes.length; i++) {
    acc = ((acc << 8) | bytes[i]!) & 0xfff;
    out[at++] = (acc >> 4) & 0xff;
  }
  // The last 4 bits, then the 4-bit terminator, which always fits: the header made the total 4 mod 8.
  out[at++] = (acc << 4) & 0xff;
  for (let pad = 0xec; at < capacity; pad ^= 0xec ^ 0x11) out[at++] = pad;
  return out;
}

/** Splits into blocks, appends each block's Reed–Solomon codewords and interleaves (§7.5–7.6). */
function interleave(data: Uint8Array, version: number, level: ErrorCorrectionLevel): Uint8Array {
  const { totalCodewords, blocks, eccPerBlock } = blockLayout(version, level);
  const shortBlocks = blocks - (totalCodewords % blocks);
  const shortDataLength = Math.floor(totalCodewords / blocks) - eccPerBlock;
  const out = new Uint8Array(totalCodewords);
  const ecc = new Uint8Array(blocks * eccPerBlock);

  let start = 0;
  for (let block = 0; block < blocks; block++) {
    const length = shortDataLength + (block < shortBlocks ? 0 : 1);
    writeErrorCorrection(data, start, start + length, eccPerBlock, ecc, block * eccPerBlock);
    // Data codeword i of every block, in block order; short blocks have no codeword at shortDataLength.
    for (let i = 0; i < length; i++) {
      const column = i < shortDataLength ? i * blocks + block : shortDataLength * blocks + (block - shortBlocks);
      out[column] = data[start + i]!;
    }
    start += length;
  }
  const dataTotal = data.length;
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < eccPerBlock; i++) out[dataTotal + i * blocks + block] = ecc[block * eccPerBlock + i]!;
  }
  return out;
}

/** Level and mask with their (15, 5) BCH code, generator 0x537, XOR 0x5412 (§7.9.1). */
function formatInformation(level: ErrorCorrectionLevel, mask: number): number {
  const data = (FORMAT_BITS[level] << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
  return ((data << 10) | (remainder & 0x3ff)) ^ 0x5412;
}
