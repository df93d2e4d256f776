// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ShipmentIds
/// @notice The shipment id and item leaf. `core/shipment-ids.ts` writes the same ones in TypeScript.
library ShipmentIds {
    /// @notice A shipment is identified by its shipper and the shipper's own waybill number.
    function shipmentId(address shipper, string memory waybill) internal pure returns (bytes32) {
        return keccak256(abi.encode(shipper, waybill));
    }

    /// @notice The leaf of OpenZeppelin's StandardMerkleTree for the value `(bytes32 itemId)`.
    function leaf(bytes32 itemId) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(itemId))));
    }
}
