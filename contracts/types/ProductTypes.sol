// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Life-cycle status of a batch, or the override recorded for a single item.
/// @dev `Active` is the zero value: an item without an override, a batch never flagged.
/// `Destroyed` is final; `Recalled` and `Stolen` can be lifted back to `Active`.
enum Status {
    Active,
    Recalled,
    Stolen,
    Destroyed
}

/// @notice How the key that signed an item code stands towards the item's batch.
/// @dev `Authorised`: a signer of the batch's brand not removed before the batch was anchored (it may have
/// been removed since, which does not touch earlier batches). `RevokedBeforeBatch`: removed at or before the
/// batch's anchoring time (or, for an unknown batch, removed at all). `Unknown`: not a signer of the brand.
enum SignerStanding {
    Unknown,
    Authorised,
    RevokedBeforeBatch
}

/// @notice The fields printed on a label, as signed with EIP-712 by a brand signer.
/// @param gtin The GS1 GTIN-14 as a number (check digit included).
/// @param lot The GS1 AI (10) batch/lot, 1-20 characters.
/// @param serial The GS1 AI (21) serial, 1-20 characters.
/// @param expiry The GS1 AI (17) expiry date as YYMMDD, 0 when the item has none.
struct ItemCode {
    uint64 gtin;
    string lot;
    string serial;
    uint32 expiry;
}

/// @notice A brand admitted by the consortium registrar.
/// @param admin The account that manages the brand's signers and statuses.
/// @param admittedAt When the registrar admitted the brand (0: no such brand).
/// @param country Where the brand is established, ISO 3166-1 alpha-2 in two ASCII capitals (zero: not given).
/// @param name The display name the registrar admitted the brand under; the brand id is its keccak-256.
/// @param metadataURI Where the brand's public profile (logo, contact) lives.
struct Brand {
    address admin;
    uint64 admittedAt;
    bytes2 country;
    string name;
    string metadataURI;
}

/// @notice An issuing key and its standing. A key belongs to one brand for ever.
/// @param brandId The brand the key signs for (zero: not a signer).
/// @param addedAt When the brand admin added the key.
/// @param removedAt When the brand admin removed the key (0: still active).
struct Signer {
    bytes32 brandId;
    uint64 addedAt;
    uint64 removedAt;
}

/// @notice An anchored batch: everything else about it lives in its `BatchRegistered` event.
/// @param merkleRoot Root of the StandardMerkleTree over the batch's item leaves.
/// @param signer The brand signer that anchored the batch (its brand is the batch's brand).
/// @param anchoredAt When the batch was anchored (0: no such batch).
/// @param itemCount How many items the tree holds.
/// @param status The batch-wide status.
struct Batch {
    bytes32 merkleRoot;
    address signer;
    uint40 anchoredAt;
    uint32 itemCount;
    Status status;
}

/// @notice An item's first sale, recorded once by its brand admin or a retailer the brand authorised.
/// @param seller The account that recorded the sale (zero: not sold yet).
/// @param activatedAt When the sale was recorded.
/// @param country Where, as an ISO 3166-1 alpha-2 code in two ASCII capitals.
struct Activation {
    address seller;
    uint40 activatedAt;
    bytes2 country;
}

/// @notice What the chain says about one item code.
/// @param brandId The brand whose batch was looked up.
/// @param batchId The id derived from brand, GTIN and lot.
/// @param itemId The id derived from the batch and the serial.
/// @param batchKnown Whether that batch has been anchored.
/// @param proofValid Whether the Merkle proof puts this exact item (serial and expiry) in the batch's tree.
/// @param batchStatus The batch-wide status.
/// @param itemStatus The item's own status override.
/// @param anchoredAt When the batch was anchored.
/// @param signer The address recovered from the item signature (zero when not checked or not recoverable).
/// @param signerStanding How that signer stands towards the batch.
/// @param signerRemovedAt When that signer was removed (0: still active).
struct ItemVerification {
    bytes32 brandId;
    bytes32 batchId;
    bytes32 itemId;
    bool batchKnown;
    bool proofValid;
    Status batchStatus;
    Status itemStatus;
    uint64 anchoredAt;
    address signer;
    SignerStanding signerStanding;
    uint64 signerRemovedAt;
}
