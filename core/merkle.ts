/**
 * A Merkle tree laid out exactly as OpenZeppelin's `StandardMerkleTree` (leaves sorted, complete binary
 * tree in one array, sorted-pair keccak-256 for inner nodes), so that its root and proofs are the ones
 * `StandardMerkleTree.of` gives and `MerkleProof.verify` accepts. It keeps every node in one flat buffer
 * instead of a hex string per node, which is what lets a million-item batch fit in memory.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { VeritraceError } from "./errors.ts";

const NODE = 32;

function compareAt(buf: Uint8Array, a: number, b: number): number {
  for (let i = 0; i < NODE; i++) {
    const d = buf[a + i]! - buf[b + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** keccak256 of the two children in ascending order (OpenZeppelin's commutative `Hashes.commutativeKeccak256`). */
function hashPair(nodes: Uint8Array, left: number, right: number, pair: Uint8Array): Uint8Array {
  const [lo, hi] = compareAt(nodes, left, right) <= 0 ? [left, right] : [right, left];
  pair.set(nodes.subarray(lo, lo + NODE), 0);
  pair.set(nodes.subarray(hi, hi + NODE), NODE);
  return keccak_256(pair);
}

export class ItemMerkleTree {
  /** All 2n-1 nodes, root first, leaves at the end in ascending order. */
  readonly #nodes: Uint8Array;
  /** For each leaf in insertion order, its node index. */
  readonly #leafNode: Uint32Array;

  private constructor(nodes: Uint8Array, leafNode: Uint32Array) {
    this.#nodes = nodes;
    this.#leafNode = leafNode;
  }

  /** Builds the tree over leaves given in item order (the order proofs are asked for). */
  static fromLeaves(leaves: readonly (Uint8Array | Hex)[]): ItemMerkleTree {
    const n = leaves.length;
    if (n === 0) throw new VeritraceError("A Merkle tree needs at least one leaf", { code: "MERKLE_EMPTY" });
    const input = new Uint8Array(n * NODE);
    leaves.forEach((leaf, i) => {
      const bytes = typeof leaf === "string" ? hexToBytes(leaf) : leaf;
      if (bytes.length !== NODE) {
        throw new VeritraceError(`Merkle leaf ${i} is ${bytes.length} bytes, expected 32`, { code: "MERKLE_BAD_LEAF" });
      }
      input.set(bytes, i * NODE);
    });
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => compareAt(input, a * NODE, b * NODE));

    const total = 2 * n - 1;
    const nodes = new Uint8Array(total * NODE);
    const leafNode = new Uint32Array(n);
    // StandardMerkleTree puts the i-th sorted leaf at tree[length - 1 - i].
    order.forEach((original, sortedIndex) => {
      const node = total - 1 - sortedIndex;
      nodes.set(input.subarray(original * NODE, original * NODE + NODE), node * NODE);
      leafNode[original] = node;
    });
    const pair = new Uint8Array(2 * NODE);
    for (let i = total - 1 - n; i >= 0; i--) {
      nodes.set(hashPair(nodes, (2 * i + 1) * NODE, (2 * i + 2) * NODE, pair), i * NODE);
    }
    return new ItemMerkleTree(nodes, leafNode);
  }

  get size(): number {
    return this.#leafNode.length;
  }

  get root(): Hex {
    return bytesToHex(this.#nodes.subarray(0, NODE));
  }

  /** The proof of the `index`-th leaf (in the order the leaves were given), leaf to root. */
  proof(index: number): Hex[] {
    let node = this.#leafNode[index];
    if (node === undefined || !Number.isInteger(index)) {
      throw new VeritraceError(`No leaf at index ${index} (the tree has ${this.size})`, { code: "MERKLE_BAD_INDEX" });
    }
    const proof: Hex[] = [];
    while (node > 0) {
      const sibling = node % 2 === 1 ? node + 1 : node - 1;
      proof.push(bytesToHex(this.#nodes.subarray(sibling * NODE, sibling * NODE + NODE)));
      node = Math.floor((node - 1) / 2);
    }
    return proof;
  }
}

/** Folds a proof onto a leaf as `MerkleProof.processProof` does; equal to the root when the leaf is in the tree. */
export function processProof(leaf: Hex, proof: readonly Hex[]): Hex {
  const nodes = new Uint8Array(2 * NODE);
  nodes.set(nodeBytes(leaf, "leaf"), 0);
  const pair = new Uint8Array(2 * NODE);
  for (const [i, sibling] of proof.entries()) {
    nodes.set(nodeBytes(sibling, `proof[${i}]`), NODE);
    nodes.set(hashPair(nodes, 0, NODE, pair), 0);
  }
  return bytesToHex(nodes.subarray(0, NODE));
}

/** A proof comes from an untrusted server: anything but 32 bytes of hex is a named error, not a RangeError. */
function nodeBytes(value: Hex, name: string): Uint8Array {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new VeritraceError(`Merkle ${name} is not 32 bytes of hex`, { code: "MERKLE_BAD_NODE", field: name });
  }
  return hexToBytes(value);
}

export function verifyProof(root: Hex, leaf: Hex, proof: readonly Hex[]): boolean {
  return processProof(leaf, proof).toLowerCase() === root.toLowerCase();
}
