// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Gs1
/// @notice The cheap structural checks of GS1 data worth doing on chain; the full syntax (character set,
/// calendar dates) is checked off chain in `core/gs1`.
library Gs1 {
    uint64 private constant _GTIN14_LIMIT = 1e14;

    /// @notice Whether `gtin` has at most 14 digits, is not zero and ends in a valid GS1 mod-10 check digit.
    function isValidGtin(uint64 gtin) internal pure returns (bool) {
        if (gtin == 0 || gtin >= _GTIN14_LIMIT) return false;
        uint256 body = gtin / 10;
        uint256 sum;
        // Weights run 3, 1, 3, 1 ... from the digit next to the check digit; 13 body digits at most.
        for (uint256 i; i < 13; ++i) {
            sum += (body % 10) * (i % 2 == 0 ? 3 : 1);
            body /= 10;
        }
        return (10 - (sum % 10)) % 10 == gtin % 10;
    }

    /// @notice Whether `expiry` is 0 (none) or shaped as YYMMDD with month 01-12 and day 00-31
    /// (GS1: day 00 means the end of the month).
    function isValidExpiry(uint32 expiry) internal pure returns (bool) {
        if (expiry == 0) return true;
        if (expiry > 991_231) return false;
        uint32 month = (expiry / 100) % 100;
        uint32 day = expiry % 100;
        return month >= 1 && month <= 12 && day <= 31;
    }

    /// @notice Whether a lot or serial has 1 to 20 bytes.
    function isValidLength(string memory value) internal pure returns (bool) {
        uint256 length = bytes(value).length;
        return length != 0 && length <= 20;
    }
}
