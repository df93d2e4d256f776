// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the project's `test_<fn>_<outcome>` / `testFuzz_<fn>_<property>` convention (STYLE.md).
// solhint-disable func-name-mixedcase

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ProductRegistry} from "../../contracts/ProductRegistry.sol";
import {IProductRegistry} from "../../contracts/interfaces/IProductRegistry.sol";
import {FuzzInputs} from "./utils/FuzzInputs.sol";
import {VM} from "./utils/Vm.sol";

/// @title ProductRegistryIdentityTest
/// @notice Fuzz tests of what the brand identity rules promise: a GTIN belongs exactly to the holder of the
/// prefix its digits start with, assigned prefixes never nest whatever the order of assignments, withdrawals
/// and transfers, a signer anchors only its own brand's GTINs, label hosts have one spelling, and nobody but
/// the registrar changes any of it. Every expectation is computed here from the digits, independently of
/// `Gs1Prefixes`.
contract ProductRegistryIdentityTest {
    /// @notice Thrown when `gtinOwner` does not report the expected holder and prefix.
    error ProductRegistryIdentityTestWrongGtinOwner(uint64 gtin, bytes32 expected, bytes32 owner, string prefix);

    /// @notice Thrown when `prefixOwner` does not report the expected holder.
    error ProductRegistryIdentityTestWrongPrefixOwner(string prefix, bytes32 expected, bytes32 owner);

    /// @notice Thrown when a registrar operation succeeded or reverted otherwise than the model says (`expected`
    /// empty: success).
    error ProductRegistryIdentityTestWrongOutcome(string operation, string prefix, bytes expected, bytes actual);

    /// @notice Thrown when a label host was accepted or refused against its shape, or not recorded as accepted.
    error ProductRegistryIdentityTestWrongLabelDomain(bytes host, bool valid, bytes revertData);

    /// @notice Thrown when a call that only the registrar may make succeeded for `caller`.
    error ProductRegistryIdentityTestCallerAccepted(address caller, uint256 call);

    /// @notice A prefix as the model holds it.
    struct Held {
        string prefix;
        bytes32 owner;
        bool live;
    }

    /// @dev The brands; this contract is the registrar and Acme's admin.
    bytes32 private constant _ACME = keccak256("Acme");
    bytes32 private constant _GLOBEX = keccak256("Globex");

    /// @dev Globex's admin, and the key that signs for Acme.
    address private constant _GLOBEX_ADMIN = address(0x610BE);
    uint256 private constant _ACME_SIGNER_KEY = 0xA11CE;

    /// @dev The bytes a label host may have.
    bytes private constant _HOST_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-.:";

    /// @dev How many operations the nesting test applies.
    uint256 private constant _OPERATIONS = 16;

    /// @dev The registry under test.
    ProductRegistry private _registry;

    function setUp() public {
        _registry = new ProductRegistry(address(this), address(this));
        _registry.admitBrand("Acme", "GB", address(this), "");
        _registry.admitBrand("Globex", bytes2(0), _GLOBEX_ADMIN, "");
        _registry.addSigner(_ACME, VM.addr(_ACME_SIGNER_KEY));
    }

    /// @notice With a random prefix (4-12 digits, leading zeros included) assigned, a GTIN built from it (any
    /// indicator, any remaining digits, the right check digit) is the holder's and names the prefix; the same
    /// GTIN with a wrong check digit, the prefix with one digit changed, and a random GTIN not starting with
    /// it are nobody's.
    function testFuzz_gtinOwner_matchesPrefix(
        uint256 lengthSeed,
        uint256 valueSeed,
        uint256 restSeed,
        uint256 indicatorSeed,
        uint256 otherBody,
        bool toGlobex
    ) public {
        uint256 length = FuzzInputs.bound(lengthSeed, 4, 12);
        uint256 value = valueSeed % 10 ** length;
        string memory prefix = FuzzInputs.digits(value, length);
        bytes32 brand = toGlobex ? _GLOBEX : _ACME;
        _registry.assignPrefix(brand, prefix);
        _expectPrefixOwner(prefix, brand);

        uint256 scale = 10 ** (12 - length);
        uint256 body = value * scale + (restSeed % scale);
        uint64 gtin = _gtin(indicatorSeed % 10, body);
        _expectGtinOwner(gtin, brand, prefix);
        _expectGtinOwner(_withWrongCheckDigit(gtin, restSeed), bytes32(0), "");

        // One digit of the prefix changed: same head or not, another prefix.
        uint256 nearBody = _withDigitChanged(body, (restSeed >> 128) % length, restSeed >> 64);
        _expectGtinOwner(_gtin((indicatorSeed / 10) % 10, nearBody), bytes32(0), "");

        otherBody %= 1e12;
        bool inside = otherBody / scale == value;
        _expectGtinOwner(_gtin((indicatorSeed / 100) % 10, otherBody), inside ? brand : bytes32(0), inside ? prefix : "");
    }

    /// @notice Sixteen random assignments, withdrawals and transfers of prefixes drawn from a narrow range (so
    /// that they often coincide or nest) each succeed or revert exactly as a model of non-nesting prefixes
    /// says; afterwards every prefix and GTIN of the range has the model's holder.
    function testFuzz_assignPrefix_neverNests(uint256 seed) public {
        Held[] memory held = new Held[](_OPERATIONS);
        uint256 count = 0;
        for (uint256 op = 0; op < _OPERATIONS; ++op) {
            uint256 r = uint256(keccak256(abi.encode(seed, op)));
            bytes32 brand = (r >> 200) % 2 == 0 ? _ACME : _GLOBEX;
            uint256 live = _liveCount(held, count);
            if (r % 8 < 6 || live == 0) {
                count = _assignAsModelled(held, count, _narrowDigits(r, 4 + ((r >> 8) % 9)), brand);
            } else if (r % 8 == 6) {
                Held memory target = held[_nthLive(held, count, (r >> 100) % live)];
                _registry.withdrawPrefix(target.prefix);
                target.live = false;
            } else {
                _transferAsModelled(held[_nthLive(held, count, (r >> 100) % live)], brand);
            }
        }

        for (uint256 i = 0; i < count; ++i) {
            (bytes32 owner, ) = _modelHolder(held, count, held[i].prefix);
            _expectPrefixOwner(held[i].prefix, owner);
        }
        // GTINs of the range: random ones, and ones extending each prefix ever assigned (live or withdrawn).
        for (uint256 i = 0; i < _OPERATIONS + count; ++i) {
            bytes memory digits = bytes(_narrowDigits(uint256(keccak256(abi.encode(seed, "body", i))), 12));
            if (i >= _OPERATIONS) {
                bytes memory start = bytes(held[i - _OPERATIONS].prefix);
                for (uint256 j = 0; j < start.length; ++j) digits[j] = start[j];
            }
            uint256 body = _value(string(digits));
            (bytes32 owner, string memory prefix) = _modelHolderOfBody(held, count, body);
            _expectGtinOwner(_gtin(i % 10, body), owner, prefix);
        }
    }

    /// @notice An Acme signer anchors a batch for a GTIN exactly when the GTIN is in a prefix Acme holds;
    /// otherwise the revert names the GTIN, Acme and the actual holder (zero when nobody holds it).
    function testFuzz_registerBatch_onlyInsideOwnPrefix(
        uint256 lengthSeed,
        uint256 valueSeed,
        uint256 bodySeed,
        bool toAcme,
        bool inside
    ) public {
        uint256 length = FuzzInputs.bound(lengthSeed, 4, 12);
        uint256 value = valueSeed % 10 ** length;
        bytes32 brand = toAcme ? _ACME : _GLOBEX;
        _registry.assignPrefix(brand, FuzzInputs.digits(value, length));

        uint256 scale = 10 ** (12 - length);
        uint256 body = inside ? value * scale + (bodySeed % scale) : bodySeed % 1e12;
        uint64 gtin = _gtin(1, body);
        bytes32 owner = body / scale == value ? brand : bytes32(0);

        bytes memory expected = owner == _ACME
            ? bytes("")
            : abi.encodeWithSelector(IProductRegistry.ProductRegistryGtinNotOwned.selector, gtin, _ACME, owner);
        VM.prank(VM.addr(_ACME_SIGNER_KEY));
        try _registry.registerBatch(gtin, "L1", 0, 1, keccak256("root"), "") {
            _expectOutcome("registerBatch", FuzzInputs.digits(value, length), expected, "");
        } catch (bytes memory actual) {
            _expectOutcome("registerBatch", FuzzInputs.digits(value, length), expected, actual);
        }
    }

    /// @notice A host is recorded exactly when it is 1 to 255 bytes of lower-case letters, digits, `-`, `.` and
    /// `:`; anything else reverts with the host, and is not a label host afterwards. Half the runs draw from
    /// the allowed bytes (a quarter with one random byte put in), one in eight straddles the 255-byte limit.
    function testFuzz_addLabelDomain_rejectsInvalidBytes(bytes memory raw, uint256 seed) public {
        bytes memory host = raw;
        if (seed % 8 == 1) {
            host = new bytes(250 + ((seed >> 8) % 12));
            for (uint256 i = 0; i < host.length; ++i) host[i] = _HOST_CHARS[(seed >> i) % _HOST_CHARS.length];
        } else if (seed % 2 == 0) {
            for (uint256 i = 0; i < host.length; ++i) host[i] = _HOST_CHARS[uint8(raw[i]) % _HOST_CHARS.length];
            if (seed % 4 == 0 && host.length != 0) host[(seed >> 16) % host.length] = bytes1(uint8(seed >> 8));
        }
        bool valid = host.length >= 1 && host.length <= 255;
        for (uint256 i = 0; i < host.length && valid; ++i) valid = _isHostChar(host[i]);

        try _registry.addLabelDomain(_ACME, string(host)) {
            if (!valid) revert ProductRegistryIdentityTestWrongLabelDomain(host, valid, "");
        } catch (bytes memory revertData) {
            bytes memory expected = abi.encodeWithSelector(
                IProductRegistry.ProductRegistryInvalidLabelDomain.selector,
                string(host)
            );
            if (valid || keccak256(revertData) != keccak256(expected)) {
                revert ProductRegistryIdentityTestWrongLabelDomain(host, valid, revertData);
            }
        }
        if (_registry.isLabelDomain(_ACME, string(host)) != valid || _registry.isLabelDomain(_GLOBEX, string(host))) {
            revert ProductRegistryIdentityTestWrongLabelDomain(host, valid, "isLabelDomain");
        }
    }

    /// @notice Every registrar-only function reverts with `AccessControlUnauthorizedAccount(caller,
    /// REGISTRAR_ROLE)` for any caller but the registrar: a random account, another brand's admin, a signer.
    function testFuzz_registrarFunctions_refuseAnyOtherCaller(address caller, uint8 who) public {
        if (who % 4 == 0) caller = _GLOBEX_ADMIN;
        if (who % 4 == 1) caller = VM.addr(_ACME_SIGNER_KEY);
        if (caller == address(this) || caller == address(VM)) caller = address(0xBEEF);
        _registry.assignPrefix(_ACME, "9506000");
        _registry.addLabelDomain(_ACME, "id.example.com");
        bytes memory expected = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector,
            caller,
            _registry.REGISTRAR_ROLE()
        );
        for (uint256 call = 0; call < 6; ++call) {
            VM.expectRevert(expected);
            VM.prank(caller);
            if (call == 0) _registry.admitBrand("Umbrella", bytes2(0), address(0xA), "");
            else if (call == 1) _registry.assignPrefix(_ACME, "4006381");
            else if (call == 2) _registry.withdrawPrefix("9506000");
            else if (call == 3) _registry.transferPrefix("9506000", _GLOBEX);
            else if (call == 4) _registry.addLabelDomain(_ACME, "id.acme.example");
            else _registry.removeLabelDomain(_ACME, "id.example.com");
        }
        // The same calls from the registrar go through: the refusals were about the caller.
        _registry.admitBrand("Umbrella", bytes2(0), address(0xA), "");
        _registry.assignPrefix(_ACME, "4006381");
        _registry.transferPrefix("9506000", _GLOBEX);
        _registry.withdrawPrefix("9506000");
        _registry.addLabelDomain(_ACME, "id.acme.example");
        _registry.removeLabelDomain(_ACME, "id.example.com");
    }

    /// @dev Assigns `prefix` to `brand`, checks the outcome against the model and records it there; returns the
    /// model's new size.
    function _assignAsModelled(
        Held[] memory held,
        uint256 count,
        string memory prefix,
        bytes32 brand
    ) private returns (uint256) {
        bytes memory expected = _expectedAssignment(held, count, prefix);
        try _registry.assignPrefix(brand, prefix) {
            _expectOutcome("assign", prefix, expected, "");
            held[count] = Held({prefix: prefix, owner: brand, live: true});
            return count + 1;
        } catch (bytes memory actual) {
            _expectOutcome("assign", prefix, expected, actual);
            return count;
        }
    }

    /// @dev Transfers a live prefix to `brand`: refused when `brand` already holds it, else done (and modelled).
    function _transferAsModelled(Held memory target, bytes32 brand) private {
        bytes memory expected = target.owner == brand
            ? abi.encodeWithSelector(IProductRegistry.ProductRegistryPrefixTaken.selector, target.prefix, brand)
            : bytes("");
        try _registry.transferPrefix(target.prefix, brand) {
            _expectOutcome("transfer", target.prefix, expected, "");
            target.owner = brand;
        } catch (bytes memory actual) {
            _expectOutcome("transfer", target.prefix, expected, actual);
        }
    }

    /// @dev What assigning `prefix` must do given the model: succeed (empty), or revert as the registry names it.
    function _expectedAssignment(
        Held[] memory held,
        uint256 count,
        string memory prefix
    ) private pure returns (bytes memory) {
        for (uint256 i = 0; i < count; ++i) {
            if (held[i].live && keccak256(bytes(held[i].prefix)) == keccak256(bytes(prefix))) {
                return abi.encodeWithSelector(IProductRegistry.ProductRegistryPrefixTaken.selector, prefix, held[i].owner);
            }
        }
        for (uint256 i = 0; i < count; ++i) {
            if (held[i].live && (_startsWith(prefix, held[i].prefix) || _startsWith(held[i].prefix, prefix))) {
                return abi.encodeWithSelector(IProductRegistry.ProductRegistryPrefixOverlaps.selector, prefix);
            }
        }
        return "";
    }

    /// @dev The model's holder of exactly `prefix` (zero: none), and whether it is live.
    function _modelHolder(
        Held[] memory held,
        uint256 count,
        string memory prefix
    ) private pure returns (bytes32 owner, bool found) {
        for (uint256 i = 0; i < count; ++i) {
            if (held[i].live && keccak256(bytes(held[i].prefix)) == keccak256(bytes(prefix))) return (held[i].owner, true);
        }
        return (bytes32(0), false);
    }

    /// @dev The model's holder of the GTIN body: the live prefix its 12 digits start with (at most one).
    function _modelHolderOfBody(
        Held[] memory held,
        uint256 count,
        uint256 body
    ) private pure returns (bytes32 owner, string memory prefix) {
        string memory digits = FuzzInputs.digits(body, 12);
        for (uint256 i = 0; i < count; ++i) {
            if (held[i].live && _startsWith(digits, held[i].prefix)) return (held[i].owner, held[i].prefix);
        }
        return (bytes32(0), "");
    }

    function _liveCount(Held[] memory held, uint256 count) private pure returns (uint256 live) {
        for (uint256 i = 0; i < count; ++i) if (held[i].live) ++live;
    }

    function _nthLive(Held[] memory held, uint256 count, uint256 n) private pure returns (uint256) {
        for (uint256 i = 0; i < count; ++i) {
            if (!held[i].live) continue;
            if (n == 0) return i;
            --n;
        }
        return count;
    }

    /// @dev `length` (4 to 12) digits: "0", then digits 0 or 1 from the bits of `r`. So there are eight heads
    /// (0000 to 0111), coincidences and nestings are frequent, and so are prefixes of the same value and
    /// different lengths that do not nest ("0010" and "00010"), which only the length in the key tells apart.
    function _narrowDigits(uint256 r, uint256 length) private pure returns (string memory) {
        bytes memory digits = new bytes(length);
        digits[0] = "0";
        for (uint256 i = 1; i < length; ++i) digits[i] = (r >> (16 + i)) & 1 == 1 ? bytes1("1") : bytes1("0");
        return string(digits);
    }

    function _expectOutcome(
        string memory operation,
        string memory prefix,
        bytes memory expected,
        bytes memory actual
    ) private pure {
        if (keccak256(expected) != keccak256(actual)) {
            revert ProductRegistryIdentityTestWrongOutcome(operation, prefix, expected, actual);
        }
    }

    function _expectGtinOwner(uint64 gtin, bytes32 expectedOwner, string memory expectedPrefix) private view {
        (bytes32 owner, string memory prefix) = _registry.gtinOwner(gtin);
        if (owner != expectedOwner || keccak256(bytes(prefix)) != keccak256(bytes(expectedPrefix))) {
            revert ProductRegistryIdentityTestWrongGtinOwner(gtin, expectedOwner, owner, prefix);
        }
    }

    function _expectPrefixOwner(string memory prefix, bytes32 expected) private view {
        bytes32 owner = _registry.prefixOwner(prefix);
        if (owner != expected) revert ProductRegistryIdentityTestWrongPrefixOwner(prefix, expected, owner);
    }

    /// @dev The GTIN-14 with indicator digit `indicator`, 12 digits `body`, and its check digit: weights 3, 1,
    /// 3, ... on positions 1 to 13 from the left. The all-zero number, which is no GTIN, takes indicator 1.
    function _gtin(uint256 indicator, uint256 body) private pure returns (uint64) {
        uint256 first13 = indicator * 1e12 + body;
        if (first13 == 0) first13 = 1e12;
        uint256 sum = 0;
        for (uint256 position = 0; position < 13; ++position) {
            uint256 digit = (first13 / 10 ** (12 - position)) % 10;
            sum += position % 2 == 0 ? 3 * digit : digit;
        }
        // first13 < 1e13, so the GTIN is below 1e14 < 2 ** 64.
        return uint64(first13 * 10 + ((10 - (sum % 10)) % 10));
    }

    /// @dev A 12-digit body with its digit at `index` (0: the first) replaced by another digit.
    function _withDigitChanged(uint256 body, uint256 index, uint256 seed) private pure returns (uint256) {
        uint256 position = 10 ** (11 - index);
        uint256 digit = (body / position) % 10;
        return body - digit * position + ((digit + 1 + (seed % 9)) % 10) * position;
    }

    /// @dev The GTIN with another last digit: never a GTIN, since one check digit fits.
    function _withWrongCheckDigit(uint64 gtin, uint256 seed) private pure returns (uint64) {
        return gtin - (gtin % 10) + uint64(((gtin % 10) + 1 + (seed % 9)) % 10);
    }

    function _isHostChar(bytes1 char) private pure returns (bool) {
        for (uint256 i = 0; i < _HOST_CHARS.length; ++i) if (_HOST_CHARS[i] == char) return true;
        return false;
    }

    function _startsWith(string memory text, string memory start) private pure returns (bool) {
        bytes memory a = bytes(text);
        bytes memory b = bytes(start);
        if (b.length > a.length) return false;
        for (uint256 i = 0; i < b.length; ++i) if (a[i] != b[i]) return false;
        return true;
    }

    /// @dev A string of ASCII digits as a number.
    function _value(string memory digits) private pure returns (uint256 value) {
        bytes memory chars = bytes(digits);
        for (uint256 i = 0; i < chars.length; ++i) value = value * 10 + (uint8(chars[i]) - 48);
    }
}
