// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the project's `test_<fn>_<outcome>` / `testFuzz_<fn>_<property>` convention (STYLE.md).
// solhint-disable func-name-mixedcase

import {LicenceRegistry} from "../../contracts/LicenceRegistry.sol";
import {ILicenceRegistry} from "../../contracts/interfaces/ILicenceRegistry.sol";
import {LicenceTerms} from "../../contracts/types/LicenceTypes.sol";
import {VM} from "./utils/Vm.sol";

/// @title LicenceRegistryTest
/// @notice Fuzz tests of what platforms and rights holders rely on: `isLicensed` never says yes outside the
/// licence's platforms, territories and period or under a revoked licence, and no sub-licence is ever wider
/// than its parent.
contract LicenceRegistryTest {
    /// @notice Thrown when `isLicensed` said yes outside the leaf licence's scope or under a revocation.
    error LicenceRegistryTestLicensedOutsideScope(bytes32 platformId, bytes2 territory, uint64 time, uint256 revokedLevel);

    /// @notice Thrown when a sub-licence wider than its parent was granted.
    error LicenceRegistryTestWiderSubLicenceGranted(bytes32 licenceId);

    /// @notice Thrown when a sub-licence within its parent was refused, or refused for another reason.
    error LicenceRegistryTestWrongRevert(bytes revertData);

    /// @dev The registry under test; this contract is its governance, registrar and the work's owner.
    LicenceRegistry private _registry;

    /// @dev The work every licence is about.
    bytes32 private constant _WORK = keccak256("fuzzed work");

    /// @dev The platforms a licence may cover, picked by a 3-bit mask.
    bytes32[3] private _platforms;

    /// @dev The territories a licence may cover, picked by a 6-bit mask: both ends of the code range and a few in between.
    bytes2[6] private _codes = [bytes2("AA"), "DE", "FR", "JP", "US", "ZZ"];

    function setUp() public {
        _registry = new LicenceRegistry(address(this), address(this));
        _registry.admitRightsHolder(address(this), "Studio");
        _platforms[0] = _registry.admitPlatform("VideoShare", address(0xA1));
        _platforms[1] = _registry.admitPlatform("PhotoHub", address(0xA2));
        _platforms[2] = _registry.admitPlatform("MusicBox", address(0xA3));
        _registry.registerWork(_WORK, 0, "");
    }

    /// @notice Whatever the chain (depth 1..5, each level a random narrowing of its parent), the platform, the
    /// territory (a listed code or any two bytes), the time and the revoked level, a yes is inside the leaf's
    /// scope and nothing on the path is revoked.
    function testFuzz_isLicensed_neverOutsideScope(
        uint256 seed,
        uint8 depthSeed,
        uint8 revokedSeed,
        uint8 platformPick,
        uint16 territoryPick,
        bytes2 rawTerritory,
        uint64 timeSeed
    ) public {
        uint256 depth = 1 + (depthSeed % 5);
        uint256 revokedLevel = revokedSeed % (depth + 1); // 0: nothing revoked
        Scope memory scope = Scope({platformMask: 7, codeMask: 63, worldwide: false, start: 1_000, end: 3_000});
        bytes32 parentId;
        for (uint256 level = 1; level <= depth; ++level) {
            scope = _narrow(scope, uint256(keccak256(abi.encode(seed, level))), level == 1);
            address grantor = level == 1 ? address(this) : _holder(level - 1);
            VM.prank(grantor);
            parentId = _registry.grantLicence(_terms(scope, parentId, _holder(level)));
        }
        if (revokedLevel != 0) _registry.revokeLicence(_registry.licenceIdOf(_WORK, uint32(revokedLevel)));

        bytes32 platformId = _platforms[platformPick % 3];
        bytes2 territory = territoryPick % 4 == 0 ? rawTerritory : _codes[territoryPick % 6];
        uint64 time = _timeNear(scope, timeSeed);
        (bool licensed, , ) = _registry.isLicensed(_WORK, _holder(depth), platformId, territory, time);
        if (!licensed) return;
        bool inside = (scope.platformMask >> (platformPick % 3)) & 1 == 1 &&
            _covers(scope, territory) &&
            time >= scope.start &&
            time < scope.end &&
            revokedLevel == 0;
        if (!inside) revert LicenceRegistryTestLicensedOutsideScope(platformId, territory, time, revokedLevel);
    }

    /// @notice A sub-licence with random platforms, territories (or worldwide) and period under a random parent
    /// is granted exactly when it lies within the parent, and otherwise reverts with the matching named error.
    function testFuzz_grantLicence_neverExceedsParent(
        uint8 parentPlatforms,
        uint8 parentCodes,
        bool parentWorldwide,
        uint16 parentStart,
        uint16 parentLength,
        uint8 childPlatforms,
        uint8 childCodes,
        bool childWorldwide,
        uint16 childStart,
        uint16 childLength
    ) public {
        Scope memory parent = Scope({
            platformMask: _nonZero(parentPlatforms % 8),
            codeMask: _nonZero(parentCodes % 64),
            worldwide: parentWorldwide,
            start: 1_000 + (parentStart % 500),
            end: 0
        });
        parent.end = parent.start + 1 + (parentLength % 500);
        Scope memory child = Scope({
            platformMask: _nonZero(childPlatforms % 8),
            codeMask: _nonZero(childCodes % 64),
            worldwide: childWorldwide,
            start: 950 + (childStart % 700),
            end: 0
        });
        child.end = child.start + 1 + (childLength % 700);
        bytes32 parentId = _registry.grantLicence(_terms(parent, bytes32(0), _holder(1)));

        bool platformsWithin = child.platformMask & ~parent.platformMask == 0;
        bool periodWithin = child.start >= parent.start && child.end <= parent.end;
        bool territoriesWithin = parent.worldwide || (!child.worldwide && child.codeMask & ~parent.codeMask == 0);

        VM.prank(_holder(1));
        try _registry.grantLicence(_terms(child, parentId, _holder(2))) returns (bytes32 licenceId) {
            if (!(platformsWithin && periodWithin && territoriesWithin)) {
                revert LicenceRegistryTestWiderSubLicenceGranted(licenceId);
            }
        } catch (bytes memory revertData) {
            bytes4 selector = bytes4(revertData);
            bool named = (selector == ILicenceRegistry.LicenceRegistryPeriodOutsideParent.selector && !periodWithin) ||
                (selector == ILicenceRegistry.LicenceRegistryTerritoryOutsideParent.selector && !territoriesWithin) ||
                (selector == ILicenceRegistry.LicenceRegistryPlatformOutsideParent.selector && !platformsWithin);
            if (!named) revert LicenceRegistryTestWrongRevert(revertData);
        }
    }

    /// @notice A root licence and a worldwide sub-licence under a worldwide root: every listed code is covered.
    function test_isLicensed_worldwideCoversEveryCode() public {
        Scope memory scope = Scope({platformMask: 1, codeMask: 1, worldwide: true, start: 1_000, end: 2_000});
        bytes32 rootId = _registry.grantLicence(_terms(scope, bytes32(0), _holder(1)));
        VM.prank(_holder(1));
        _registry.grantLicence(_terms(scope, rootId, _holder(2)));
        for (uint256 i = 0; i < 6; ++i) {
            (bool licensed, , ) = _registry.isLicensed(_WORK, _holder(2), _platforms[0], _codes[i], 1_500);
            if (!licensed) revert LicenceRegistryTestWrongRevert(abi.encode(_codes[i]));
        }
    }

    /// @dev A licence's scope: platforms and territories as masks over `_platforms` and `_codes`.
    struct Scope {
        uint256 platformMask;
        uint256 codeMask;
        bool worldwide;
        uint40 start;
        uint40 end;
    }

    /// @dev A random scope within `parent` (never empty); only the root may be worldwide.
    function _narrow(Scope memory parent, uint256 random, bool root) private pure returns (Scope memory child) {
        child.platformMask = _within(parent.platformMask, random % 8);
        child.worldwide = root ? (random >> 8) % 3 == 0 : parent.worldwide && (random >> 8) % 2 == 0;
        child.codeMask = parent.worldwide && !child.worldwide ? _nonZero((random >> 16) % 64) : _within(parent.codeMask, (random >> 16) % 64);
        uint40 length = parent.end - parent.start;
        child.start = parent.start + uint40((random >> 32) % length);
        child.end = child.start + 1 + uint40((random >> 72) % (parent.end - child.start));
    }

    /// @dev Half the time a boundary of the leaf's period (a second before or at its start, its last second, its
    /// end, a second after), else any time around the root's period.
    function _timeNear(Scope memory scope, uint64 seed) private pure returns (uint64) {
        uint64 pick = seed % 10;
        if (pick == 0) return scope.start - 1;
        if (pick == 1) return scope.start;
        if (pick == 2) return scope.end - 1;
        if (pick == 3) return scope.end;
        if (pick == 4) return scope.end + 1;
        return 900 + ((seed >> 8) % 2_300);
    }

    /// @dev The bits of `wanted` inside `mask`, or the lowest bit of `mask` when none are.
    function _within(uint256 mask, uint256 wanted) private pure returns (uint256) {
        uint256 bits = mask & wanted;
        return bits != 0 ? bits : mask & (~mask + 1);
    }

    function _nonZero(uint256 mask) private pure returns (uint256) {
        return mask == 0 ? 1 : mask;
    }

    function _covers(Scope memory scope, bytes2 territory) private view returns (bool) {
        bool code = territory[0] >= "A" && territory[0] <= "Z" && territory[1] >= "A" && territory[1] <= "Z";
        if (scope.worldwide) return code;
        for (uint256 i = 0; i < 6; ++i) {
            if (_codes[i] == territory && (scope.codeMask >> i) & 1 == 1) return true;
        }
        return false;
    }

    function _terms(Scope memory scope, bytes32 parentId, address licensee) private view returns (LicenceTerms memory terms) {
        terms.workId = _WORK;
        terms.parentId = parentId;
        terms.licensee = licensee;
        terms.start = scope.start;
        terms.end = scope.end;
        terms.sublicensable = true;
        terms.worldwide = scope.worldwide;
        terms.platformIds = new bytes32[](_popCount(scope.platformMask));
        uint256 n = 0;
        for (uint256 i = 0; i < 3; ++i) {
            if ((scope.platformMask >> i) & 1 == 1) terms.platformIds[n++] = _platforms[i];
        }
        if (scope.worldwide) return terms;
        terms.territories = new bytes2[](_popCount(scope.codeMask));
        n = 0;
        for (uint256 i = 0; i < 6; ++i) {
            if ((scope.codeMask >> i) & 1 == 1) terms.territories[n++] = _codes[i];
        }
    }

    function _popCount(uint256 mask) private pure returns (uint256 count) {
        for (; mask != 0; mask >>= 1) count += mask & 1;
    }

    function _holder(uint256 level) private pure returns (address) {
        return address(uint160(0x1000 + level));
    }
}
