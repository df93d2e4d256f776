/**
 * A Merkle tree laid out exactly as OpenZeppelin's `StandardMerkleTree` (leaves sorted, complete binary
 * tree in one array, sorted-pair keccak-256 for inner nodes), so that its root and proofs are the ones
 * `StandardMerkleTree.of` gives and `MerkleProof.verify` accepts. It keeps every node in one flat buffer
 * instead of a hex string per node, which is what lets a million-item batch fit in memory.
 *
 * Building hashes n - 1 pairs of 64 bytes, so the hash is pluggable: this module runs in the browser too
 * and defaults to @noble/hashes, while the server passes a WebAssembly keccak (`server/features/brands/issuance/merkle.ts`).
 */
import { keccakP } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { VeritraceError } from "./errors.ts";
import { installedKeccak64, type Keccak64 } from "./keccak.ts";

const NODE = 32;

export type { Keccak64 };

export type ItemMerkleTreeOptions = {
  /** A faster keccak-256 of 64 bytes than the default (which is @noble/hashes' permutation, in plain JS). */
  keccak64?: Keccak64 | undefined;
};

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const sponge = new Uint32Array(50);
const spongeBytes = new Uint8Array(sponge.buffer);

/**
 * keccak-256 of one 64-byte input with @noble/hashes' permutation on a reused state: the one-shot
 * `keccak_256()` allocates a hasher per call, which is most of its cost on inputs this short.
 */
const nobleKeccak64: Keccak64 = (input, offset, output, outputOffset) => {
  sponge.fill(0);
  spongeBytes.set(input.subarray(offset, offset + 2 * NODE));
  // Keccak padding within the 136-byte rate: 0x01 after the message, 0x80 on the last byte.
  spongeBytes[2 * NODE] = 0x01;
  spongeBytes[135] = 0x80;
  // noble reads its state as little-endian words; swap on the (rare) big-endian host, as noble does.
  if (!LITTLE_ENDIAN) swapWords(sponge);
  keccakP(sponge);
  if (!LITTLE_ENDIAN) swapWords(sponge);
  output.set(spongeBytes.subarray(0, NODE), outputOffset);
};

function swapWords(words: Uint32Array): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    words[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
  }
}

