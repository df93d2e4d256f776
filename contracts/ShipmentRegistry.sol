// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IShipmentRegistry} from "./interfaces/IShipmentRegistry.sol";
import {ShipmentIds} from "./libraries/ShipmentIds.sol";
import {Territories} from "./libraries/Territories.sol";
import {InspectionCounts, InspectionOutcome, Party, PartyKind, Shipment} from "./types/ShipmentTypes.sol";

/// @title ShipmentRegistry
/// @notice Shipments as Merkle roots of item ids, their custody, and customs inspections and seizures.
/// @dev See {IShipmentRegistry} for the trust rules. The consortium's governance holds
/// `DEFAULT_ADMIN_ROLE` and grants `REGISTRAR_ROLE`.
contract ShipmentRegistry is IShipmentRegistry, AccessControl {
    /// @inheritdoc IShipmentRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @dev Admitted logistics parties and customs offices.
    mapping(address account => Party party) private _parties;

    /// @dev Declared shipments.
    mapping(bytes32 shipmentId => Shipment shipment) private _shipments;

    /// @param governance Receives `DEFAULT_ADMIN_ROLE` (grants and revokes registrars).
    /// @param registrar Receives `REGISTRAR_ROLE`.
    constructor(address governance, address registrar) {
        if (governance == address(0)) revert ShipmentRegistryEmptyArgument("governance");
        if (registrar == address(0)) revert ShipmentRegistryEmptyArgument("registrar");
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(REGISTRAR_ROLE, registrar);
    }

    /// @inheritdoc IShipmentRegistry
    function admitParty(
        address account,
        PartyKind kind,
        bytes2 country,
        string calldata name
    ) external onlyRole(REGISTRAR_ROLE) {
        if (account == address(0)) revert ShipmentRegistryEmptyArgument("account");
        if (kind == PartyKind.None) revert ShipmentRegistryEmptyArgument("kind");
        if (bytes(name).length == 0) revert ShipmentRegistryEmptyArgument("name");
        _checkCountry(country);
        if (_parties[account].kind != PartyKind.None) revert ShipmentRegistryPartyExists(account);
        _parties[account] = Party({kind: kind, country: country, admittedAt: _now(), name: name});
        emit PartyAdmitted(account, kind, country, name);
    }

    /// @inheritdoc IShipmentRegistry
    function declareShipment(
        string calldata waybill,
        address consignee,
        bytes2 origin,
        bytes2 destination,
        uint32 itemCount,
        bytes32 itemsRoot
    ) external returns (bytes32 shipmentId) {
        _checkParty(msg.sender, PartyKind.Logistics);
        if (bytes(waybill).length == 0) revert ShipmentRegistryEmptyArgument("waybill");
        if (consignee == address(0)) revert ShipmentRegistryEmptyArgument("consignee");
        if (itemsRoot == bytes32(0)) revert ShipmentRegistryEmptyArgument("itemsRoot");
        if (itemCount == 0) revert ShipmentRegistryInvalidItemCount(itemCount);
        _checkCountry(origin);
        _checkCountry(destination);

        shipmentId = ShipmentIds.shipmentId(msg.sender, waybill);
        Shipment storage shipment = _shipments[shipmentId];
        if (shipment.declaredAt != 0) revert ShipmentRegistryShipmentExists(shipmentId);
        shipment.itemsRoot = itemsRoot;
        shipment.shipper = msg.sender;
        shipment.consignee = consignee;
        shipment.custodian = msg.sender;
        shipment.itemCount = itemCount;
        shipment.declaredAt = _now();
        shipment.origin = origin;
        shipment.destination = destination;
        emit ShipmentDeclared(shipmentId, msg.sender, consignee, waybill, origin, destination, itemCount, itemsRoot);
    }

    /// @inheritdoc IShipmentRegistry
    function handOver(bytes32 shipmentId, address to, bytes2 place) external {
        Shipment storage shipment = _existingShipment(shipmentId);
        address custodian = shipment.custodian;
        if (msg.sender != custodian) revert ShipmentRegistryNotCustodian(shipmentId, msg.sender, custodian);
        if (shipment.seized) revert ShipmentRegistryShipmentSeized(shipmentId);
        if (to == custodian || (to != shipment.consignee && _parties[to].kind != PartyKind.Logistics)) {
            revert ShipmentRegistryInvalidRecipient(shipmentId, to);
        }
        _checkCountry(place);
        shipment.custodian = to;
        emit CustodyHandedOver(shipmentId, msg.sender, to, place);
    }

    /// @inheritdoc IShipmentRegistry
    function recordInspection(
        bytes32 shipmentId,
        InspectionOutcome outcome,
        InspectionCounts calldata counts,
        bytes32 reportHash,
        bytes32[] calldata brandIds
    ) external {
        _checkParty(msg.sender, PartyKind.Customs);
        Shipment storage shipment = _existingShipment(shipmentId);
        if (shipment.seized) revert ShipmentRegistryShipmentSeized(shipmentId);
        if (reportHash == bytes32(0)) revert ShipmentRegistryEmptyArgument("reportHash");
        ++shipment.inspections;
        emit ShipmentInspected(shipmentId, msg.sender, outcome, counts, reportHash);
        if (outcome != InspectionOutcome.Seized) return;
        shipment.seized = true;
        for (uint256 i = 0; i < brandIds.length; ++i) {
            emit InfringementRecorded(brandIds[i], shipmentId, msg.sender, reportHash);
        }
    }

    /// @inheritdoc IShipmentRegistry
    function getParty(address account) external view returns (Party memory) {
        return _parties[account];
    }

    /// @inheritdoc IShipmentRegistry
    function getShipment(bytes32 shipmentId) external view returns (Shipment memory) {
        return _shipments[shipmentId];
    }

    /// @inheritdoc IShipmentRegistry
    function isDeclared(bytes32 shipmentId, bytes32 itemId, bytes32[] calldata proof) external view returns (bool) {
        Shipment storage shipment = _shipments[shipmentId];
        if (shipment.declaredAt == 0) return false;
        return MerkleProof.verifyCalldata(proof, shipment.itemsRoot, ShipmentIds.leaf(itemId));
    }

    /// @inheritdoc IShipmentRegistry
    function shipmentIdOf(address shipper, string calldata waybill) external pure returns (bytes32) {
        return ShipmentIds.shipmentId(shipper, waybill);
    }

    /// @dev The clock every record uses.
    function _now() private view returns (uint40) {
        return SafeCast.toUint40(block.timestamp);
    }

    function _checkParty(address account, PartyKind required) private view {
        if (_parties[account].kind != required) revert ShipmentRegistryNotParty(account, required);
    }

    function _existingShipment(bytes32 shipmentId) private view returns (Shipment storage shipment) {
        shipment = _shipments[shipmentId];
        if (shipment.declaredAt == 0) revert ShipmentRegistryUnknownShipment(shipmentId);
    }

    /// @dev Two ASCII capitals; whether they name an assigned ISO 3166-1 code is the service's check.
    function _checkCountry(bytes2 country) private pure {
        if (!Territories.isCode(country)) revert ShipmentRegistryInvalidCountry(country);
    }
}
