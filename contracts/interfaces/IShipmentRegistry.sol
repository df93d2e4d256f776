// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InspectionCounts, InspectionOutcome, Party, PartyKind, Shipment} from "../types/ShipmentTypes.sol";

/// @title IShipmentRegistry
/// @notice Shipments of serialised items, who holds them, and what customs found in them.
/// @dev Trust rules:
/// - The consortium registrar admits logistics parties (shippers, carriers, consignees) and customs offices;
///   nobody admits themselves.
/// - An admitted logistics party declares a shipment: origin, destination, consignee and the Merkle root of
///   its item ids, in one transaction whatever the number of items. It is its first custodian.
/// - Only the current custodian hands a shipment over, to an admitted logistics party or the consignee.
/// - Only an admitted customs office records an inspection: cleared, held or seized, with its counts and the
///   hash of its report. A seizure is also emitted once per brand concerned: the shared register of known
///   infringements, readable by the brand and by every office.
interface IShipmentRegistry {
    /// @notice Thrown when a required address, string or hash is empty.
    error ShipmentRegistryEmptyArgument(string argument);

    /// @notice Thrown when a country is not two ASCII capitals.
    error ShipmentRegistryInvalidCountry(bytes2 country);

    /// @notice Thrown when an account is admitted twice.
    error ShipmentRegistryPartyExists(address account);

    /// @notice Thrown when an account is not an admitted party of the kind required.
    error ShipmentRegistryNotParty(address account, PartyKind required);

    /// @notice Thrown when a shipper reuses a waybill.
    error ShipmentRegistryShipmentExists(bytes32 shipmentId);

    /// @notice Thrown when a shipment id was never declared.
    error ShipmentRegistryUnknownShipment(bytes32 shipmentId);

    /// @notice Thrown when a shipment declares no items.
    error ShipmentRegistryInvalidItemCount(uint32 itemCount);

    /// @notice Thrown when anyone but the current custodian hands a shipment over.
    error ShipmentRegistryNotCustodian(bytes32 shipmentId, address account, address custodian);

    /// @notice Thrown when a shipment is handed to an account that is neither a logistics party nor its consignee.
    error ShipmentRegistryInvalidRecipient(bytes32 shipmentId, address recipient);

    /// @notice Thrown when a seized shipment is handed over or inspected again.
    error ShipmentRegistryShipmentSeized(bytes32 shipmentId);

    /// @notice Emitted when the registrar admitted a logistics party or a customs office.
    event PartyAdmitted(address indexed account, PartyKind kind, bytes2 country, string name);

    /// @notice Emitted when a logistics party declared a shipment.
    event ShipmentDeclared(
        bytes32 indexed shipmentId,
        address indexed shipper,
        address indexed consignee,
        string waybill,
        bytes2 origin,
        bytes2 destination,
        uint32 itemCount,
        bytes32 itemsRoot
    );

    /// @notice Emitted when the custodian handed a shipment over.
    event CustodyHandedOver(bytes32 indexed shipmentId, address indexed from, address indexed to, bytes2 place);

    /// @notice Emitted when a customs office recorded an inspection.
    event ShipmentInspected(
        bytes32 indexed shipmentId,
        address indexed office,
        InspectionOutcome indexed outcome,
        InspectionCounts counts,
        bytes32 reportHash
    );

    /// @notice Emitted with a seizure, once per brand whose goods (genuine or copied) it concerns.
    event InfringementRecorded(bytes32 indexed brandId, bytes32 indexed shipmentId, address indexed office, bytes32 reportHash);

    /// @notice Admits a logistics party or a customs office. Only the registrar.
    /// @param account The party's account.
    /// @param kind `Logistics` or `Customs`.
    /// @param country Where it operates, ISO 3166-1 alpha-2.
    /// @param name Its public name.
    function admitParty(address account, PartyKind kind, bytes2 country, string calldata name) external;

    /// @notice Declares a shipment; the caller, an admitted logistics party, is its shipper and first custodian.
    /// @param waybill The shipper's own waybill; with the shipper it makes the shipment id.
    /// @param consignee Who the shipment is for.
    /// @param origin Where it leaves from.
    /// @param destination Where it goes.
    /// @param itemCount How many items the tree holds.
    /// @param itemsRoot Root of the StandardMerkleTree over the item ids.
    function declareShipment(
        string calldata waybill,
        address consignee,
        bytes2 origin,
        bytes2 destination,
        uint32 itemCount,
        bytes32 itemsRoot
    ) external returns (bytes32 shipmentId);

    /// @notice Hands a shipment over. Only its current custodian.
    /// @param shipmentId The shipment.
    /// @param to An admitted logistics party, or the consignee.
    /// @param place Where the hand-over took place, ISO 3166-1 alpha-2.
    function handOver(bytes32 shipmentId, address to, bytes2 place) external;

    /// @notice Records what a customs inspection found. Only an admitted customs office.
    /// @param shipmentId The shipment.
    /// @param outcome Cleared, held or seized.
    /// @param counts What the office counted.
    /// @param reportHash The SHA-256 (or keccak-256) of the office's report, as evidence.
    /// @param brandIds With a seizure: the brands whose goods it concerns (each gets an `InfringementRecorded`).
    function recordInspection(
        bytes32 shipmentId,
        InspectionOutcome outcome,
        InspectionCounts calldata counts,
        bytes32 reportHash,
        bytes32[] calldata brandIds
    ) external;

    /// @notice The role that admits parties (the same role name as the product registry's).
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice A party's record (`kind` None: not admitted).
    /// @param account The account.
    function getParty(address account) external view returns (Party memory);

    /// @notice A shipment's record (`declaredAt` 0: no such shipment).
    /// @param shipmentId The shipment.
    function getShipment(bytes32 shipmentId) external view returns (Shipment memory);

    /// @notice Whether the Merkle proof puts the item in the shipment's declared contents.
    /// @param shipmentId The shipment.
    /// @param itemId The item (see `ProductIds.itemId`).
    /// @param proof The item leaf's Merkle proof, leaf to root.
    function isDeclared(bytes32 shipmentId, bytes32 itemId, bytes32[] calldata proof) external view returns (bool);

    /// @notice `keccak256(abi.encode(shipper, waybill))`.
    /// @param shipper The shipper.
    /// @param waybill The shipper's waybill.
    function shipmentIdOf(address shipper, string calldata waybill) external pure returns (bytes32);
}
