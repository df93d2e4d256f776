import { packBytes, packedPosition } from "./packed.ts";
import type { PackedSymbol } from "./packed.ts";
import { rawDataModules, symbolSize } from "./tables.ts";

/**
 * Everything about a symbol that depends only on its version, computed once per version, bit-packed
 * (packed.ts) because encoding works on packed rows and columns.
 */
export type Template = {
  version: number;
  size: number;
  /** Finder, separator, timing and alignment patterns, version information and the dark module. */
  packedBase: PackedSymbol;
  /** Per mask 0–7, the data modules it inverts (ISO/IEC 18004 §7.8.2). */
  packedMasks: readonly PackedSymbol[];
  /** Where each bit of the codeword sequence goes (§7.7.3). */
  packedPlacement: PackedCells;
  /** Where format bits 0–14 go, first copy then second copy (§7.9.1). */
  packedFormatCells: PackedCells;
};

/** For each cell: word and bit in `rows`, word and bit in `columns`. */
export type PackedCells = { rowWord: Uint16Array; rowBit: Uint8Array; columnWord: Uint16Array; columnBit: Uint8Array };

const MASK_CONDITIONS: ReadonlyArray<(row: number, column: number) => boolean> = [
  (row, column) => (row + column) % 2 === 0,
  (row) => row % 2 === 0,
  (_row, column) => column % 3 === 0,
  (row, column) => (row + column) % 3 === 0,
  (row, column) => (Math.floor(row / 2) + Math.floor(column / 3)) % 2 === 0,
  (row, column) => ((row * column) % 2) + ((row * column) % 3) === 0,
  (row, column) => (((row * column) % 2) + ((row * column) % 3)) % 2 === 0,
  (row, column) => (((row + column) % 2) + ((row * column) % 3)) % 2 === 0,
];

const templates = new Map<number, Template>();

export function templateFor(version: number): Template {
  let template = templates.get(version);
  if (template === undefined) {
    template = buildTemplate(version);
    templates.set(version, template);
  }
  return template;
}

function buildTemplate(version: number): Template {
  const size = symbolSize(version);
  const base = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (row: number, column: number, dark: boolean): void => {
    base[row * size + column] = dark ? 1 : 0;
    reserved[row * size + column] = 1;
  };

  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [row, column] of [
    [3, 3],
    [3, size - 4],
    [size - 4, 3],
  ] as const) {
    // 7×7 finder plus its one-module light separator, clipped at the symbol edge.
    for (let dr = -4; dr <= 4; dr++) {
      for (let dc = -4; dc <= 4; dc++) {
        const r = row + dr;
        const c = column + dc;
        if (r < 0 || r >= size || c < 0 || c >= size) continue;
        const ring = Math.max(Math.abs(dr), Math.abs(dc));
        set(r, c, ring !== 2 && ring !== 4);
      }
    }
  }
  const centres = alignmentCentres(version);
  const last = centres.length - 1;
  centres.forEach((row, i) => {
    centres.forEach((column, j) => {
      // The three corners taken by finder patterns have no alignment pattern.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dr = -2; dr <= 2; dr++) {
        for (let dc = -2; dc <= 2; dc++) set(row + dr, column + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
      }
    });
  });

  const formatCells = new Uint16Array(30);
  for (let bit = 0; bit < 15; bit++) {
    const [row1, column1] = bit < 6 ? [bit, 8] : bit < 8 ? [bit + 1, 8] : bit === 8 ? [8, 7] : [8, 14 - bit];
    const [row2, column2] = bit < 8 ? [8, size - 1 - bit] : [size - 15 + bit, 8];
    formatCells[bit] = row1 * size + column1;
    formatCells[15 + bit] = row2 * size + column2;
    set(row1, column1, false);
    set(row2, column2, false);
  }
  set(size - 8, 8, true);

  if (version >= 7) {
    const bits = versionInformation(version);
    for (let bit = 0; bit < 18; bit++) {
      const dark = ((bits >> bit) & 1) === 1;
      const a = size - 11 + (bit % 3);
      const b = Math.floor(bit / 3);
      set(b, a, dark);
      set(a, b, dark);
    }
  }

  const placement = dataPlacement(size, reserved);
  if (placement.length !== rawDataModules(version)) {
    throw new Error(`QR version ${version}: ${placement.length} data modules placed, expected ${rawDataModules(version)}`);
  }
  const masks = MASK_CONDITIONS.map((condition) => {
    const mask = new Uint8Array(size * size);
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) {
        const index = row * size + column;
        if (reserved[index] === 0 && condition(row, column)) mask[index] = 1;
      }
    }
    return mask;
  });
  return {
    version,
    size,
    packedBase: packBytes(base, size),
    packedMasks: masks.map((mask) => packBytes(mask, size)),
    packedPlacement: packedCells(size, placement),
    packedFormatCells: packedCells(size, formatCells),
  };
}

function packedCells(size: number, cells: Uint16Array): PackedCells {
  const packed: PackedCells = {
    rowWord: new Uint16Array(cells.length),
    rowBit: new Uint8Array(cells.length),
    columnWord: new Uint16Array(cells.length),
    columnBit: new Uint8Array(cells.length),
  };
  cells.forEach((cell, i) => {
    [packed.rowWord[i], packed.rowBit[i], packed.columnWord[i], packed.columnBit[i]] = packedPosition(size, Math.floor(cell / size), cell % size);
  });
  return packed;
}

/** Row and column centres of alignment patterns (ISO/IEC 18004 annex E). */
function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let position = symbolSize(version) - 7; centres.length < count; position -= step) centres.splice(1, 0, position);
  return centres;
}

/** Version number plus its (18, 6) BCH code, generator 0x1F25 (annex D). */
function versionInformation(version: number): number {
  let remainder = version;
  for (let i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1f25);
  return (version << 12) | remainder;
}

/** Two-column zig-zag from the bottom-right corner, skipping the vertical timing column. */
function dataPlacement(size: number, reserved: Uint8Array): Uint16Array {
  const order: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step;
      for (let offset = 0; offset < 2; offset++) {
        const index = row * size + right - offset;
        if (reserved[index] === 0) order.push(index);
      }
    }
  }
  return Uint16Array.from(order);
}
