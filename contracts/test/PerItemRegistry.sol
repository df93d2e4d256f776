// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title PerItemRegistry
/// @notice Test-only benchmark baseline: the naive design that stores one mapping entry per item,
/// so that its gas can be compared with the one-root batches of {ProductRegistry}.
contract PerItemRegistry {
    /// @dev Which batch each registered item id belongs to.
    mapping(bytes32 itemId => bytes32 batchId) private _itemBatch;

    /// @notice Emitted when a batch's items were registered one by one.
    event ItemsRegistered(bytes32 indexed batchId, uint256 count);

    /// @notice Registers every item of a batch with its own storage slot.
    function registerItems(bytes32 batchId, bytes32[] calldata itemIds) external {
        uint256 count = itemIds.length;
        for (uint256 i; i < count; ++i) {
            _itemBatch[itemIds[i]] = batchId;
        }
        emit ItemsRegistered(batchId, count);
    }

    /// @notice The batch an item was registered in (zero: none).
    function batchOf(bytes32 itemId) external view returns (bytes32) {
        return _itemBatch[itemId];
    }
}
