// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Why `isLicensed` answered no. Ordered by how far the check got: with several licences of the same
/// licensee on the same work, the answer names the one that came closest (the highest value).
/// @dev `None` is the zero value: licensed.
enum UnlicensedReason {
    None,
    UnknownWork,
    NoLicence,
    PlatformNotCovered,
    TerritoryNotCovered,
    NotYetValid,
    Expired,
    Revoked,
    AncestorRevoked
}

/// @notice Where an infringement notice stands. `None` is the zero value: no such notice.
enum NoticeStatus {
    None,
    Filed,
    Removed,
    Rejected,
    CounterNoticed
}

/// @notice Why a platform rejected a notice (with a free-text explanation in the event).
/// @dev `None` is the zero value: not rejected.
enum RejectionReason {
    None,
    Licensed,
    NotInfringing,
    InsufficientInformation,
    LocationNotFound,
    Other
}

/// @notice A rights holder admitted by the consortium registrar.
/// @param admittedAt When the registrar admitted it (0: not admitted).
/// @param name Its public name.
struct RightsHolder {
    uint40 admittedAt;
    string name;
}

/// @notice A platform admitted by the consortium registrar; its id is `keccak256(utf8(name))`.
/// @param account The account that answers the platform's notices.
/// @param admittedAt When the registrar admitted it (0: no such platform).
/// @param name Its public name.
struct Platform {
    address account;
    uint40 admittedAt;
    string name;
}

/// @notice A registered work. Its id is the SHA-256 of the file.
/// @param owner The rights holder that registered it; it grants the root licences.
/// @param registeredAt When it was registered (0: no such work).
/// @param perceptualHash A 64-bit perceptual hash for images (0: none); near-duplicate matching is off chain.
/// @param licenceCount How many licences (root and sub-licences) were granted on it; licence `i` (1-based)
/// has the id `keccak256(abi.encode(workId, i))`.
/// @param metadataURI Where its metadata lives.
struct Work {
    address owner;
    uint40 registeredAt;
    uint64 perceptualHash;
    uint32 licenceCount;
    string metadataURI;
}

/// @notice What a grantor asks for in `grantLicence`.
/// @param workId The work (its SHA-256).
/// @param parentId The licence this one is carved out of (0: a root licence, granted by the work's owner).
/// @param licensee Who receives it.
/// @param start First second of validity.
/// @param end First second after it: valid for `start <= time < end` (`type(uint40).max`: no end).
/// @param sublicensable Whether the licensee may grant sub-licences within it.
/// @param worldwide Every territory; `territories` must then be empty.
/// @param platformIds The platforms (ids of admitted platforms, at least one, no repeats).
/// @param territories ISO 3166-1 alpha-2 codes as two ASCII capitals (at least one unless worldwide).
struct LicenceTerms {
    bytes32 workId;
    bytes32 parentId;
    address licensee;
    uint40 start;
    uint40 end;
    bool sublicensable;
    bool worldwide;
    bytes32[] platformIds;
    bytes2[] territories;
}

/// @notice A licence as read back from the registry.
/// @param workId The work.
/// @param parentId The parent licence (0: a root licence).
/// @param licensee Who holds it.
/// @param grantor Who granted it: the work's owner, or the parent's licensee.
/// @param start First second of validity.
/// @param end First second after it.
/// @param grantedAt When it was granted (0: no such licence).
/// @param revokedAt When it was revoked (0: not revoked).
/// @param depth 1 for a root licence, its parent's depth + 1 for a sub-licence.
/// @param sublicensable Whether the licensee may grant sub-licences.
/// @param worldwide Every territory (`territories` is then empty).
/// @param platformIds The platforms.
/// @param territories The territories, in code order.
struct LicenceInfo {
    bytes32 workId;
    bytes32 parentId;
    address licensee;
    address grantor;
    uint40 start;
    uint40 end;
    uint40 grantedAt;
    uint40 revokedAt;
    uint8 depth;
    bool sublicensable;
    bool worldwide;
    bytes32[] platformIds;
    bytes2[] territories;
}

/// @notice What a rights holder files in `fileNotice` (the fields of notice databases such as Lumen).
/// @param principal The rights holder on whose behalf the notice is sent (the caller is the sender).
/// @param platformId The recipient platform.
/// @param territory The jurisdiction, ISO 3166-1 alpha-2.
/// @param workId The infringed work (0 when the notice is about a product).
/// @param brandId The counterfeited product's brand (0 when the notice is about a work).
/// @param batchId The counterfeited product's batch, if known (0: the brand as a whole).
/// @param locationHash Hash of the infringing location (the URL).
/// @param evidenceHash Hash of the evidence.
struct NoticeFiling {
    address principal;
    bytes32 platformId;
    bytes2 territory;
    bytes32 workId;
    bytes32 brandId;
    bytes32 batchId;
    bytes32 locationHash;
    bytes32 evidenceHash;
}

/// @notice An infringement notice and the platform's answer.
/// @param sender The admitted rights holder that filed it.
/// @param filedAt When it was filed (0: no such notice).
/// @param answeredAt When the platform answered (0: not yet).
/// @param status Filed, or the platform's answer.
/// @param rejection With `Rejected`: why.
/// @param principal The rights holder on whose behalf it was sent.
/// @param territory The jurisdiction.
/// @param platformId The recipient platform.
/// @param workId The infringed work (0: a product notice).
/// @param brandId The product's brand (0: a work notice).
/// @param batchId The product's batch (0: unknown or a work notice).
/// @param locationHash Hash of the infringing location.
/// @param evidenceHash Hash of the evidence.
/// @param counterNoticeHash With `CounterNoticed`: hash of the counter-notice.
struct Notice {
    address sender;
    uint40 filedAt;
    uint40 answeredAt;
    NoticeStatus status;
    RejectionReason rejection;
    address principal;
    bytes2 territory;
    bytes32 platformId;
    bytes32 workId;
    bytes32 brandId;
    bytes32 batchId;
    bytes32 locationHash;
    bytes32 evidenceHash;
    bytes32 counterNoticeHash;
}
