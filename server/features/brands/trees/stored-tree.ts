/**
 * A batch's Merkle tree as the store keeps it, so that a proof is three small reads and never a rebuild.
 *
 * The leaves are the items' (SQLite's items table holds them; PostgreSQL's computes them from the serials,
 * ../store/item-leaves.ts). The tree adds three parts, cut into pages
 * of 1 KiB (rows of the `tree_pages` table in either store):
 *   - `top`: the inner nodes down to BOTTOM levels above the deepest leaves, in StandardMerkleTree's array
 *     order (node 0 is the root). The inner nodes below are recomputed for each proof from at most
 *     2^BOTTOM leaves (at most 15 pair hashes): keeping them would cost 24 to 28 of the 32 bytes per item that
 *     all inner nodes take, and the goal is under 200 bytes per item in all.
 *   - `ranks`: for each item (by index), the position of its leaf among the sorted leaves;
 *   - `order`: for each sorted position, the index of the item whose leaf is there (`ranks` inverted).
 * That is 4 to 8 (top) + 4 + 4 bytes per item, and a proof reads one `ranks` page, the `top` and `order`
 * pages on its path (one query), and the few leaves below the top (one query).
 */
import { bytesToHex, type Hex } from "viem";
import { hashPair, type ItemMerkleTree } from "../../../../core/merkle.ts";

const NODE = 32;
/** Levels of inner nodes above the deepest leaves that are recomputed rather than stored. */
export const BOTTOM_LEVELS = 4;
export const NODES_PER_PAGE = 32;
export const INDEXES_PER_PAGE = 256;

export const TREE_PARTS = { top: 0, ranks: 1, order: 2 } as const;
export type TreePart = keyof typeof TREE_PARTS;

/** What a tree build hands the store: the root and the three parts, whole. */
export type StoredTree = { root: Hex; size: number; top: Uint8Array; ranks: Uint32Array; order: Uint32Array };
/** One row of `tree_pages`: `part` is a TREE_PARTS code. */
export type TreePage = { part: number; page: number; data: Uint8Array };
export type PageKey = { part: number; page: number };

/** How a store reads its pages and leaves; `proofFromStorage` does the rest, the same for every store. */
export type TreePageReader = {
  /** The pages asked for that exist (any order). */
  pages(batchId: Hex, wanted: readonly PageKey[]): Promise<TreePage[]>;
  /** The leaves of the items at these indexes. */
  leaves(batchId: Hex, indexes: readonly number[]): Promise<Map<number, Uint8Array>>;
};

/** The number of inner nodes kept in `top`: every node of depth up to (deepest depth - BOTTOM_LEVELS). */
export function topCount(size: number): number {
  const depth = 31 - Math.clz32(2 * size - 1);
  const levels = depth - BOTTOM_LEVELS + 1;
  return levels <= 0 ? 0 : Math.min(size - 1, 2 ** levels - 1);
}

export function storedTreeOf(tree: ItemMerkleTree): StoredTree {
  const { nodes, leafNode } = tree.layout();
  const size = tree.size;
  const total = 2 * size - 1;
  const ranks = new Uint32Array(size);
  const order = new Uint32Array(size);
  for (let index = 0; index < size; index++) {
    // StandardMerkleTree puts the r-th sorted leaf at node total - 1 - r.
    const rank = total - 1 - leafNode[index]!;
    ranks[index] = rank;
    order[rank] = index;
  }
  return { root: tree.root, size, top: nodes.slice(0, topCount(size) * NODE), ranks, order };
}

/** The tree cut into rows: nodes as they are, indexes as little-endian 32-bit words (whatever the host). */
export function treePages(tree: StoredTree): TreePage[] {
  const pages: TreePage[] = [];
  const pageBytes = NODES_PER_PAGE * NODE;
  for (let at = 0, page = 0; at < tree.top.length; at += pageBytes, page++) {
    pages.push({ part: TREE_PARTS.top, page, data: tree.top.subarray(at, at + pageBytes) });
  }
  for (const part of ["ranks", "order"] as const) {
    const values = tree[part];
    for (let at = 0, page = 0; at < values.length; at += INDEXES_PER_PAGE, page++) {
      const count = Math.min(INDEXES_PER_PAGE, values.length - at);
      const data = new Uint8Array(count * 4);
      const view = new DataView(data.buffer);
      for (let i = 0; i < count; i++) view.setUint32(i * 4, values[at + i]!, true);
      pages.push({ part: TREE_PARTS[part], page, data });
    }
  }
  return pages;
}

