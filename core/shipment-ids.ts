/**
 * Shipment ids and the leaves of a shipment's item tree, byte for byte as
 * `contracts/libraries/ShipmentIds.sol` derives them (`test/contracts/ShipmentRegistry.test.ts` holds them together).
 */
import { keccak256 as keccak_256 } from "./keccak.ts";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";
import { encodeWordsThenString, uintWord } from "./abi-words.ts";
import { ItemMerkleTree } from "./merkle.ts";

/** `keccak256(abi.encode(address shipper, string waybill))`. */
export function shipmentIdOf(shipper: Address, waybill: string): Hex {
  return bytesToHex(keccak_256(encodeWordsThenString([uintWord(BigInt(shipper))], waybill)));
}

/** The StandardMerkleTree leaf of `(bytes32 itemId)`: keccak-256 twice, leaf encoding `["bytes32"]`. */
export function shipmentLeafOf(itemId: Hex): Hex {
  return bytesToHex(keccak_256(keccak_256(hexToBytes(itemId))));
}

/** The tree over a shipment's item ids; its root is what `declareShipment` anchors. */
export function shipmentTree(itemIds: readonly Hex[]): ItemMerkleTree {
  return ItemMerkleTree.fromLeaves(itemIds.map(shipmentLeafOf));
}
