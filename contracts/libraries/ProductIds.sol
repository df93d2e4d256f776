// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ProductIds
/// @notice The id and leaf derivations. `core/ids.ts` writes the same ones in TypeScript, and the tests
/// hold the two together.
library ProductIds {
    /// @notice A brand is identified by its display name: the keccak-256 of its UTF-8 bytes, so two brands
    /// never share a name.
    function brandId(string memory name) internal pure returns (bytes32) {
        return keccak256(bytes(name));
    }

    /// @notice A batch is identified by its brand, product and lot.
    function batchId(bytes32 brand, uint64 gtin, string memory lot) internal pure returns (bytes32) {
        return keccak256(abi.encode(brand, gtin, lot));
    }

    /// @notice An item is identified by its batch and serial.
    function itemId(bytes32 batch, string memory serial) internal pure returns (bytes32) {
        return keccak256(abi.encode(batch, serial));
    }

    /// @notice The leaf of OpenZeppelin's StandardMerkleTree for the values `(bytes32 itemId, uint32 expiry)`:
    /// hashed twice so that a leaf can never be confused with an inner node.
    function leaf(bytes32 item, uint32 expiry) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(item, expiry))));
    }
}
