// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title LicenceIds
/// @notice The platform, licence and notice ids. `core/licence-ids.ts` writes the same ones in TypeScript, and
/// the tests hold the two together. A work's id is the SHA-256 of its file, derived off chain.
library LicenceIds {
    /// @notice A platform is identified by its name, like a brand.
    function platformId(string memory name) internal pure returns (bytes32) {
        return keccak256(bytes(name));
    }

    /// @notice A licence is identified by its work and its 1-based number among the work's licences.
    function licenceId(bytes32 workId, uint32 index) internal pure returns (bytes32) {
        return keccak256(abi.encode(workId, index));
    }

    /// @notice A notice is identified by its sender, platform, infringing location and evidence.
    function noticeId(
        address sender,
        bytes32 platform,
        bytes32 locationHash,
        bytes32 evidenceHash
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(sender, platform, locationHash, evidenceHash));
    }
}
