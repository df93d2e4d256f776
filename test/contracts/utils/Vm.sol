// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IVm
/// @notice The few cheatcodes the Solidity tests use, as Hardhat's EDR runner serves them (forge-std is not
/// installable here). Signatures are those of forge-std's `Vm.sol`.
interface IVm {
    /// @notice Sets `msg.sender` for the next call only.
    /// @param msgSender The caller the next call sees.
    function prank(address msgSender) external;

    /// @notice Sets `block.timestamp`.
    /// @param newTimestamp The timestamp from now on.
    function warp(uint256 newTimestamp) external;

    /// @notice Signs `digest` with `privateKey` (secp256k1, no prefix added).
    /// @param privateKey The signing key.
    /// @param digest The 32 bytes to sign.
    /// @return v The recovery byte (27 or 28).
    /// @return r The signature's r.
    /// @return s The signature's s.
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    /// @notice The address of `privateKey`.
    /// @param privateKey The key.
    /// @return keyAddr Its address.
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Expects the next call to revert with exactly `revertData`.
    /// @param revertData The expected revert data (selector and arguments).
    function expectRevert(bytes calldata revertData) external;
}

/// @dev The standard cheatcode address: `address(uint160(uint256(keccak256("hevm cheat code"))))`.
IVm constant VM = IVm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
