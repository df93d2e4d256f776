// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Activation, Batch, Brand, ItemCode, ItemVerification, Signer, Status} from "../types/ProductTypes.sol";

/// @title IProductRegistry
/// @notice The shared record of brands, their issuing keys and their anchored batches of serialised items.
/// @dev Trust rules, written once here:
/// - Only the consortium registrar admits a brand; nobody can make themselves one. The registrar records the
///   brand's display name (its id is the name's keccak-256, so two brands never share a name) and country.
/// - Which GTINs belong to a brand is the registrar's word too: it assigns GS1 company prefixes (4-12
///   digits, as a GS1 member organisation licenses them), and may withdraw or transfer one. Assigned prefixes
///   never nest, so a GTIN has at most one owner. A batch can only be anchored for a GTIN inside one of the
///   anchoring signer's brand's prefixes at that moment; batches anchored before a withdrawal or transfer
///   stay valid (the same rule as for removed signers).
/// - The hosts a brand's labels may point to (its GS1 resolver domains) are recorded by the registrar: a
///   label whose link names another host was not printed by the brand (the look-alike-site attack).
/// - A brand admin adds and removes issuing keys (signers). A key belongs to one brand for ever and, once
///   removed, can never be added again.
/// - A batch is one Merkle root over its items, anchored in one transaction by an active signer of the
///   brand; the batch records that signer and the time. The batch's brand is its signer's brand.
/// - Removing a compromised signer cuts it off from that moment on: it can anchor nothing more, and an
///   item signature by it counts only for batches anchored strictly before its removal. The brand's
///   genuine earlier batches, and the signatures on them, stay valid. Batches the attacker anchored before
///   the removal are handled with statuses (recall) by the brand admin. A key added after a batch was
///   anchored may sign that batch's labels (a reprint after a key rotation): what a signature proves is the
///   brand, and the Merkle proof proves the item.
/// - Statuses are the only per-item storage: an override set by the brand admin on a single item.
interface IProductRegistry {
    /// @notice Thrown when an id, address, URI or other argument is empty where a value is required.
    error ProductRegistryEmptyArgument(string argument);

    /// @notice Thrown when admitting a brand id that is already admitted.
    error ProductRegistryBrandExists(bytes32 brandId);

    /// @notice Thrown when a brand id has not been admitted.
    error ProductRegistryUnknownBrand(bytes32 brandId);

    /// @notice Thrown when `account` is not the admin of brand `brandId`.
    error ProductRegistryNotBrandAdmin(bytes32 brandId, address account);

    /// @notice Thrown when adding a key that already signs (or once signed) for brand `brandId`.
    error ProductRegistrySignerTaken(address signer, bytes32 brandId);

    /// @notice Thrown when `signer` is not an active signer of brand `brandId` (never added, or removed).
    error ProductRegistryNotActiveSigner(bytes32 brandId, address signer);

    /// @notice Thrown when `account` anchoring a batch is not an active signer of an admitted brand.
    error ProductRegistryUnauthorizedSigner(address account);

    /// @notice Thrown when a GTIN is not 14 digits with a valid GS1 check digit.
    error ProductRegistryInvalidGtin(uint64 gtin);

    /// @notice Thrown when a lot is empty or longer than 20 bytes.
    error ProductRegistryInvalidLot(string lot);

    /// @notice Thrown when a serial is empty or longer than 20 bytes.
    error ProductRegistryInvalidSerial(string serial);

    /// @notice Thrown when an expiry is neither 0 nor a YYMMDD date with month 01-12 and day 00-31.
    error ProductRegistryInvalidExpiry(uint32 expiry);

    /// @notice Thrown when a batch would hold no item.
    error ProductRegistryInvalidItemCount(uint32 itemCount);

    /// @notice Thrown when anchoring a batch id that is already anchored.
    error ProductRegistryBatchExists(bytes32 batchId);

    /// @notice Thrown when a batch id has not been anchored.
    error ProductRegistryUnknownBatch(bytes32 batchId);

