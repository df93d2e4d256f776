// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the project's `test_<fn>_<outcome>` / `testFuzz_<fn>_<property>` convention (STYLE.md).
// solhint-disable func-name-mixedcase

import {Gs1} from "../../../contracts/libraries/Gs1.sol";

/// @title Gs1Test
/// @notice Holds `Gs1.isValidGtin` to a reference check-digit computation written the other way round:
/// the GTIN-14 table read from the left (weights 3, 1, 3, ... on positions 1 to 13) instead of the
/// library's walk from the right.
contract Gs1Test {
    /// @notice Thrown when `isValidGtin` and the reference disagree on `gtin`.
    error Gs1TestVerdictMismatch(uint64 gtin, bool accepted, bool expected);

    /// @dev One more than the largest 13-digit body.
    uint64 private constant _BODY_LIMIT = 1e13;

    /// @dev One more than the largest 14-digit number.
    uint64 private constant _GTIN14_LIMIT = 1e14;

    /// @notice Of the ten numbers `body * 10 + d`, exactly the one ending in the check digit is accepted
    /// (except 0, which is no GTIN).
    function testFuzz_isValidGtin_acceptsOnlyTheCheckDigit(uint64 body) public pure {
        body = uint64(_bound(body, 0, _BODY_LIMIT - 1));
        uint256 check = _referenceCheckDigit(body);
        for (uint64 digit = 0; digit < 10; ++digit) {
            uint64 gtin = body * 10 + digit;
            _expectVerdict(gtin, gtin != 0 && digit == check);
        }
    }

    /// @notice Over the whole uint64 range: accepted exactly when 1 to 14 digits with the right check digit.
    function testFuzz_isValidGtin_matchesReference(uint64 gtin) public pure {
        bool expected = gtin != 0 && gtin < _GTIN14_LIMIT && gtin % 10 == _referenceCheckDigit(gtin / 10);
        _expectVerdict(gtin, expected);
    }

    /// @notice Published codes: GTIN-13, GTIN-12 and GTIN-8 padded to 14 digits, and GTIN-14s.
    function test_isValidGtin_acceptsPublishedCodes() public pure {
        _expectVerdict(4_006_381_333_931, true); // EAN-13 4006381333931
        _expectVerdict(36_000_291_452, true); // UPC-A 036000291452
        _expectVerdict(96_385_074, true); // EAN-8 96385074
        _expectVerdict(9_506_000_134_352, true); // GTIN-14 09506000134352 (GS1 examples)
        _expectVerdict(10_614_141_000_415, true); // GTIN-14 10614141000415
        _expectVerdict(99_999_999_999_997, true); // the largest GTIN-14
    }

    /// @notice A wrong check digit, zero and 15-digit numbers (whose last 14 digits would pass) are refused.
    function test_isValidGtin_rejectsMalformedCodes() public pure {
        _expectVerdict(4_006_381_333_932, false);
        _expectVerdict(0, false);
        _expectVerdict(100_000_000_000_000, false);
        _expectVerdict(104_006_381_333_931, false);
    }

    function _expectVerdict(uint64 gtin, bool expected) private pure {
        bool accepted = Gs1.isValidGtin(gtin);
        if (accepted != expected) revert Gs1TestVerdictMismatch(gtin, accepted, expected);
    }

    /// @dev The body zero-padded to 13 digits, read from the most significant digit: odd positions (1st,
    /// 3rd, ... 13th) weigh 3, even ones 1; the check digit is what brings the sum to a multiple of ten,
    /// that is `-sum mod 10`, written as `9 * sum mod 10`. Bodies of 14 digits or more (from numbers that are
    /// not GTINs) only matter through `gtin < 1e14` in the callers, so their extra digits are ignored.
    function _referenceCheckDigit(uint256 body) private pure returns (uint256) {
        uint256 place = 1e12;
        uint256 sum = 0;
        for (uint256 position = 1; position < 14; ++position) {
            uint256 digit = (body / place) % 10;
            sum += position % 2 == 1 ? 3 * digit : digit;
            place /= 10;
        }
        return (9 * sum) % 10;
    }

    /// @dev `value` if within [min, max], else folded into it; min <= max and max - min < type(uint256).max.
    function _bound(uint256 value, uint256 min, uint256 max) private pure returns (uint256) {
        if (value >= min && value <= max) return value;
        return min + (value % (max - min + 1));
    }
}
