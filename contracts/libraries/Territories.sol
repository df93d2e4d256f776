// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Territories
/// @notice A set of ISO 3166-1 alpha-2 codes as a 676-bit map in three words: code `XY` is bit
/// `(X - 'A') * 26 + (Y - 'A')`. Membership is one bit test and "within the parent" is `child & ~parent == 0`,
/// whatever the number of codes; worldwide is every bit. `core/licence-ids.ts` writes the same mapping.
library Territories {
    /// @notice How many two-capital codes there are (26 * 26).
    uint256 internal constant COUNT = 676;

    /// @dev The last word holds bits 512..675.
    uint256 private constant _LAST_WORD_MASK = (uint256(1) << (COUNT - 512)) - 1;

    /// @notice Whether the code is two ASCII capitals.
    function isCode(bytes2 code) internal pure returns (bool) {
        bytes1 first = code[0];
        bytes1 second = code[1];
        return first >= "A" && first <= "Z" && second >= "A" && second <= "Z";
    }

    /// @notice The bit of a code; the code must satisfy {isCode}.
    function bitOf(bytes2 code) internal pure returns (uint256) {
        return (uint256(uint8(code[0])) - 65) * 26 + (uint256(uint8(code[1])) - 65);
    }

    /// @notice The code of a bit below {COUNT}.
    function codeOf(uint256 bit) internal pure returns (bytes2) {
        return bytes2(bytes.concat(bytes1(uint8(65 + bit / 26)), bytes1(uint8(65 + (bit % 26)))));
    }

    /// @notice Whether the set holds the code; false for anything that is not two capitals.
    function contains(uint256[3] storage set, bytes2 code) internal view returns (bool) {
        if (!isCode(code)) return false;
        uint256 bit = bitOf(code);
        return (set[bit >> 8] >> (bit & 0xff)) & 1 == 1;
    }

    /// @notice Every code.
    function all() internal pure returns (uint256[3] memory set) {
        set[0] = type(uint256).max;
        set[1] = type(uint256).max;
        set[2] = _LAST_WORD_MASK;
    }

    /// @notice Adds a code (two capitals) to a set in memory.
    function add(uint256[3] memory set, bytes2 code) internal pure {
        uint256 bit = bitOf(code);
        set[bit >> 8] |= uint256(1) << (bit & 0xff);
    }

    /// @notice Whether `set` has a code that `outer` lacks, and the first such in code order.
    function firstOutside(
        uint256[3] memory set,
        uint256[3] storage outer
    ) internal view returns (bool found, bytes2 code) {
        for (uint256 word = 0; word < 3; ++word) {
            uint256 outside = set[word] & ~outer[word];
            if (outside == 0) continue;
            uint256 bit = 0;
            while ((outside >> bit) & 1 == 0) ++bit;
            return (true, codeOf((word << 8) + bit));
        }
        return (false, bytes2(0));
    }

    /// @notice The codes of a set, in code order.
    function toCodes(uint256[3] memory words) internal pure returns (bytes2[] memory codes) {
        uint256 count = 0;
        for (uint256 bit = 0; bit < COUNT; ++bit) {
            if ((words[bit >> 8] >> (bit & 0xff)) & 1 == 1) ++count;
        }
        codes = new bytes2[](count);
        count = 0;
        for (uint256 bit = 0; bit < COUNT; ++bit) {
            if ((words[bit >> 8] >> (bit & 0xff)) & 1 == 1) {
                codes[count] = codeOf(bit);
                ++count;
            }
        }
    }
}
