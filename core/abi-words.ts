/**
 * The few pieces of ABI encoding that ids and EIP-712 digests need, written out on bytes because they run
 * once per item when a batch is issued. `test/core/ids.test.ts` and `test/core/eip712.test.ts` hold the
 * results to viem's encoder and to the contract.
 */
export const WORD = 32;

/** Writes a non-negative integer as a big-endian uint256 word at `offset` (the word must be zeroed). */
export function writeUint(out: Uint8Array, offset: number, value: number | bigint): void {
  if (typeof value === "number" && value <= 0xffffffff) {
    // Lengths, offsets and expiry dates: the common case, kept off BigInt.
    new DataView(out.buffer, out.byteOffset).setUint32(offset + WORD - 4, value);
    return;
  }
  let v = BigInt(value);
  for (let i = offset + WORD - 1; v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** One uint256 word. */
export function uintWord(value: number | bigint): Uint8Array {
  const word = new Uint8Array(WORD);
  writeUint(word, 0, value);
  return word;
}

/** Static words laid end to end; a shorter value (an address) is right-aligned in its word. */
export function concatWords(words: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(words.length * WORD);
  words.forEach((word, i) => out.set(word, i * WORD + (WORD - word.length)));
  return out;
}

/** `abi.encode(<static words...>, string value)`: the words, the offset of the string, its length, its padded bytes. */
export function encodeWordsThenString(words: readonly Uint8Array[], value: string): Uint8Array {
  const data = new TextEncoder().encode(value);
  const head = words.length + 1;
  const out = new Uint8Array((head + 1 + Math.ceil(data.length / WORD)) * WORD);
  words.forEach((word, i) => out.set(word, i * WORD));
  writeUint(out, words.length * WORD, head * WORD);
  writeUint(out, head * WORD, data.length);
  out.set(data, (head + 1) * WORD);
  return out;
}