function compareBytes(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): number {
  for (let i = 0; i < NODE; i++) {
    const d = a[aOffset + i]! - b[bOffset + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function compareAt(buf: Uint8Array, a: number, b: number): number {
  return compareBytes(buf, a, buf, b);
}

/**
 * The order of the leaves in ascending byte order, ties in input order (as the stable sort of
 * `StandardMerkleTree`). A native sort of 64-bit keys (first 4 bytes of the leaf, then its index) does
 * nearly all of the work; only leaves that share their first 4 bytes are compared in full afterwards.
 */
function sortedOrder(leaves: Uint8Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => compareAt(leaves, a * NODE, b * NODE) || a - b);
  }
  const keys = new BigUint64Array(n);
  const halves = new Uint32Array(keys.buffer);
  for (let i = 0; i < n; i++) {
    const at = i * NODE;
    halves[2 * i] = i;
    halves[2 * i + 1] = ((leaves[at]! << 24) | (leaves[at + 1]! << 16) | (leaves[at + 2]! << 8) | leaves[at + 3]!) >>> 0;
  }
  keys.sort();
  for (let i = 0; i < n; i++) order[i] = halves[2 * i]!;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && halves[2 * end + 1] === halves[2 * start + 1]) end++;
    if (end - start > 1) {
      const run = order.subarray(start, end).sort((a, b) => compareAt(leaves, a * NODE, b * NODE) || a - b);
      order.set(run, start);
    }
    start = end;
  }
  return order;
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
  static fromLeaves(leaves: readonly (Uint8Array | Hex)[], options: ItemMerkleTreeOptions = {}): ItemMerkleTree {
    const n = leaves.length;
    if (n === 0) throw new VeritraceError("A Merkle tree needs at least one leaf", { code: "MERKLE_EMPTY" });
    const flat = new Uint8Array(n * NODE);
    leaves.forEach((leaf, i) => {
      const bytes = typeof leaf === "string" ? hexToBytes(leaf) : leaf;
      if (bytes.length !== NODE) {
        throw new VeritraceError(`Merkle leaf ${i} is ${bytes.length} bytes, expected 32`, { code: "MERKLE_BAD_LEAF" });
      }
      flat.set(bytes, i * NODE);
    });
    return ItemMerkleTree.fromLeafBytes(flat, options);
  }

  /**
   * Builds the tree over `leaves.length / 32` leaves laid end to end (leaf i at i * 32), in item order:
   * a million-item batch as one 32 MB array rather than a million small ones. `leaves` is only read.
   */
  static fromLeafBytes(leaves: Uint8Array, options: ItemMerkleTreeOptions = {}): ItemMerkleTree {
    if (leaves.length === 0) throw new VeritraceError("A Merkle tree needs at least one leaf", { code: "MERKLE_EMPTY" });
    if (leaves.length % NODE !== 0) {
      throw new VeritraceError(`Leaf bytes are ${leaves.length} bytes, not a multiple of 32`, { code: "MERKLE_BAD_LEAF" });
    }
    const keccak64 = options.keccak64 ?? installedKeccak64() ?? nobleKeccak64;
    const n = leaves.length / NODE;
    const order = sortedOrder(leaves, n);

    const total = 2 * n - 1;
    const nodes = new Uint8Array(total * NODE);
    const leafNode = new Uint32Array(n);
    // StandardMerkleTree puts the i-th sorted leaf at tree[length - 1 - i].
    for (let sortedIndex = 0; sortedIndex < n; sortedIndex++) {
      const original = order[sortedIndex]!;
      const node = total - 1 - sortedIndex;
      nodes.set(leaves.subarray(original * NODE, original * NODE + NODE), node * NODE);
      leafNode[original] = node;
    }
    // The children of node i (2i + 1 and 2i + 2) lie side by side: when already in ascending order
    // they are hashed where they are, and only swapped through `pair` otherwise.
    const pair = new Uint8Array(2 * NODE);
    for (let i = total - 1 - n; i >= 0; i--) {
      const left = (2 * i + 1) * NODE;
      if (compareAt(nodes, left, left + NODE) <= 0) {
        keccak64(nodes, left, nodes, i * NODE);
      } else {
        pair.set(nodes.subarray(left + NODE, left + 2 * NODE), 0);
        pair.set(nodes.subarray(left, left + NODE), NODE);
        keccak64(pair, 0, nodes, i * NODE);
      }
    }
    return new ItemMerkleTree(nodes, leafNode);
  }

  get size(): number {
    return this.#leafNode.length;
  }

  /**
   * The tree's arrays, for a store that keeps it (`server/features/brands/trees/stored-tree.ts`): every node root first, and
   * each leaf's node index in item order. Not copies: callers only read them.
   */
  layout(): { nodes: Uint8Array; leafNode: Uint32Array } {
    return { nodes: this.#nodes, leafNode: this.#leafNode };
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
  let node = nodeBytes(leaf, "leaf");
  for (const [i, sibling] of proof.entries()) node = hashPair(node, nodeBytes(sibling, `proof[${i}]`));
  return bytesToHex(node);
}

/** The parent of two 32-byte nodes: keccak-256 of the pair in ascending order, as `MerkleProof` hashes it. */
export function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const pair = new Uint8Array(2 * NODE);
  const [lo, hi] = compareBytes(a, 0, b, 0) <= 0 ? [a, b] : [b, a];
  pair.set(lo, 0);
  pair.set(hi, NODE);
  const parent = new Uint8Array(NODE);
  (installedKeccak64() ?? nobleKeccak64)(pair, 0, parent, 0);
  return parent;
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
