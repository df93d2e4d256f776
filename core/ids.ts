/**
 * The ids and Merkle leaves of the protocol, byte for byte as `contracts/libraries/ProductIds.sol`
 * derives them. The ABI encoding is written out by hand because these run once per item when a batch of a
 * million items is issued; `test/core/ids.test.ts` holds them to viem's `encodeAbiParameters` and to the contract.
 */
import { keccak256 as keccak_256 } from "./keccak.ts";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { encodeWordsThenString, uintWord, WORD, writeUint } from "./abi-words.ts";
import type { ItemCode } from "./types.ts";

const utf8 = new TextEncoder();

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