/** Stored pages that do not fit the batch's size: the store was changed under the service. */
export class StoredTreeCorrupt extends Error {
  override name = "StoredTreeCorrupt";
}

const indexAt = (page: Uint8Array, offset: number) => new DataView(page.buffer, page.byteOffset, page.byteLength).getUint32(offset * 4, true);

/**
 * The proof of the `index`-th of `size` items from the stored tree, as `ItemMerkleTree.proof` gives it;
 * undefined when no tree is stored for the batch.
 */
export async function proofFromStorage(reader: TreePageReader, batchId: Hex, size: number, index: number): Promise<Hex[] | undefined> {
  const rankKey = { part: TREE_PARTS.ranks, page: Math.floor(index / INDEXES_PER_PAGE) };
  const [rankPage] = await reader.pages(batchId, [rankKey]);
  if (rankPage === undefined) return undefined;
  const total = 2 * size - 1;
  const top = topCount(size);
  const firstLeaf = size - 1;

  // The nodes the proof names: siblings on the path, from the leaf up.
  const siblings: number[] = [];
  for (let node = total - 1 - indexAt(rankPage.data, index % INDEXES_PER_PAGE); node > 0; node = (node - 1) >> 1) {
    siblings.push(node % 2 === 1 ? node + 1 : node - 1);
  }
  // Which of them are stored, and which leaves the others are computed from (all under one node BOTTOM_LEVELS up).
  const topNodes = siblings.filter((node) => node < top);
  const leafNodes: number[] = [];
  const under = (node: number): void => {
    if (node >= firstLeaf) leafNodes.push(node);
    else {
      under(2 * node + 1);
      under(2 * node + 2);
    }
  };
  for (const node of siblings) if (node >= top) under(node);

  const rankOf = (leafNode: number) => total - 1 - leafNode;
  const wanted = new Map<string, PageKey>();
  for (const node of topNodes) wanted.set(`t${Math.floor(node / NODES_PER_PAGE)}`, { part: TREE_PARTS.top, page: Math.floor(node / NODES_PER_PAGE) });
  for (const node of leafNodes) {
    const page = Math.floor(rankOf(node) / INDEXES_PER_PAGE);
    wanted.set(`o${page}`, { part: TREE_PARTS.order, page });
  }
  const pages = new Map((await reader.pages(batchId, [...wanted.values()])).map((p) => [`${p.part === TREE_PARTS.top ? "t" : "o"}${p.page}`, p.data]));
  const page = (key: string) => {
    const data = pages.get(key);
    if (data === undefined) throw new StoredTreeCorrupt(`Batch ${batchId}: stored tree page ${key} is missing`);
    return data;
  };

  const itemOf = (leafNode: number) => indexAt(page(`o${Math.floor(rankOf(leafNode) / INDEXES_PER_PAGE)}`), rankOf(leafNode) % INDEXES_PER_PAGE);
  const leaves = await reader.leaves(batchId, [...new Set(leafNodes.map(itemOf))]);
  const value = (node: number): Uint8Array => {
    if (node < top) {
      const data = page(`t${Math.floor(node / NODES_PER_PAGE)}`);
      const at = (node % NODES_PER_PAGE) * NODE;
      return data.subarray(at, at + NODE);
    }
    if (node >= firstLeaf) {
      const leaf = leaves.get(itemOf(node));
      if (leaf === undefined) throw new StoredTreeCorrupt(`Batch ${batchId}: the leaf of item ${itemOf(node)} is missing`);
      return leaf;
    }
    return hashPair(value(2 * node + 1), value(2 * node + 2));
  };
  return siblings.map((node) => bytesToHex(value(node)));
}