    /// @notice Thrown when a status change is not allowed (no change, or out of the final `Destroyed`).
    error ProductRegistryInvalidStatusTransition(Status current, Status requested);

    /// @notice Thrown when an account that is neither the brand admin nor an authorised retailer records a sale.
    error ProductRegistryNotSeller(bytes32 brandId, address account);

    /// @notice Thrown when a retailer is authorised twice, or deauthorised while not authorised.
    error ProductRegistryRetailerUnchanged(bytes32 brandId, address retailer, bool authorised);

    /// @notice Thrown when a Merkle proof does not put the item in its batch.
    error ProductRegistryItemNotInBatch(bytes32 batchId, bytes32 itemId);

    /// @notice Thrown when an item's first sale was already recorded.
    error ProductRegistryItemAlreadyActivated(bytes32 itemId, address seller, uint40 activatedAt);

    /// @notice Thrown when a recalled, stolen or destroyed item (or one of such a batch) is sold.
    error ProductRegistryItemNotActive(bytes32 itemId, Status itemStatus, Status batchStatus);

    /// @notice Thrown when a country is not two ASCII capitals.
    error ProductRegistryInvalidCountry(bytes2 country);

    /// @notice Thrown when a brand's display name is empty or longer than 64 bytes.
    error ProductRegistryInvalidBrandName(string name);

    /// @notice Thrown when a GS1 company prefix is not 4 to 12 ASCII digits.
    error ProductRegistryInvalidPrefix(string prefix);

    /// @notice Thrown when assigning a prefix that brand `ownerId` already holds.
    error ProductRegistryPrefixTaken(string prefix, bytes32 ownerId);

    /// @notice Thrown when assigning a prefix that starts, or is started by, a prefix already assigned.
    error ProductRegistryPrefixOverlaps(string prefix);

    /// @notice Thrown when withdrawing or transferring a prefix nobody holds.
    error ProductRegistryUnknownPrefix(string prefix);

    /// @notice Thrown when anchoring a batch for a GTIN outside the anchoring brand's prefixes (`ownerId`
    /// zero: no brand holds it).
    error ProductRegistryGtinNotOwned(uint64 gtin, bytes32 brandId, bytes32 ownerId);

    /// @notice Thrown when a label host is empty, longer than 255 bytes or has a character outside
    /// lower-case letters, digits, `-`, `.` and `:` (a port).
    error ProductRegistryInvalidLabelDomain(string host);

    /// @notice Thrown when adding a label host the brand already has, or removing one it does not have.
    error ProductRegistryLabelDomainUnchanged(bytes32 brandId, string host, bool registered);

    /// @notice Emitted when the registrar admitted a brand.
    event BrandAdmitted(bytes32 indexed brandId, address indexed admin, string name, bytes2 country, string metadataURI);

    /// @notice Emitted when the registrar assigned a GS1 company prefix to a brand.
    event PrefixAssigned(bytes32 indexed brandId, string prefix);

    /// @notice Emitted when the registrar withdrew a brand's GS1 company prefix.
    event PrefixWithdrawn(bytes32 indexed brandId, string prefix);

    /// @notice Emitted when the registrar moved a GS1 company prefix from one brand to another.
    event PrefixTransferred(bytes32 indexed fromBrandId, bytes32 indexed toBrandId, string prefix);

    /// @notice Emitted when the registrar recorded a host the brand's labels may point to.
    event LabelDomainAdded(bytes32 indexed brandId, string host);

    /// @notice Emitted when the registrar removed a host from the brand's label hosts.
    event LabelDomainRemoved(bytes32 indexed brandId, string host);

    /// @notice Emitted when a brand's admin account changed.
    event BrandAdminChanged(bytes32 indexed brandId, address indexed previousAdmin, address indexed newAdmin);

    /// @notice Emitted when a brand admin added an issuing key.
    event SignerAdded(bytes32 indexed brandId, address indexed signer);

    /// @notice Emitted when a brand admin removed an issuing key.
    event SignerRemoved(bytes32 indexed brandId, address indexed signer);

