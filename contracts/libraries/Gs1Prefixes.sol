// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Gs1Prefixes
/// @notice The arithmetic of GS1 company prefixes against GTIN-14s; `core/gs1/prefix.ts` states the same rule
/// on strings. A GS1 member organisation licenses a company a prefix of 4 to 12 digits, and every GTIN-14 the
/// company allocates carries it right after the indicator digit: GTIN `d1 d2 ... d13 d14` (d1 the indicator,
/// d14 the check digit) is in prefix `P` of length `L` when `d2 ... d(L+1)` spell `P`.
/// @dev A prefix is held as its length `L` and its value `p` (the digits as a number; leading zeros count
/// through `L`). A GTIN's `body` is `d2 ... d13` as a 12-digit number, so the GTIN is in the prefix exactly when
/// `body / 10 ** (12 - L) == p`. A prefix's `head` is its first four digits, `body / 1e8` for a GTIN: every
/// prefix a GTIN can be in shares the GTIN's head, which is what lets a registry keep one summary word per head.
library Gs1Prefixes {
    /// @notice The fewest digits a company prefix has.
    uint256 internal constant MIN_LENGTH = 4;

    /// @notice The most digits a company prefix has (a GTIN-14 has 12 digits between indicator and check digit).
    uint256 internal constant MAX_LENGTH = 12;

    /// @notice Bits per counter in a head's summary word: nine counters, for lengths 4 to 12, in 252 bits.
    /// @dev A head has at most `10 ** (L - 4)` prefixes of length `L`, at most 1e8 < 2 ** 28 for `L` = 12.
    uint256 internal constant COUNTER_BITS = 28;

    /// @dev One counter's mask.
    uint256 private constant _COUNTER_MASK = (1 << COUNTER_BITS) - 1;

    /// @dev `10 ** 12`: one more than the largest body.
    uint256 private constant _BODY_LIMIT = 1e12;

    /// @dev `10 ** (12 - 4)`: the divisor from a body to its head.
    uint256 private constant _HEAD_DIVISOR = 1e8;

    /// @notice The holder of the prefix that a GTIN body is in, found from the head's counters (see
    /// {unitOf}): only the lengths counted there are probed in `owners`, shortest first. Prefixes never nest,
    /// so the first holder found is the only one.
    /// @param owners The holders of the assigned prefixes, by {key}.
    /// @param counts The summary word of the body's head ({headOfBody}).
    /// @param body A GTIN body ({bodyOf}).
    /// @return ownerId The holder (zero: none).
    /// @return length The length of the prefix it holds (0: none).
    function holderOf(
        mapping(uint256 prefixKey => bytes32 brandId) storage owners,
        uint256 counts,
        uint256 body
    ) internal view returns (bytes32 ownerId, uint256 length) {
        // The body's prefix of length 4 is body / 10 ** 8; each longer one has one divisor digit fewer.
        uint256 divisor = _HEAD_DIVISOR;
        // Nine counters fill 252 bits, so `counts` is zero after nine shifts: `length` stops at 12 and
        // `divisor` is at least 1 wherever it divides. Unchecked only spares the increment's overflow check.
        unchecked {
            for (length = MIN_LENGTH; counts != 0; ++length) {
                if (counts & _COUNTER_MASK != 0) {
                    ownerId = owners[key(length, body / divisor)];
                    if (ownerId != bytes32(0)) return (ownerId, length);
                }
                counts >>= COUNTER_BITS;
                divisor /= 10;
            }
        }
        return (bytes32(0), 0);
    }

    /// @notice Reads a prefix: 4 to 12 ASCII digits.
    /// @param prefix The candidate prefix.
    /// @return valid Whether `prefix` is 4 to 12 ASCII digits.
    /// @return length Its number of digits (0 when not valid).
    /// @return value Its digits as a number (0 when not valid).
    function parse(string memory prefix) internal pure returns (bool valid, uint256 length, uint256 value) {
        bytes memory digits = bytes(prefix);
        uint256 count = digits.length;
        if (count < MIN_LENGTH || count > MAX_LENGTH) return (false, 0, 0);
        for (uint256 i = 0; i < count; ++i) {
            uint8 char = uint8(digits[i]);
            if (char < 0x30 || char > 0x39) return (false, 0, 0);
            value = value * 10 + (char - 0x30);
        }
        return (true, count, value);
    }

    /// @notice The digits of a prefix, zero-padded to its length.
    /// @param length 4 to 12.
    /// @param value Below `10 ** length`.
    function format(uint256 length, uint256 value) internal pure returns (string memory) {
        bytes memory digits = new bytes(length);
        for (uint256 i = length; i > 0; --i) {
            digits[i - 1] = bytes1(uint8(0x30 + (value % 10)));
            value /= 10;
        }
        return string(digits);
    }

    /// @notice The storage key of a prefix: its length above its value, so `"0012"` and `"012345"` never share
    /// a key (a value is below 1e12 < 2 ** 64).
    function key(uint256 length, uint256 value) internal pure returns (uint256) {
        return (length << 64) | value;
    }

    /// @notice The 12 digits between a GTIN-14's indicator and check digits, as a number.
    /// @param gtin A GTIN-14 as a number (up to 14 digits, leading zeros implied).
    function bodyOf(uint64 gtin) internal pure returns (uint256) {
        return (uint256(gtin) / 10) % _BODY_LIMIT;
    }

    /// @notice The first four digits of a GTIN body.
    function headOfBody(uint256 body) internal pure returns (uint256) {
        return body / _HEAD_DIVISOR;
    }

    /// @notice The first four digits of a prefix.
    /// @param length 4 to 12.
    /// @param value The prefix's value.
    function headOf(uint256 length, uint256 value) internal pure returns (uint256) {
        return value / 10 ** (length - MIN_LENGTH);
    }

    /// @notice The prefix of length `ancestorLength` that starts the prefix (`length`, `value`).
    /// @param ancestorLength At most `length`.
    function ancestorOf(uint256 length, uint256 value, uint256 ancestorLength) internal pure returns (uint256) {
        return value / 10 ** (length - ancestorLength);
    }

    /// @notice The value of the prefix of `length` digits that a GTIN body would be in.
    /// @param length 4 to 12.
    function prefixOfBody(uint256 body, uint256 length) internal pure returns (uint256) {
        return body / 10 ** (MAX_LENGTH - length);
    }

    /// @notice What to add to (or subtract from) a head's summary word to count one prefix of `length` digits
    /// more (or fewer). The word holds nine {COUNTER_BITS}-bit counters, for lengths 4 (lowest bits) to 12.
    /// @param length 4 to 12.
    function unitOf(uint256 length) internal pure returns (uint256) {
        return uint256(1) << _shift(length);
    }

    function _shift(uint256 length) private pure returns (uint256) {
        return (length - MIN_LENGTH) * COUNTER_BITS;
    }
}
