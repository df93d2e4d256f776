/**
 * The items of the Merkle benchmark, the same in every child process: item ids from a seeded
 * xorshift generator (fast, and reproducible so that roots can be compared across processes), one
 * expiry date, and the indices whose proofs are compared.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, type Hex } from "viem";

export const MERKLE_EXPIRY = 270228;

/** `count` item ids of 32 bytes, laid end to end. */
export function benchItemIds(count: number): Uint8Array {
  const ids = new Uint8Array(count * 32);
  const words = new Uint32Array(ids.buffer);
  let x = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return ids;
}

/** A spread of indices, first and last included, whose proofs every case reports. */
export function provedIndices(count: number): number[] {
  const indices = new Set([0, 1, count - 1, Math.floor(count / 2), Math.floor(count / 3)]);
  for (let i = 1; i <= 20; i++) indices.add(Math.floor((count * i * 0.6180339887) % count));
  return [...indices].filter((i) => i >= 0 && i < count).sort((a, b) => a - b);
}

/** One hash over the proofs of `provedIndices`: equal digests mean equal proofs. */
export function proofsDigest(count: number, proof: (index: number) => readonly string[]): Hex {
  const text = provedIndices(count)
    .map((i) => `${i}:${proof(i).join(",")}`)
    .join(";");
  return bytesToHex(keccak_256(new TextEncoder().encode(text.toLowerCase())));
}