    /// @notice Emitted when a signer anchored a batch. The event is the batch's index: lot, expiry and
    /// metadata are not kept in storage.
    event BatchRegistered(
        bytes32 indexed batchId,
        bytes32 indexed brandId,
        address indexed signer,
        uint64 gtin,
        string lot,
        uint32 expiry,
        uint32 itemCount,
        bytes32 merkleRoot,
        string metadataURI
    );

    /// @notice Emitted when a brand admin changed a whole batch's status.
    event BatchStatusChanged(bytes32 indexed batchId, Status previousStatus, Status newStatus);

    /// @notice Emitted when a brand admin changed one item's status.
    event ItemStatusChanged(
        bytes32 indexed batchId,
        bytes32 indexed itemId,
        string serial,
        Status previousStatus,
        Status newStatus
    );

    /// @notice Emitted when a brand admin authorised a retailer to record first sales of its items.
    event RetailerAuthorised(bytes32 indexed brandId, address indexed retailer);

    /// @notice Emitted when a brand admin withdrew a retailer's authorisation.
    event RetailerDeauthorised(bytes32 indexed brandId, address indexed retailer);

    /// @notice Emitted when an item's first sale was recorded.
    event ItemActivated(bytes32 indexed batchId, bytes32 indexed itemId, address indexed seller, bytes2 country);

    /// @notice Admits a brand. Only the registrar.
    /// @dev Reverts with `ProductRegistryInvalidBrandName`, `ProductRegistryInvalidCountry`,
    /// `ProductRegistryEmptyArgument("admin")` or `ProductRegistryBrandExists` (a brand of that name exists).
    /// @param name The brand's display name, 1-64 bytes of UTF-8; the brand id is its keccak-256.
    /// @param country Where the brand is established (ISO 3166-1 alpha-2), or zero when not given.
    /// @param admin The account that will manage the brand's signers and statuses.
    /// @param metadataURI Where the brand's public profile lives.
    /// @return brandId `keccak256(bytes(name))`.
    function admitBrand(
        string calldata name,
        bytes2 country,
        address admin,
        string calldata metadataURI
    ) external returns (bytes32 brandId);

    /// @notice Assigns a GS1 company prefix to a brand. Only the registrar.
    /// @dev Reverts with `ProductRegistryUnknownBrand`, `ProductRegistryInvalidPrefix`,
    /// `ProductRegistryPrefixTaken` (assigned already, to whichever brand) or `ProductRegistryPrefixOverlaps`.
    /// @param brandId An admitted brand.
    /// @param prefix 4-12 ASCII digits; it must neither start nor be started by an assigned prefix.
    function assignPrefix(bytes32 brandId, string calldata prefix) external;

    /// @notice Withdraws a GS1 company prefix from its brand. Only the registrar. Batches anchored before
    /// stay valid; no new batch can be anchored under it.
    /// @dev Reverts with `ProductRegistryInvalidPrefix` (malformed) or `ProductRegistryUnknownPrefix`.
    /// @param prefix An assigned prefix.
    function withdrawPrefix(string calldata prefix) external;

    /// @notice Moves a GS1 company prefix to another brand. Only the registrar. The previous holder's
    /// batches anchored before stay valid.
    /// @dev Reverts with `ProductRegistryInvalidPrefix` (malformed), `ProductRegistryUnknownPrefix`,
    /// `ProductRegistryUnknownBrand` (receiver) or `ProductRegistryPrefixTaken` (the receiver holds it already).
    /// @param prefix An assigned prefix.
    /// @param toBrandId An admitted brand other than the current holder.
    function transferPrefix(string calldata prefix, bytes32 toBrandId) external;

    /// @notice Records a host (as in a URL: lower-case name, optional `:port`) the brand's labels may point
    /// to. Only the registrar.
    /// @dev Reverts with `ProductRegistryUnknownBrand`, `ProductRegistryInvalidLabelDomain` or
    /// `ProductRegistryLabelDomainUnchanged` (registered true). Upper case is refused, not folded: one host,
    /// one spelling.
    /// @param brandId An admitted brand.
    /// @param host The host, e.g. `id.brand.example`.
    function addLabelDomain(bytes32 brandId, string calldata host) external;

