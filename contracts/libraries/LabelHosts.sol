// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title LabelHosts
/// @notice The shape of a host a brand's labels may point to, as a URL names it: a lower-case name (or IPv4
/// address) with an optional `:port`. Only the characters are checked on chain; whether the name resolves is
/// the registrar's business. Upper case is refused rather than folded, so that one host has one spelling and
/// one hash.
library LabelHosts {
    /// @notice The most bytes a host has (a DNS name's limit).
    uint256 internal constant MAX_LENGTH = 255;

    /// @notice Whether `host` is 1 to 255 bytes, each a lower-case ASCII letter, a digit, `-`, `.` or `:`.
    function isValid(string memory host) internal pure returns (bool) {
        bytes memory chars = bytes(host);
        uint256 length = chars.length;
        if (length == 0 || length > MAX_LENGTH) return false;
        for (uint256 i = 0; i < length; ++i) {
            bytes1 char = chars[i];
            bool allowed = (char >= "a" && char <= "z") ||
                (char >= "0" && char <= "9") ||
                char == "-" ||
                char == "." ||
                char == ":";
            if (!allowed) return false;
        }
        return true;
    }
}
