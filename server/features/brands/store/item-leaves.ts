/**
 * Items' Merkle leaves from their batch and serials, for the PostgreSQL store, which keeps no leaves
 * (migration 0006: 33 of about 190 bytes a row). The derivation is core/ids.ts's, the one every proof is
 * checked against on chain; it costs three keccak-256 per item, so a proof's few leaves are computed on
 * the spot and a whole batch's on the tree thread (`leavesOfSerials`, ../trees/tree-builder.ts).
 */
import { hexToBytes, type Hex } from "viem";
import { itemIdBytes, leafBytes } from "../../../../core/ids.ts";

/** What of a batch its items' leaves depend on besides their serials. */
export type LeafBatch = { id: Hex; expiry: number | undefined };

/** The leaves of `serials` (32 bytes each, in their order). */
export function itemLeaves(batch: LeafBatch, serials: readonly string[]): Uint8Array<ArrayBuffer> {
  const id = hexToBytes(batch.id);
  const expiry = batch.expiry ?? 0;
  const out = new Uint8Array(serials.length * 32);
  serials.forEach((serial, i) => out.set(leafBytes(itemIdBytes(id, serial), expiry), i * 32));
  return out;
}

export function itemLeaf(batch: LeafBatch, serial: string): Uint8Array {
  return itemLeaves(batch, [serial]);
}