    /// @notice Removes a host from the brand's label hosts. Only the registrar.
    /// @dev Reverts with `ProductRegistryUnknownBrand`, `ProductRegistryInvalidLabelDomain` or
    /// `ProductRegistryLabelDomainUnchanged` (registered false).
    /// @param brandId The brand.
    /// @param host A host the brand has.
    function removeLabelDomain(bytes32 brandId, string calldata host) external;

    /// @notice Hands a brand to a new admin account. The current admin, or the registrar to recover a
    /// brand whose admin key is lost.
    /// @param brandId The brand.
    /// @param newAdmin The account that manages the brand from now on.
    function setBrandAdmin(bytes32 brandId, address newAdmin) external;

    /// @notice Adds an issuing key to a brand. Only the brand admin.
    /// @param brandId The brand.
    /// @param signer The key; it must never have signed for any brand.
    function addSigner(bytes32 brandId, address signer) external;

    /// @notice Removes an issuing key from a brand for ever. Only the brand admin. Batches anchored
    /// before now stay valid, and so do the key's signatures on them.
    /// @param brandId The brand.
    /// @param signer The active key to cut off.
    function removeSigner(bytes32 brandId, address signer) external;

    /// @notice Anchors a batch in one transaction whose gas does not depend on its item count.
    /// The caller must be an active signer of an admitted brand; the batch is that brand's.
    /// @dev The GTIN must be in one of the brand's GS1 company prefixes at this moment, else
    /// `ProductRegistryGtinNotOwned` (checked after the signer and the fields).
    /// @param gtin The GS1 GTIN-14 as a number.
    /// @param lot The GS1 lot, 1-20 bytes.
    /// @param expiry YYMMDD, or 0 for none.
    /// @param itemCount How many items the tree holds.
    /// @param merkleRoot The StandardMerkleTree root over the leaves `leaf(itemId(batchId, serial), expiry)`.
    /// @param metadataURI Where the batch's public description lives (may be empty).
    /// @return batchId The id derived from brand, GTIN and lot.
    function registerBatch(
        uint64 gtin,
        string calldata lot,
        uint32 expiry,
        uint32 itemCount,
        bytes32 merkleRoot,
        string calldata metadataURI
    ) external returns (bytes32 batchId);

    /// @notice Sets a whole batch's status. Only the brand admin.
    /// @param batchId The batch.
    /// @param status The new status; `Destroyed` is final.
    function setBatchStatus(bytes32 batchId, Status status) external;

    /// @notice Sets one item's status override. Only the brand admin.
    /// @param batchId The item's batch.
    /// @param serial The item's serial; the item id is derived from the batch and the serial.
    /// @param status The new status; `Destroyed` is final.
    function setItemStatus(bytes32 batchId, string calldata serial, Status status) external;

    /// @notice Lets a retailer record first sales of the brand's items. Only the brand admin.
    /// @param brandId The brand.
    /// @param retailer The retailer's account.
    function authoriseRetailer(bytes32 brandId, address retailer) external;

    /// @notice Withdraws a retailer's authorisation; sales it recorded stay recorded. Only the brand admin.
    /// @param brandId The brand.
    /// @param retailer The retailer's account.
    function deauthoriseRetailer(bytes32 brandId, address retailer) external;

    /// @notice Records an item's first sale, once. Only the brand admin or a retailer it authorised.
    /// The item must be proven in its anchored batch, and neither it nor its batch may be revoked.
    /// @param brandId The item's brand.
    /// @param code The item's fields (the label's content).
    /// @param proof The item leaf's Merkle proof, leaf to root.
    /// @param country Where the sale took place (ISO 3166-1 alpha-2).
    function activateItem(
        bytes32 brandId,
        ItemCode calldata code,
        bytes32[] calldata proof,
        bytes2 country
    ) external returns (bytes32 itemId);

