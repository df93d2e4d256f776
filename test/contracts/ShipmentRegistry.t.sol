// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the project's `test_<fn>_<outcome>` / `testFuzz_<fn>_<property>` convention (STYLE.md).
// solhint-disable func-name-mixedcase

import {ShipmentRegistry} from "../../contracts/ShipmentRegistry.sol";
import {IShipmentRegistry} from "../../contracts/interfaces/IShipmentRegistry.sol";
import {ShipmentIds} from "../../contracts/libraries/ShipmentIds.sol";
import {PartyKind} from "../../contracts/types/ShipmentTypes.sol";
import {TestMerkleTree} from "./utils/TestMerkleTree.sol";
import {VM} from "./utils/Vm.sol";

/// @title ShipmentRegistryTest
/// @notice Fuzz tests of what customs and brands rely on: only the custodian moves a shipment, and an item
/// outside the declared tree never counts as declared.
contract ShipmentRegistryTest {
    /// @notice Thrown when someone other than the custodian moved a shipment.
    error ShipmentRegistryTestHandOverAccepted(address caller);

    /// @notice Thrown when a refused hand-over failed for another reason than custody.
    error ShipmentRegistryTestWrongRevert(bytes revertData);

    /// @notice Thrown when a declared item does not verify with its proof.
    error ShipmentRegistryTestMemberRejected(uint256 member);

    /// @notice Thrown when an item outside the shipment verifies with a member's proof.
    error ShipmentRegistryTestOutsiderAccepted(bytes32 itemId, uint256 proofOf);

    /// @dev The registry under test; this contract is its governance, registrar and the shipper.
    ShipmentRegistry private _registry;

    /// @dev A logistics party the shipment may be handed to.
    address private constant _CARRIER = address(0xCA11);

    function setUp() public {
        _registry = new ShipmentRegistry(address(this), address(this));
        _registry.admitParty(address(this), PartyKind.Logistics, "CN", "Shipper");
        _registry.admitParty(_CARRIER, PartyKind.Logistics, "FR", "Carrier");
    }

    /// @notice Whoever calls, unless it is the custodian, a hand-over reverts with NotCustodian and custody
    /// stays where it was.
    function testFuzz_handOver_onlyTheCustodian(address caller, address to, uint256 seed) public {
        bytes32 shipmentId = _registry.declareShipment("WB", address(0xC0), "CN", "FR", 1, bytes32(seed | 1));
        if (caller == address(this)) caller = _CARRIER;
        VM.prank(caller);
        try _registry.handOver(shipmentId, to, "FR") {
            revert ShipmentRegistryTestHandOverAccepted(caller);
        } catch (bytes memory revertData) {
            bytes memory expected = abi.encodeWithSelector(
                IShipmentRegistry.ShipmentRegistryNotCustodian.selector,
                shipmentId,
                caller,
                address(this)
            );
            if (keccak256(revertData) != keccak256(expected)) revert ShipmentRegistryTestWrongRevert(revertData);
        }
        if (_registry.getShipment(shipmentId).custodian != address(this)) revert ShipmentRegistryTestHandOverAccepted(caller);
    }

    /// @notice Every declared item verifies with its proof; an item id outside the tree verifies with none.
    function testFuzz_isDeclared_outsiderNeverDeclared(uint256 seed, uint256 size, bytes32 outsider) public {
        size = size % 8 + 1;
        bytes32[] memory ids = new bytes32[](size);
        bytes32[] memory leaves = new bytes32[](size);
        for (uint256 i = 0; i < size; ++i) {
            ids[i] = keccak256(abi.encode(seed, i));
            leaves[i] = ShipmentIds.leaf(ids[i]);
            // A fuzzed outsider equal to a member is a member: move it out.
            if (ids[i] == outsider) outsider = keccak256(abi.encode(outsider));
        }
        (bytes32[] memory nodes, uint256[] memory leafNode) = TestMerkleTree.build(leaves);
        bytes32 shipmentId = _registry.declareShipment("WB", address(0xC0), "CN", "FR", uint32(size), nodes[0]);
        for (uint256 i = 0; i < size; ++i) {
            bytes32[] memory proof = TestMerkleTree.proofOf(nodes, leafNode[i]);
            if (!_registry.isDeclared(shipmentId, ids[i], proof)) revert ShipmentRegistryTestMemberRejected(i);
            if (_registry.isDeclared(shipmentId, outsider, proof)) revert ShipmentRegistryTestOutsiderAccepted(outsider, i);
        }
    }
}
