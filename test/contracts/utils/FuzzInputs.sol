// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title FuzzInputs
/// @notice Turning the fuzzer's raw values into the inputs a test needs, shared by the registry tests.
library FuzzInputs {
    /// @notice `value` in decimal, zero-padded to `width` digits (value < 10 ** width).
    function digits(uint256 value, uint256 width) internal pure returns (string memory) {
        bytes memory out = new bytes(width);
        for (uint256 i = width; i > 0; --i) {
            out[i - 1] = bytes1(uint8(48 + (value % 10)));
            value /= 10;
        }
        return string(out);
    }

    /// @notice `value` if within [min, max], else folded into it; min <= max and max - min < type(uint256).max.
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        if (value >= min && value <= max) return value;
        return min + (value % (max - min + 1));
    }
}