    /// @notice The brand holding the GS1 company prefix that the GTIN falls in (zero: none), and that prefix.
    /// Never reverts: a number that is no valid GTIN-14 has no holder.
    /// @param gtin The GTIN-14 as a number; its company prefix starts after the indicator digit.
    function gtinOwner(uint64 gtin) external view returns (bytes32 brandId, string memory prefix);

    /// @notice The brand holding exactly this prefix (zero: none, or not 4-12 digits). Never reverts.
    /// @param prefix The prefix's digits.
    function prefixOwner(string calldata prefix) external view returns (bytes32);

    /// @notice Whether the brand's labels may point to `host`. Never reverts; false for a malformed host.
    /// @param brandId The brand.
    /// @param host The host, lower-case, with `:port` when the link names one.
    function isLabelDomain(bytes32 brandId, string calldata host) external view returns (bool);

    /// @notice The role that admits brands (and, in sibling registries, other consortium members).
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice A brand's record (`admittedAt` 0: no such brand).
    /// @param brandId The brand.
    function getBrand(bytes32 brandId) external view returns (Brand memory);

    /// @notice An issuing key's record (`brandId` zero: not a signer).
    /// @param signer The key's address.
    function getSigner(address signer) external view returns (Signer memory);

    /// @notice A batch's record (`anchoredAt` 0: no such batch).
    /// @param batchId The batch.
    function getBatch(bytes32 batchId) external view returns (Batch memory);

    /// @notice An item's status override (`Active` when none was set).
    /// @param itemId The item.
    function getItemStatus(bytes32 itemId) external view returns (Status);

    /// @notice Whether an account may record first sales of the brand's items (the brand admin always may).
    /// @param brandId The brand.
    /// @param account The account.
    function isRetailer(bytes32 brandId, address account) external view returns (bool);

    /// @notice An item's first sale (`seller` zero: not sold yet).
    /// @param itemId The item.
    function getActivation(bytes32 itemId) external view returns (Activation memory);

    /// @notice The brand of a batch, through the signer that anchored it (zero: no such batch).
    /// @param batchId The batch.
    function batchBrand(bytes32 batchId) external view returns (bytes32);

    /// @notice What the chain says about an item code and its Merkle proof, for a given brand.
    /// Never reverts on a bad code or proof: it reports.
    /// @param brandId The brand whose batch the item claims to belong to.
    /// @param code The item's fields.
    /// @param proof The item leaf's Merkle proof, leaf to root.
    function verifyItem(
        bytes32 brandId,
        ItemCode calldata code,
        bytes32[] calldata proof
    ) external view returns (ItemVerification memory);

    /// @notice Like `verifyItem`, the brand being that of the key that signed the code.
    /// @param code The item's fields.
    /// @param signature The EIP-712 signature over the code: 65 bytes, or 64 bytes in ERC-2098 form.
    /// @param proof The item leaf's Merkle proof, leaf to root.
    function verifySignedItem(
        ItemCode calldata code,
        bytes calldata signature,
        bytes32[] calldata proof
    ) external view returns (ItemVerification memory);

    /// @notice The EIP-712 digest a brand signer signs for an item code on this chain and registry.
    /// @param code The item's fields.
    function itemDigest(ItemCode calldata code) external view returns (bytes32);

    /// @notice `keccak256(abi.encode(brandId, gtin, lot))`.
    /// @param brandId The brand.
    /// @param gtin The GTIN-14 as a number.
    /// @param lot The lot.
    function batchIdOf(bytes32 brandId, uint64 gtin, string calldata lot) external pure returns (bytes32);

    /// @notice `keccak256(abi.encode(batchId, serial))`.
    /// @param batchId The batch.
    /// @param serial The serial.
    function itemIdOf(bytes32 batchId, string calldata serial) external pure returns (bytes32);

    /// @notice The StandardMerkleTree leaf: `keccak256(bytes.concat(keccak256(abi.encode(itemId, expiry))))`.
    /// @param itemId The item.
    /// @param expiry YYMMDD, or 0 for none.
    function leafOf(bytes32 itemId, uint32 expiry) external pure returns (bytes32);
}
