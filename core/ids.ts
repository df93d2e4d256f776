/**
 * The ids and Merkle leaves of the protocol, byte for byte as `contracts/libraries/ProductIds.sol`
 * derives them. The ABI encoding is written out by hand because these run once per item when a batch of a
 * million items is issued; `test/core/ids.test.ts` holds them to viem's `encodeAbiParameters` and to the contract.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import type { ItemCode } from "./types.ts";

const WORD = 32;
const utf8 = new TextEncoder();

/** `abi.encode(<static words...>, string value)`: the words, the offset of the string, its length, its padded bytes. */
function encodeWordsThenString(words: readonly Uint8Array[], value: string): Uint8Array {
  const data = utf8.encode(value);
  const head = words.length + 1;
  const out = new Uint8Array((head + 1 + Math.ceil(data.length / WORD)) * WORD);
  words.forEach((word, i) => out.set(word, i * WORD));
  writeUint(out, words.length * WORD, head * WORD);
  writeUint(out, head * WORD, data.length);
  out.set(data, (head + 1) * WORD);
  return out;
}

/** Writes a non-negative integer as a big-endian uint256 word at `offset` (the word must be zeroed). */
function writeUint(out: Uint8Array, offset: number, value: number | bigint): void {
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

function uintWord(value: number | bigint): Uint8Array {
  const word = new Uint8Array(WORD);
  writeUint(word, 0, value);
  return word;
}

/** A brand's id: the keccak-256 of its registered name (UTF-8). */
export function brandIdOf(name: string): Hex {
  return bytesToHex(keccak_256(utf8.encode(name)));
}

/** `keccak256(abi.encode(bytes32 brandId, uint64 gtin, string lot))`; `gtin` is the 14-digit string. */
export function batchIdOf(brandId: Hex, gtin: string, lot: string): Hex {
  return bytesToHex(keccak_256(encodeWordsThenString([hexToBytes(brandId), uintWord(BigInt(gtin))], lot)));
}

/** `keccak256(abi.encode(bytes32 batchId, string serial))`, on bytes for the issuing hot path. */
export function itemIdBytes(batchId: Uint8Array, serial: string): Uint8Array {
  return keccak_256(encodeWordsThenString([batchId], serial));
}

/** `keccak256(abi.encode(bytes32 batchId, string serial))`. */
export function itemIdOf(batchId: Hex, serial: string): Hex {
  return bytesToHex(itemIdBytes(hexToBytes(batchId), serial));
}

/**
 * The StandardMerkleTree leaf of `(bytes32 itemId, uint32 expiry)`: keccak-256 twice, as OpenZeppelin's
 * `StandardMerkleTree` with leaf encoding `["bytes32", "uint32"]` computes it.
 */
export function leafBytes(itemId: Uint8Array, expiry: number): Uint8Array {
  const encoded = new Uint8Array(2 * WORD);
  encoded.set(itemId, 0);
  writeUint(encoded, WORD, expiry);
  return keccak_256(keccak_256(encoded));
}

/** The leaf of `(itemId, expiry)` as hex; `expiry` 0 means none. */
export function leafOf(itemId: Hex, expiry: number): Hex {
  return bytesToHex(leafBytes(hexToBytes(itemId), expiry));
}

/** The leaf encoding to give `StandardMerkleTree.of` for an interoperable tree. */
export const LEAF_ENCODING = ["bytes32", "uint32"] as const;

/** Every id of one item of a brand. */
export type ItemIds = { batchId: Hex; itemId: Hex; leaf: Hex };

export function itemIdsOf(brandId: Hex, code: ItemCode): ItemIds {
  const batchId = batchIdOf(brandId, code.gtin, code.lot);
  const itemId = itemIdOf(batchId, code.serial);
  return { batchId, itemId, leaf: leafOf(itemId, code.expiry ?? 0) };
}
