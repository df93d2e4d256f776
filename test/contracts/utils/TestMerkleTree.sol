// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @title TestMerkleTree
/// @notice Trees laid out as OpenZeppelin's `StandardMerkleTree` lays them out, for the Solidity tests of the
/// registries (checked against a root computed by the OpenZeppelin merkle-tree package).
library TestMerkleTree {
    /// @dev StandardMerkleTree's layout: leaves sorted ascending, the k-th at `nodes[length - 1 - k]`, the
    /// children of node i at 2i+1 and 2i+2, inner nodes the sorted-pair keccak of their children.
    /// `leafNode[i]` is where `leaves[i]` landed.
    function build(
        bytes32[] memory leaves
    ) internal pure returns (bytes32[] memory nodes, uint256[] memory leafNode) {
        uint256 count = leaves.length;
        uint256[] memory order = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            order[i] = i;
        }
        for (uint256 i = 1; i < count; ++i) {
            uint256 current = order[i];
            uint256 j = i;
            while (j > 0 && leaves[order[j - 1]] > leaves[current]) {
                order[j] = order[j - 1];
                --j;
            }
            order[j] = current;
        }
        nodes = new bytes32[](2 * count - 1);
        leafNode = new uint256[](count);
        for (uint256 k = 0; k < count; ++k) {
            uint256 node = nodes.length - 1 - k;
            nodes[node] = leaves[order[k]];
            leafNode[order[k]] = node;
        }
        for (uint256 parent = count - 1; parent > 0; --parent) {
            uint256 i = parent - 1;
            nodes[i] = Hashes.commutativeKeccak256(nodes[2 * i + 1], nodes[2 * i + 2]);
        }
    }

    /// @dev The siblings from `node` up to the root.
    function proofOf(bytes32[] memory nodes, uint256 node) internal pure returns (bytes32[] memory siblings) {
        uint256 depth = 0;
        for (uint256 i = node; i > 0; i = (i - 1) / 2) {
            ++depth;
        }
        siblings = new bytes32[](depth);
        for (uint256 k = 0; k < depth; ++k) {
            siblings[k] = nodes[node % 2 == 1 ? node + 1 : node - 1];
            node = (node - 1) / 2;
        }
    }
}
