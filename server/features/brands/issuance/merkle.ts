/**
 * The server's way to build a batch's Merkle tree: core's `ItemMerkleTree` (the same layout, root and
 * proofs) with the WebAssembly keccak of `keccak.ts` for its n - 1 pair hashes. Core keeps its
 * pure-JS default because it is also bundled for the browser.
 */
import type { Hex } from "viem";
import { ItemMerkleTree } from "../../../../core/merkle.ts";
import { createKeccak256, type Keccak256 } from "./keccak.ts";

let keccak: Promise<Keccak256> | undefined;

/** Builds the tree over leaves in item order: 32 bytes each laid end to end, or one array or hex string each. */
export async function buildItemMerkleTree(leaves: Uint8Array | readonly (Uint8Array | Hex)[]): Promise<ItemMerkleTree> {
  keccak ??= createKeccak256();
  const { keccak64 } = await keccak;
  return leaves instanceof Uint8Array
    ? ItemMerkleTree.fromLeafBytes(leaves, { keccak64 })
    : ItemMerkleTree.fromLeaves(leaves, { keccak64 });
}
