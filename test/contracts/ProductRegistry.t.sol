// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the project's `test_<fn>_<outcome>` / `testFuzz_<fn>_<property>` convention (STYLE.md).
// solhint-disable func-name-mixedcase

import {ProductRegistry} from "../../contracts/ProductRegistry.sol";
import {IProductRegistry} from "../../contracts/interfaces/IProductRegistry.sol";
import {ProductIds} from "../../contracts/libraries/ProductIds.sol";
import {ItemCode, ItemVerification, SignerStanding} from "../../contracts/types/ProductTypes.sol";
import {TestMerkleTree} from "./utils/TestMerkleTree.sol";
import {FuzzInputs} from "./utils/FuzzInputs.sol";
import {VM} from "./utils/Vm.sol";

/// @title ProductRegistryTest
/// @notice Fuzz tests of what a verifier relies on: only the items of a batch's tree verify, a label with
/// one field changed does not, anchoring costs the same for any item count, and a removed key is cut off
/// from the batches anchored from its removal on. Trees are built here the way OpenZeppelin's
/// `StandardMerkleTree` lays them out (checked against a root computed by the OpenZeppelin merkle-tree package).
contract ProductRegistryTest {
    /// @notice Thrown when a test helper's registration did not return the id derived by `ProductIds`.
    error ProductRegistryTestBatchIdMismatch(bytes32 expected, bytes32 actual);

    /// @notice Thrown when the Solidity tree helper disagrees with `StandardMerkleTree`.
    error ProductRegistryTestTreeMismatch(bytes32 expected, bytes32 actual);

    /// @notice Thrown when an item of the anchored tree does not verify with its own proof.
    error ProductRegistryTestMemberRejected(uint256 member, ItemVerification verification);

    /// @notice Thrown when an item outside the tree verifies with a member's proof.
    error ProductRegistryTestOutsiderAccepted(string serial, uint256 proofOf);

    /// @notice Thrown when a label with one field changed still verifies.
    error ProductRegistryTestTamperedCodeAccepted(uint256 field, ItemCode code);

    /// @notice Thrown when anchoring `itemCount` items costs other than anchoring one.
    error ProductRegistryTestGasDependsOnItemCount(uint32 itemCount, uint256 gasForOne, uint256 gasForCount);

    /// @notice Thrown when anchoring a batch costs `gasUsed`, over the budget.
    error ProductRegistryTestGasOverBudget(uint256 gasUsed, uint256 budget);

    /// @notice Thrown when a signer's standing towards a batch is not the expected one.
    error ProductRegistryTestWrongStanding(SignerStanding expected, ItemVerification verification);

    /// @notice Thrown when a verification reports something else than the anchored batch or the signer.
    error ProductRegistryTestWrongReport(string what, ItemVerification verification);

    /// @notice Thrown when a first-sale activation was accepted or refused against the rules.
    error ProductRegistryTestWrongActivation(string what, uint256 member);

    /// @notice A batch as anchored by the tests: its labels and, for each, its proof.
    struct AnchoredBatch {
        ItemCode[] codes;
        bytes32[][] proofs;
    }

    /// @dev The brand every test batch belongs to.
    bytes32 private constant _BRAND = keccak256("Acme");

    /// @dev Two valid GTIN-14s (09506000134352 and 04006381333931), in the brand's prefixes 9506000 and 4006381.
    uint64 private constant _GTIN = 9_506_000_134_352;
    uint64 private constant _OTHER_GTIN = 4_006_381_333_931;

    /// @dev The GTINs the gas test anchors, one per measured call, each in a 7-digit prefix of the brand under a
    /// head (first four digits) of its own: each call's prefix lookup reads storage never read before in the
    /// transaction, and both lookups walk the same counters.
    uint64 private constant _GAS_GTIN_ONE = 5_012_345_000_015;
    uint64 private constant _GAS_GTIN_MANY = 3_012_345_000_017;

    /// @dev The key whose removal the standing test fuzzes, and a second key of the same brand.
    uint256 private constant _SIGNER_KEY = 0xA11CE;
    uint256 private constant _CO_SIGNER_KEY = 0xB0B;

    /// @dev Keys used only by the gas test, so that each measured call reads a signer record never read before.
    uint256 private constant _GAS_SIGNER_KEY_ONE = 0xC0FFEE;
    uint256 private constant _GAS_SIGNER_KEY_MANY = 0xDECAF;

    /// @dev When the brand and its keys are set up; the standing test fuzzes times from here on.
    uint256 private constant _SETUP_TIME = 1_700_000_000;

    /// @dev The widest timestamp `Batch.anchoredAt` (uint40) holds.
    uint256 private constant _MAX_TIME = type(uint40).max;

    /// @dev What anchoring one batch may cost, call included.
    uint256 private constant _REGISTER_BATCH_GAS_BUDGET = 100_000;

    /// @dev The registry under test; this contract is its governance, registrar and brand admin.
    ProductRegistry private _registry;

    function setUp() public {
        VM.warp(_SETUP_TIME);
        _registry = new ProductRegistry(address(this), address(this));
        _registry.admitBrand("Acme", "GB", address(this), "ipfs://acme");
        _registry.assignPrefix(_BRAND, "9506000");
        _registry.assignPrefix(_BRAND, "4006381");
        _registry.assignPrefix(_BRAND, "5012345");
        _registry.assignPrefix(_BRAND, "3012345");
        _registry.addSigner(_BRAND, VM.addr(_SIGNER_KEY));
        _registry.addSigner(_BRAND, VM.addr(_CO_SIGNER_KEY));
        _registry.addSigner(_BRAND, VM.addr(_GAS_SIGNER_KEY_ONE));
        _registry.addSigner(_BRAND, VM.addr(_GAS_SIGNER_KEY_MANY));
    }

    /// @notice The tree helper gives the root and proofs of `StandardMerkleTree.of(values, ["bytes32",
    /// "uint32"])` for the values `[bytes32(1..5), 270228]`, as computed by the OpenZeppelin merkle-tree
    /// package 1.0.8.
    function test_merkleTree_matchesStandardMerkleTree() public pure {
        bytes32[] memory leaves = new bytes32[](5);
        for (uint256 i = 0; i < 5; ++i) {
            leaves[i] = ProductIds.leaf(bytes32(i + 1), 270_228);
        }
        (bytes32[] memory nodes, uint256[] memory leafNode) = TestMerkleTree.build(leaves);
        _expectNode(0x653cb6a01b1c58af057aa67fa0bd5d1592deaa1a5fd6336498ea2d2bf2f3a221, nodes[0]);
        bytes32[] memory proof = TestMerkleTree.proofOf(nodes, leafNode[4]);
        if (proof.length != 2) revert ProductRegistryTestTreeMismatch(bytes32(uint256(2)), bytes32(proof.length));
        _expectNode(0x31ba829317a81d3c55a4540a022f6a69e4f8373e4c644dda097d6b9c650c6e83, proof[0]);
        _expectNode(0x062416ff924dc9b7e412711bfaa0b6c8ad77225577867c4babbb6ff60502838d, proof[1]);
    }

    /// @notice Every item of an anchored tree verifies with its proof, and a serial outside the tree
    /// verifies with none of the members' proofs (nor with an empty one).
    function testFuzz_verifyItem_onlyTreeMembersVerify(
        uint256 seed,
        uint256 size,
        uint256 gtinSeed,
        uint256 expirySeed,
        string memory outsider
    ) public {
        size = FuzzInputs.bound(size, 1, 8);
        AnchoredBatch memory batch = _anchor(
            VM.addr(_SIGNER_KEY),
            _validGtin(gtinSeed),
            _lot(seed),
            _validExpiry(expirySeed),
            _serials(seed, size)
        );

        for (uint256 i = 0; i < size; ++i) {
            ItemVerification memory verification = _registry.verifyItem(_BRAND, batch.codes[i], batch.proofs[i]);
            if (!verification.batchKnown || !verification.proofValid) {
                revert ProductRegistryTestMemberRejected(i, verification);
            }
        }

        // Member serials are digits and '-' only, so appending '#' takes the outsider out of the tree.
        if (_isSerialOf(batch, outsider)) outsider = string.concat(outsider, "#");
        ItemCode memory forged = _withSerial(batch.codes[0], outsider);
        for (uint256 i = 0; i <= size; ++i) {
            bytes32[] memory proof = i < size ? batch.proofs[i] : new bytes32[](0);
            ItemVerification memory verification = _registry.verifyItem(_BRAND, forged, proof);
            if (!verification.batchKnown) revert ProductRegistryTestWrongReport("batch unknown", verification);
            if (verification.proofValid) revert ProductRegistryTestOutsiderAccepted(outsider, i);
        }
    }

    /// @notice A member's label with exactly one of GTIN, lot, serial or expiry changed does not verify with
    /// the member's proof: not when the change lands in another batch that exists (same lot under another
    /// GTIN, another lot of the same GTIN), not as another member's serial, not with an arbitrary value.
    /// The neighbouring batches hold the same serials under another expiry, so that the changed label is a
    /// member of no anchored tree: a label that is one (say of a one-item neighbour, whose proof is empty)
    /// would be a genuine label of that batch, not a forgery.
    function testFuzz_verifyItem_tamperedFieldNeverVerifies(
        uint256 seed,
        uint256 size,
        uint256 member,
        uint256 field,
        bool toExistingValue,
        uint256 number,
        string memory text
    ) public {
        size = FuzzInputs.bound(size, 1, 8);
        member = FuzzInputs.bound(member, 0, size - 1);
        field = FuzzInputs.bound(field, 0, 3);
        (AnchoredBatch memory batch, ItemCode memory existing) = _anchorWithNeighbours(seed, size);

        ItemCode memory code = _withSerial(batch.codes[member], batch.codes[member].serial);
        bytes32[] memory proof = batch.proofs[member];
        ItemVerification memory untouched = _registry.verifyItem(_BRAND, code, proof);
        if (!untouched.batchKnown || !untouched.proofValid) revert ProductRegistryTestMemberRejected(member, untouched);

        if (field == 0) {
            code.gtin = toExistingValue ? existing.gtin : uint64(_other(uint64(number), code.gtin));
        } else if (field == 1) {
            code.lot = toExistingValue ? existing.lot : _other(text, code.lot);
        } else if (field == 2) {
            code.serial = toExistingValue && size > 1
                ? batch.codes[(member + 1) % size].serial
                : _other(text, code.serial);
        } else {
            code.expiry = toExistingValue ? existing.expiry : uint32(_other(uint32(number), code.expiry));
        }

        ItemVerification memory verification = _registry.verifyItem(_BRAND, code, proof);
        if (verification.batchKnown && verification.proofValid) {
            revert ProductRegistryTestTamperedCodeAccepted(field, code);
        }
    }

    /// @notice Anchoring `itemCount` items costs exactly what anchoring one item costs, and under budget, the
    /// check that the GTIN is in the brand's prefixes included. Both calls run in the same state: a GTIN in a
    /// 7-digit prefix of the brand under a head of its own, same expiry and URI, a lot of the same length, a
    /// signer record, prefix counters and owner and a batch slot never touched before in the transaction (so
    /// all are cold reads and zero-to-nonzero writes), the registry account already warm, and a fresh call
    /// frame each (so the caller's memory is the same size). Hence no tolerance: any difference comes from
    /// the item count.
    function testFuzz_registerBatch_gasIndependentOfItemCount(
        uint32 itemCount,
        uint256 lotNumber,
        bytes32 merkleRoot
    ) public {
        itemCount = uint32(FuzzInputs.bound(itemCount, 1, type(uint32).max));
        lotNumber = FuzzInputs.bound(lotNumber, 1, 999_999);
        if (merkleRoot == bytes32(0)) merkleRoot = keccak256("root");
        _registry.getBatch(bytes32(0));

        uint256 gasForOne = this.measureRegisterBatch(
            _GAS_SIGNER_KEY_ONE,
            _GAS_GTIN_ONE,
            "LOT000000",
            1,
            keccak256("one")
        );
        uint256 gasForCount = this.measureRegisterBatch(
            _GAS_SIGNER_KEY_MANY,
            _GAS_GTIN_MANY,
            string.concat("LOT", FuzzInputs.digits(lotNumber, 6)),
            itemCount,
            merkleRoot
        );

        if (gasForCount != gasForOne) {
            revert ProductRegistryTestGasDependsOnItemCount(itemCount, gasForOne, gasForCount);
        }
        if (gasForOne >= _REGISTER_BATCH_GAS_BUDGET) {
            revert ProductRegistryTestGasOverBudget(gasForOne, _REGISTER_BATCH_GAS_BUDGET);
        }
    }

    /// @notice A key removed at time t never stands `Authorised` for a batch anchored at or after t (whoever
    /// anchored it), and stays `Authorised` for a batch anchored before t, for 65- and 64-byte signatures.
    function testFuzz_verifySignedItem_removalCutsOffLaterBatches(
        uint256 removedAt,
        uint256 gap,
        bool anchoredBefore,
        bool anchoredByRemovedKey,
        bool compact,
        uint256 seed
    ) public {
        removedAt = FuzzInputs.bound(removedAt, _SETUP_TIME + 1, _MAX_TIME);
        uint256 anchoredAt = anchoredBefore
            ? removedAt - FuzzInputs.bound(gap, 1, removedAt - _SETUP_TIME)
            : removedAt + FuzzInputs.bound(gap, 0, _MAX_TIME - removedAt);
        AnchoredBatch memory batch = _anchorAroundRemoval(removedAt, anchoredAt, anchoredByRemovedKey, seed);

        uint256 member = seed % 3;
        ItemVerification memory verification = _registry.verifySignedItem(
            batch.codes[member],
            _sign(_SIGNER_KEY, batch.codes[member], compact),
            batch.proofs[member]
        );
        if (verification.signer != VM.addr(_SIGNER_KEY)) revert ProductRegistryTestWrongReport("signer", verification);
        if (verification.brandId != _BRAND) revert ProductRegistryTestWrongReport("brand", verification);
        if (!verification.batchKnown || !verification.proofValid) {
            revert ProductRegistryTestWrongReport("item", verification);
        }
        if (verification.anchoredAt != anchoredAt) revert ProductRegistryTestWrongReport("anchoredAt", verification);
        if (verification.signerRemovedAt != removedAt) {
            revert ProductRegistryTestWrongReport("signerRemovedAt", verification);
        }
        SignerStanding expected = anchoredBefore ? SignerStanding.Authorised : SignerStanding.RevokedBeforeBatch;
        if (verification.signerStanding != expected) revert ProductRegistryTestWrongStanding(expected, verification);

        // The removal is the key's alone: the brand's other key still stands for the same item.
        verification = _registry.verifySignedItem(
            batch.codes[member],
            _sign(_CO_SIGNER_KEY, batch.codes[member], compact),
            batch.proofs[member]
        );
        if (verification.signerStanding != SignerStanding.Authorised) {
            revert ProductRegistryTestWrongStanding(SignerStanding.Authorised, verification);
        }
    }

    /// @notice A batch anchored in the very second the key is removed counts as anchored after the removal.
    function test_verifySignedItem_revokedForBatchAnchoredInTheRemovalSecond() public {
        VM.warp(_SETUP_TIME + 60);
        _registry.removeSigner(_BRAND, VM.addr(_SIGNER_KEY));
        AnchoredBatch memory batch = _anchor(VM.addr(_CO_SIGNER_KEY), _GTIN, "L1", 0, _serials(1, 2));
        ItemVerification memory verification = _registry.verifySignedItem(
            batch.codes[1],
            _sign(_SIGNER_KEY, batch.codes[1], false),
            batch.proofs[1]
        );
        if (verification.signerStanding != SignerStanding.RevokedBeforeBatch || !verification.proofValid) {
            revert ProductRegistryTestWrongStanding(SignerStanding.RevokedBeforeBatch, verification);
        }
    }

    /// @notice Each member of an anchored batch can be sold exactly once, an outsider with any member's proof
    /// never, and a country is accepted exactly when it is two ASCII capitals.
    function testFuzz_activateItem_onceForMembersNeverForOutsiders(
        uint256 seed,
        uint256 size,
        string memory outsider,
        bytes2 country
    ) public {
        size = FuzzInputs.bound(size, 1, 8);
        AnchoredBatch memory batch = _anchor(VM.addr(_SIGNER_KEY), _GTIN, _lot(seed), 0, _serials(seed, size));
        // Random two bytes are rarely two capitals: make half the runs draw a valid country.
        if (seed % 2 == 0) {
            country = bytes2(abi.encodePacked(bytes1(uint8(65 + ((seed >> 1) % 26))), bytes1(uint8(65 + ((seed >> 8) % 26)))));
        }
        bool validCountry = country[0] >= "A" && country[0] <= "Z" && country[1] >= "A" && country[1] <= "Z";

        if (_isSerialOf(batch, outsider)) outsider = string.concat(outsider, "#");
        ItemCode memory forged = _withSerial(batch.codes[0], outsider);
        for (uint256 i = 0; i < size; ++i) {
            try _registry.activateItem(_BRAND, forged, batch.proofs[i], "FR") {
                revert ProductRegistryTestOutsiderAccepted(outsider, i);
            } catch {} // solhint-disable-line no-empty-blocks
        }

        for (uint256 i = 0; i < size; ++i) {
            try _registry.activateItem(_BRAND, batch.codes[i], batch.proofs[i], country) {
                if (!validCountry) revert ProductRegistryTestWrongActivation("invalid country accepted", i);
            } catch {
                if (validCountry) revert ProductRegistryTestWrongActivation("member refused", i);
                continue;
            }
            try _registry.activateItem(_BRAND, batch.codes[i], batch.proofs[i], country) {
                revert ProductRegistryTestWrongActivation("sold twice", i);
            } catch {} // solhint-disable-line no-empty-blocks
        }
    }

    /// @notice Anchors a batch as the key `signerKey` and returns the gas the `registerBatch` call used.
    /// @dev External so that each measurement runs in a fresh call frame (same memory size); it is not a
    /// test (no `test` prefix).
    /// @param signerKey The key of the signer anchoring the batch.
    /// @param gtin The batch's GTIN.
    /// @param lot The batch's lot.
    /// @param itemCount The declared item count.
    /// @param merkleRoot The batch's root.
    /// @return gasUsed The gas between just before and just after the call.
    function measureRegisterBatch(
        uint256 signerKey,
        uint64 gtin,
        string calldata lot,
        uint32 itemCount,
        bytes32 merkleRoot
    ) external returns (uint256 gasUsed) {
        VM.prank(VM.addr(signerKey));
        uint256 gasBefore = gasleft();
        _registry.registerBatch(gtin, lot, 270_228, itemCount, merkleRoot, "ipfs://batch");
        gasUsed = gasBefore - gasleft();
    }

    /// @dev Removes the key `_SIGNER_KEY` at `removedAt` and anchors a three-item batch at `anchoredAt`: before
    /// the removal by that key or the co-signer, from the removal on by the co-signer (after checking that the
    /// removed key is refused).
    function _anchorAroundRemoval(
        uint256 removedAt,
        uint256 anchoredAt,
        bool byRemovedKey,
        uint256 seed
    ) private returns (AnchoredBatch memory batch) {
        address signer = VM.addr(_SIGNER_KEY);
        address coSigner = VM.addr(_CO_SIGNER_KEY);
        string[] memory serials = _serials(seed, 3);
        string memory lot = _lot(seed);
        uint32 expiry = _validExpiry(seed >> 128);
        if (anchoredAt < removedAt) {
            VM.warp(anchoredAt);
            batch = _anchor(byRemovedKey ? signer : coSigner, _GTIN, lot, expiry, serials);
            VM.warp(removedAt);
            _registry.removeSigner(_BRAND, signer);
        } else {
            VM.warp(removedAt);
            _registry.removeSigner(_BRAND, signer);
            VM.warp(anchoredAt);
            if (byRemovedKey) {
                VM.expectRevert(
                    abi.encodeWithSelector(IProductRegistry.ProductRegistryUnauthorizedSigner.selector, signer)
                );
                VM.prank(signer);
                _registry.registerBatch(_GTIN, lot, expiry, 3, keccak256("forged"), "");
            }
            batch = _anchor(coSigner, _GTIN, lot, expiry, serials);
        }
    }

    /// @dev Anchors a batch of `size` serials under (`_GTIN`, lot, expiry) and two neighbours with the same
    /// serials under another expiry: (`_OTHER_GTIN`, lot) and (`_GTIN`, other lot). Returns the batch and, as
    /// an item code, the other GTIN, lot and expiry.
    function _anchorWithNeighbours(
        uint256 seed,
        uint256 size
    ) private returns (AnchoredBatch memory batch, ItemCode memory existing) {
        address signer = VM.addr(_SIGNER_KEY);
        string[] memory serials = _serials(seed, size);
        string memory lot = _lot(seed);
        uint32 expiry = _validExpiry(seed >> 128);
        existing = ItemCode({
            gtin: _OTHER_GTIN,
            lot: string.concat(lot, "B"),
            serial: "",
            expiry: _otherValidExpiry(seed >> 64, expiry)
        });
        batch = _anchor(signer, _GTIN, lot, expiry, serials);
        _anchor(signer, _OTHER_GTIN, lot, existing.expiry, serials);
        _anchor(signer, _GTIN, existing.lot, existing.expiry, serials);
    }

    /// @dev Builds the tree of `serials` under (GTIN, lot, expiry), anchors it as `signer` (first giving the
    /// brand the GTIN when no prefix holds it) and returns the labels with their proofs.
    function _anchor(
        address signer,
        uint64 gtin,
        string memory lot,
        uint32 expiry,
        string[] memory serials
    ) private returns (AnchoredBatch memory batch) {
        uint256 count = serials.length;
        bytes32 batchId = ProductIds.batchId(_BRAND, gtin, lot);
        bytes32[] memory leaves = new bytes32[](count);
        batch.codes = new ItemCode[](count);
        for (uint256 i = 0; i < count; ++i) {
            leaves[i] = ProductIds.leaf(ProductIds.itemId(batchId, serials[i]), expiry);
            batch.codes[i] = ItemCode({gtin: gtin, lot: lot, serial: serials[i], expiry: expiry});
        }
        (bytes32[] memory nodes, uint256[] memory leafNode) = TestMerkleTree.build(leaves);
        batch.proofs = new bytes32[][](count);
        for (uint256 i = 0; i < count; ++i) {
            batch.proofs[i] = TestMerkleTree.proofOf(nodes, leafNode[i]);
        }
        _claimGtin(gtin);
        VM.prank(signer);
        // The item count is at most 8 here.
        bytes32 registered = _registry.registerBatch(gtin, lot, expiry, uint32(count), nodes[0], "ipfs://batch");
        if (registered != batchId) revert ProductRegistryTestBatchIdMismatch(batchId, registered);
    }

    /// @dev Gives the brand a GTIN no prefix holds, as the 12-digit prefix of exactly that GTIN's body: it nests
    /// with no assigned prefix, since a shorter one starting it would already hold the GTIN.
    function _claimGtin(uint64 gtin) private {
        (bytes32 ownerId, ) = _registry.gtinOwner(gtin);
        if (ownerId == bytes32(0)) _registry.assignPrefix(_BRAND, FuzzInputs.digits((gtin / 10) % 1e12, 12));
    }

    /// @dev The EIP-712 signature of `code` by `key`, as `r ‖ s ‖ v` or in ERC-2098 form `r ‖ (v-27)<<255 | s`.
    function _sign(uint256 key, ItemCode memory code, bool compact) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(key, _registry.itemDigest(code));
        if (!compact) return abi.encodePacked(r, s, v);
        return abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255)));
    }

    function _expectNode(bytes32 expected, bytes32 actual) private pure {
        if (actual != expected) revert ProductRegistryTestTreeMismatch(expected, actual);
    }

    /// @dev `count` distinct serials: the index, a dash, ten digits from the seed.
    function _serials(uint256 seed, uint256 count) private pure returns (string[] memory serials) {
        serials = new string[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 noise = uint256(keccak256(abi.encode(seed, i))) % 1e10;
            serials[i] = string.concat(FuzzInputs.digits(i, 1), "-", FuzzInputs.digits(noise, 10));
        }
    }

    function _lot(uint256 seed) private pure returns (string memory) {
        return string.concat("L", FuzzInputs.digits(seed % 1e6, 6));
    }

    /// @dev A 14-digit-or-shorter number with a correct check digit (weights 3, 1, ... from the right).
    function _validGtin(uint256 seed) private pure returns (uint64) {
        uint256 body = 1 + (seed % (1e13 - 1));
        uint256 sum = 0;
        for (uint256 rest = body; rest > 0; rest /= 100) {
            sum += 3 * (rest % 10) + ((rest / 10) % 10);
        }
        // body < 1e13, so body * 10 + 9 < 1e14 fits in uint64.
        return uint64(body * 10 + ((10 - (sum % 10)) % 10));
    }

    /// @dev 0 one time in eight, else a YYMMDD with month 01-12 and day 00-31.
    function _validExpiry(uint256 seed) private pure returns (uint32) {
        if (seed % 8 == 0) return 0;
        // Each part is reduced below 100, so the sum stays below 1e6.
        return uint32((((seed >> 8) % 100) * 10_000) + ((1 + ((seed >> 16) % 12)) * 100) + ((seed >> 24) % 32));
    }

    /// @dev A valid expiry other than `expiry`.
    function _otherValidExpiry(uint256 seed, uint32 expiry) private pure returns (uint32) {
        uint32 candidate = _validExpiry(seed);
        if (candidate != expiry) return candidate;
        return expiry == 0 ? 991_231 : 0;
    }

    function _isSerialOf(AnchoredBatch memory batch, string memory serial) private pure returns (bool) {
        for (uint256 i = 0; i < batch.codes.length; ++i) {
            if (keccak256(bytes(batch.codes[i].serial)) == keccak256(bytes(serial))) return true;
        }
        return false;
    }

    /// @dev A copy of `code` with another serial (memory structs are references).
    function _withSerial(ItemCode memory code, string memory serial) private pure returns (ItemCode memory) {
        return ItemCode({gtin: code.gtin, lot: code.lot, serial: serial, expiry: code.expiry});
    }

    /// @dev `candidate`, or something else when it equals `original`.
    function _other(string memory candidate, string memory original) private pure returns (string memory) {
        if (keccak256(bytes(candidate)) != keccak256(bytes(original))) return candidate;
        return string.concat(candidate, "#");
    }

    /// @dev `candidate`, or the next number when it equals `original` (callers' originals are far below 2^64 - 1).
    function _other(uint256 candidate, uint256 original) private pure returns (uint256) {
        return candidate == original ? candidate + 1 : candidate;
    }
}
