// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What the consortium registrar admitted an account as.
/// @dev `None` is the zero value: not admitted (or withdrawn).
enum PartyKind {
    None,
    Logistics,
    Customs
}

/// @notice What a customs office decided about a shipment.
enum InspectionOutcome {
    Cleared,
    Held,
    Seized
}

/// @notice A logistics party (shippers, carriers, consignees) or a customs office.
/// @param kind What the account was admitted as.
/// @param country Where it operates (a customs office: its country), ISO 3166-1 alpha-2.
/// @param admittedAt When the registrar admitted it.
/// @param name Its public name.
struct Party {
    PartyKind kind;
    bytes2 country;
    uint40 admittedAt;
    string name;
}

/// @notice A declared shipment. Its items live in a Merkle root; its history lives in events.
/// @param itemsRoot Root of the StandardMerkleTree over the item ids (leaf encoding `["bytes32"]`).
/// @param shipper Who declared it.
/// @param consignee Who it is for.
/// @param custodian Who holds it now.
/// @param itemCount How many items the tree holds.
/// @param declaredAt When it was declared (0: no such shipment).
/// @param origin Where it leaves from, ISO 3166-1 alpha-2.
/// @param destination Where it goes, ISO 3166-1 alpha-2.
/// @param inspections How many inspections were recorded.
/// @param seized Whether a customs office seized it.
struct Shipment {
    bytes32 itemsRoot;
    address shipper;
    address consignee;
    address custodian;
    uint32 itemCount;
    uint40 declaredAt;
    bytes2 origin;
    bytes2 destination;
    uint16 inspections;
    bool seized;
}

/// @notice What a customs office found, item by item, summed.
/// @param genuine Genuine items declared in the shipment.
/// @param counterfeit Items whose code is forged or not issued.
/// @param undeclared Genuine items not declared in this shipment.
/// @param revoked Recalled, stolen or destroyed items, or items of such batches.
struct InspectionCounts {
    uint32 genuine;
    uint32 counterfeit;
    uint32 undeclared;
    uint32 revoked;
}
