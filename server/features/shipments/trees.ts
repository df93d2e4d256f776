/**
 * Merkle trees of shipments, rebuilt from the stored item ids when a proof is asked for and kept for the
 * next asks (a few at a time: a customs office checks one shipment at once).
 */
import { bytesToHex, type Hex } from "viem";
import type { ItemMerkleTree } from "../../../core/merkle.ts";
import { shipmentLeafOf } from "../../../core/shipment-ids.ts";
import { buildItemMerkleTree } from "../brands/issuance/index.ts";
import type { Store } from "../../store/store.ts";
import { Lru } from "../verification/lru.ts";

/** The tree whose root `declareShipment` anchors, over item ids laid end to end (32 bytes each). */
export function buildShipmentTree(itemIds: Uint8Array): Promise<ItemMerkleTree> {
  const leaves: Hex[] = [];
  for (let at = 0; at < itemIds.length; at += 32) leaves.push(shipmentLeafOf(bytesToHex(itemIds.subarray(at, at + 32))));
  return buildItemMerkleTree(leaves);
}

export class ShipmentTrees {
  readonly #store: Store;
  readonly #trees = new Lru<Hex, Promise<ItemMerkleTree>>(8);

  constructor(store: Store) {
    this.#store = store;
  }

  get(shipmentId: Hex): Promise<ItemMerkleTree> {
    return this.#trees.getOrSet(shipmentId, async () => buildShipmentTree(await this.#store.shipmentItemIds(shipmentId)));
  }
}
