/**
 * One case of the Merkle benchmark, run in a child process by `merkle.ts`:
 *
 *   node scripts/bench/merkle-case.ts <case> <items>
 *
 * server        `buildItemMerkleTree` over the leaves as one flat buffer (leaves computed before timing,
 *               as issuing has them already)
 * server+leaves the same, timing the leaf hashing of (itemId, expiry) too, as `StandardMerkleTree.of` does
 * core          `ItemMerkleTree.fromLeafBytes` with core's default pure-JS keccak (what the browser runs)
 * openzeppelin  `StandardMerkleTree.of` over the values [itemId, expiry] with leaf encoding ["bytes32", "uint32"]
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { bytesToHex } from "viem";
import { LEAF_ENCODING } from "../../core/ids.ts";
import { ItemMerkleTree } from "../../core/merkle.ts";
import { createKeccak256 } from "../../server/features/brands/issuance/keccak.ts";
import { buildItemMerkleTree } from "../../server/features/brands/issuance/merkle.ts";
import { peakRssMiB } from "./child-case.ts";
import { benchItemIds, MERKLE_EXPIRY, proofsDigest } from "./merkle-inputs.ts";

const [name, countArgument] = process.argv.slice(2);
const count = Number(countArgument);

type Tree = { root: string; proof(index: number): readonly string[] };

const { into } = await createKeccak256();

/** The StandardMerkleTree leaf of every (itemId, expiry): keccak-256 of keccak-256 of the ABI encoding. */
function hashLeaves(itemIds: Uint8Array): Uint8Array {
  const leaves = new Uint8Array(itemIds.length);
  const encoded = new Uint8Array(64);
  new DataView(encoded.buffer).setUint32(60, MERKLE_EXPIRY);
  const inner = new Uint8Array(32);
  for (let at = 0; at < itemIds.length; at += 32) {
    encoded.set(itemIds.subarray(at, at + 32), 0);
    into(encoded, 0, 64, inner, 0);
    into(inner, 0, 32, leaves, at);
  }
  return leaves;
}

async function build(): Promise<{ tree: Tree; seconds: number }> {
  const itemIds = benchItemIds(count);
  if (name === "openzeppelin") {
    const values = Array.from({ length: count }, (_, i) => [bytesToHex(itemIds.subarray(i * 32, i * 32 + 32)), MERKLE_EXPIRY]);
    process.stderr.write(`  openzeppelin: ${count.toLocaleString("en")} values ready, building (minutes for a million)\n`);
    const started = performance.now();
    const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
    return { tree: { root: tree.root, proof: (i) => tree.getProof(i) }, seconds: (performance.now() - started) / 1000 };
  }
  if (name === "server+leaves") {
    const started = performance.now();
    const tree = await buildItemMerkleTree(hashLeaves(itemIds));
    return { tree, seconds: (performance.now() - started) / 1000 };
  }
  const leaves = hashLeaves(itemIds);
  const started = performance.now();
  const tree = name === "core" ? ItemMerkleTree.fromLeafBytes(leaves) : await buildItemMerkleTree(leaves);
  return { tree, seconds: (performance.now() - started) / 1000 };
}

if (!["server", "server+leaves", "core", "openzeppelin"].includes(name ?? "") || !Number.isSafeInteger(count) || count < 1) {
  throw new Error("usage: merkle-case.ts <server|server+leaves|core|openzeppelin> <items>");
}
const { tree, seconds } = await build();
console.log(JSON.stringify({ seconds, peakRssMiB: peakRssMiB(), root: tree.root, proofs: proofsDigest(count, (i) => tree.proof(i)) }));
