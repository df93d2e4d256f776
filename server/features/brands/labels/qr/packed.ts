/**
 * A symbol as bit-packed lines, twice: rows, and columns (rows of the transpose), so that the mask
 * penalty reads both directions the same way, 32 modules per operation. Line `i` occupies words
 * `[i * stride, (i + 1) * stride)`, module `j` is bit `j & 31` of word `j >> 5`; the last word of a
 * line is always zero so a 32-bit window read from any module stays inside the line.
 */
export type PackedSymbol = {
  rows: Int32Array;
  columns: Int32Array;
};

export function lineStride(size: number): number {
  return (size >> 5) + 2;
}

export function emptyPacked(size: number): PackedSymbol {
  const words = size * lineStride(size);
  return { rows: new Int32Array(words), columns: new Int32Array(words) };
}

/** Word index and bit of module (row, column) in `rows`, and of the same module in `columns`. */
export function packedPosition(size: number, row: number, column: number): [rowWord: number, rowBit: number, columnWord: number, columnBit: number] {
  const stride = lineStride(size);
  return [row * stride + (column >> 5), column & 31, column * stride + (row >> 5), row & 31];
}

export function packBytes(modules: Uint8Array, size: number): PackedSymbol {
  const packed = emptyPacked(size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (modules[row * size + column] === 0) continue;
      const [rowWord, rowBit, columnWord, columnBit] = packedPosition(size, row, column);
      packed.rows[rowWord]! |= 1 << rowBit;
      packed.columns[columnWord]! |= 1 << columnBit;
    }
  }
  return packed;
}
