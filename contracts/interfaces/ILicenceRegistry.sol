// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    LicenceInfo,
    LicenceTerms,
    Notice,
    NoticeFiling,
    NoticeStatus,
    Platform,
    RejectionReason,
    RightsHolder,
    UnlicensedReason,
    Work
} from "../types/LicenceTypes.sol";

/// @title ILicenceRegistry
/// @notice Works, who may publish them (on which platform, where, until when), and the shared register of
/// infringement notices and the platforms' answers.
/// @dev Trust rules:
/// - The consortium registrar admits rights holders (by account) and platforms (id `keccak256(utf8(name))`,
///   with the account that answers notices); nobody admits themselves.
/// - An admitted rights holder registers a work: the SHA-256 of the file is its id, once.
/// - The work's owner grants root licences; the licensee of a sub-licensable licence grants sub-licences, never
///   wider than their parent in platforms, territories or period, at most `MAX_DEPTH` deep.
/// - A licence is revoked by its grantor or by the work's owner. `isLicensed` walks a licence's ancestors, so
///   revoking a licence invalidates every sub-licence under it, at any time asked about.
/// - Any admitted rights holder files a notice to an admitted platform; the platform's account answers it
///   once: removed, rejected (with a reason) or counter-noticed (with the counter-notice's hash).
/// - Territories are ISO 3166-1 alpha-2 codes as two ASCII capitals (whether a code is assigned is the
///   service's check), or worldwide: every such code.
interface ILicenceRegistry {
    /// @notice Thrown when a required address, string, list or hash is empty.
    error LicenceRegistryEmptyArgument(string argument);

    /// @notice Thrown when a territory is not two ASCII capitals.
    error LicenceRegistryInvalidTerritory(bytes2 territory);

    /// @notice Thrown when a licence is worldwide and also lists territories.
    error LicenceRegistryWorldwideWithTerritories(uint256 count);

    /// @notice Thrown when a period ends at or before its start.
    error LicenceRegistryInvalidPeriod(uint40 start, uint40 end);

    /// @notice Thrown when an account is admitted as a rights holder twice.
    error LicenceRegistryRightsHolderExists(address account);

    /// @notice Thrown when an account that is not an admitted rights holder registers a work or files a notice.
    error LicenceRegistryNotRightsHolder(address account);

    /// @notice Thrown when a platform name is admitted twice.
    error LicenceRegistryPlatformExists(bytes32 platformId);

    /// @notice Thrown when a platform id is not an admitted platform.
    error LicenceRegistryUnknownPlatform(bytes32 platformId);

    /// @notice Thrown when a licence lists the same platform twice.
    error LicenceRegistryDuplicatePlatform(bytes32 platformId);

    /// @notice Thrown when a content hash is registered a second time.
    error LicenceRegistryWorkExists(bytes32 workId, address owner);

    /// @notice Thrown when a work id was never registered.
    error LicenceRegistryUnknownWork(bytes32 workId);

    /// @notice Thrown when a licence id was never granted.
    error LicenceRegistryUnknownLicence(bytes32 licenceId);

    /// @notice Thrown when the caller may not grant this licence: a root licence needs the work's owner, a
    /// sub-licence the parent's licensee.
    error LicenceRegistryNotGrantor(bytes32 workId, bytes32 parentId, address account);

    /// @notice Thrown when a sub-licence names a parent licence of another work.
    error LicenceRegistryParentOfOtherWork(bytes32 parentId, bytes32 workId);

    /// @notice Thrown when a sub-licence is granted under a licence that may not be sub-licensed.
    error LicenceRegistryNotSublicensable(bytes32 parentId);

    /// @notice Thrown when a sub-licence would be deeper than `MAX_DEPTH`.
    error LicenceRegistryDepthExceeded(bytes32 parentId, uint8 maxDepth);

    /// @notice Thrown when a sub-licence names a platform its parent does not cover.
    error LicenceRegistryPlatformOutsideParent(bytes32 parentId, bytes32 platformId);

    /// @notice Thrown when a sub-licence covers a territory its parent does not (the first such, in code order).
    error LicenceRegistryTerritoryOutsideParent(bytes32 parentId, bytes2 territory);

    /// @notice Thrown when a sub-licence's period is not within its parent's.
    error LicenceRegistryPeriodOutsideParent(
        bytes32 parentId,
        uint40 start,
        uint40 end,
        uint40 parentStart,
        uint40 parentEnd
    );

    /// @notice Thrown when a licence is revoked twice, or a sub-licence is granted under a revoked one.
    error LicenceRegistryLicenceRevoked(bytes32 licenceId);

    /// @notice Thrown when the caller is neither the licence's grantor nor the work's owner.
    error LicenceRegistryNotRevoker(bytes32 licenceId, address account);

    /// @notice Thrown when a licensee already holds `MAX_LICENCES_PER_LICENSEE` licences on a work.
    error LicenceRegistryTooManyLicences(bytes32 workId, address licensee, uint256 max);

    /// @notice Thrown when a notice names both or neither of a work and a brand, or a batch without a brand.
    error LicenceRegistryInvalidNoticeSubject(bytes32 workId, bytes32 brandId, bytes32 batchId);

    /// @notice Thrown when the same sender files the same location and evidence to the same platform twice.
    error LicenceRegistryNoticeExists(bytes32 noticeId);

    /// @notice Thrown when a notice id was never filed.
    error LicenceRegistryUnknownNotice(bytes32 noticeId);

    /// @notice Thrown when anyone but the recipient platform's account answers a notice.
    error LicenceRegistryNotPlatformAccount(bytes32 platformId, address account);

    /// @notice Thrown when a notice is answered a second time.
    error LicenceRegistryNoticeAlreadyAnswered(bytes32 noticeId, NoticeStatus status);

    /// @notice Emitted when the registrar admitted a rights holder.
    event RightsHolderAdmitted(address indexed account, string name);

    /// @notice Emitted when the registrar admitted a platform.
    event PlatformAdmitted(bytes32 indexed platformId, address indexed account, string name);

    /// @notice Emitted when the registrar gave a platform a new answering account.
    event PlatformAccountChanged(bytes32 indexed platformId, address indexed previous, address indexed account);

    /// @notice Emitted when a rights holder registered a work.
    event WorkRegistered(bytes32 indexed workId, address indexed owner, uint64 perceptualHash, string metadataURI);

    /// @notice Emitted when a licence or sub-licence was granted.
    event LicenceGranted(
        bytes32 indexed licenceId,
        bytes32 indexed workId,
        address indexed licensee,
        address grantor,
        uint8 depth,
        LicenceTerms terms
    );

    /// @notice Emitted when a licence was revoked (its sub-licences fall with it, without events of their own).
    event LicenceRevoked(bytes32 indexed licenceId, bytes32 indexed workId, address indexed by);

    /// @notice Emitted when a rights holder filed an infringement notice.
    event NoticeFiled(
        bytes32 indexed noticeId,
        bytes32 indexed platformId,
        bytes32 indexed workId,
        address sender,
        NoticeFiling filing
    );

    /// @notice Emitted when a platform answered a notice.
    event NoticeAnswered(
        bytes32 indexed noticeId,
        bytes32 indexed platformId,
        NoticeStatus indexed status,
        RejectionReason rejection,
        bytes32 counterNoticeHash,
        string explanation
    );

    /// @notice Admits a rights holder. Only the registrar.
    /// @param account The rights holder's account.
    /// @param name Its public name.
    function admitRightsHolder(address account, string calldata name) external;

    /// @notice Admits a platform; its id is `keccak256(utf8(name))`. Only the registrar.
    /// @param name Its public name.
    /// @param account The account that answers its notices.
    function admitPlatform(string calldata name, address account) external returns (bytes32 platformId);

    /// @notice Gives a platform a new answering account (a lost or rotated key). Only the registrar.
    /// @param platformId The platform.
    /// @param account The new account.
    function setPlatformAccount(bytes32 platformId, address account) external;

    /// @notice Registers a work; the caller, an admitted rights holder, is its owner.
    /// @param workId The SHA-256 of the file.
    /// @param perceptualHash A 64-bit perceptual hash for images (0: none).
    /// @param metadataURI Where its metadata lives.
    function registerWork(bytes32 workId, uint64 perceptualHash, string calldata metadataURI) external;

    /// @notice Grants a licence: a root licence by the work's owner, or a sub-licence by the licensee of a
    /// sub-licensable parent, within the parent's platforms, territories and period.
    /// @param terms The licence.
    /// @return licenceId `keccak256(abi.encode(workId, index))`, `index` the work's licence count after it.
    function grantLicence(LicenceTerms calldata terms) external returns (bytes32 licenceId);

    /// @notice Revokes a licence and, through it, every sub-licence under it. Only its grantor or the work's owner.
    /// @param licenceId The licence.
    function revokeLicence(bytes32 licenceId) external;

    /// @notice Files an infringement notice; the caller, an admitted rights holder, is its sender.
    /// @param filing The notice.
    /// @return noticeId `keccak256(abi.encode(sender, platformId, locationHash, evidenceHash))`.
    function fileNotice(NoticeFiling calldata filing) external returns (bytes32 noticeId);

    /// @notice Answers a notice: the infringing content was removed. Only the platform's account, once.
    /// @param noticeId The notice.
    function confirmRemoval(bytes32 noticeId) external;

    /// @notice Answers a notice: rejected. Only the platform's account, once.
    /// @param noticeId The notice.
    /// @param reason Why (not `None`).
    /// @param explanation Free text, kept in the event.
    function rejectNotice(bytes32 noticeId, RejectionReason reason, string calldata explanation) external;

    /// @notice Answers a notice with the uploader's counter-notice. Only the platform's account, once.
    /// @param noticeId The notice.
    /// @param counterNoticeHash Hash of the counter-notice.
    function recordCounterNotice(bytes32 noticeId, bytes32 counterNoticeHash) external;

    /// @notice Whether `licensee` may publish the work on the platform, in the territory, at the time.
    /// @dev Never reverts. The work's owner is always licensed (`licenceId` 0). Otherwise every licence the
    /// licensee holds on the work is checked (platform, territory, period, then revocation of it and of each
    /// ancestor); the first valid one is returned, else the one that came closest with its reason.
    /// @param workId The work.
    /// @param licensee Who would publish it.
    /// @param platformId Where.
    /// @param territory In which territory, ISO 3166-1 alpha-2.
    /// @param time When (seconds since the epoch).
    /// @return licensed Whether it may.
    /// @return licenceId The licence that allows it, or that came closest (0: none).
    /// @return reason Why not (`None` when licensed).
    function isLicensed(
        bytes32 workId,
        address licensee,
        bytes32 platformId,
        bytes2 territory,
        uint64 time
    ) external view returns (bool licensed, bytes32 licenceId, UnlicensedReason reason);

    /// @notice The role that admits rights holders and platforms (the same role name as the other registries').
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice How deep sub-licences may go (a root licence has depth 1).
    function MAX_DEPTH() external view returns (uint8);

    /// @notice How many licences one licensee may hold on one work (revoked and expired ones count).
    function MAX_LICENCES_PER_LICENSEE() external view returns (uint256);

    /// @notice A rights holder's record (`admittedAt` 0: not admitted).
    /// @param account The account.
    function getRightsHolder(address account) external view returns (RightsHolder memory);

    /// @notice A platform's record (`admittedAt` 0: no such platform).
    /// @param platformId The platform.
    function getPlatform(bytes32 platformId) external view returns (Platform memory);

    /// @notice A work's record (`registeredAt` 0: no such work).
    /// @param workId The work.
    function getWork(bytes32 workId) external view returns (Work memory);

    /// @notice A licence's record (`grantedAt` 0: no such licence).
    /// @param licenceId The licence.
    function getLicence(bytes32 licenceId) external view returns (LicenceInfo memory);

    /// @notice The licences a licensee holds on a work, in grant order.
    /// @param workId The work.
    /// @param licensee The licensee.
    function licencesOf(bytes32 workId, address licensee) external view returns (bytes32[] memory);

    /// @notice A notice's record (`status` None: no such notice).
    /// @param noticeId The notice.
    function getNotice(bytes32 noticeId) external view returns (Notice memory);

    /// @notice `keccak256(utf8(name))`.
    /// @param name The platform's name.
    function platformIdOf(string calldata name) external pure returns (bytes32);

    /// @notice `keccak256(abi.encode(workId, index))`.
    /// @param workId The work.
    /// @param index The licence's 1-based number within the work.
    function licenceIdOf(bytes32 workId, uint32 index) external pure returns (bytes32);

    /// @notice `keccak256(abi.encode(sender, platformId, locationHash, evidenceHash))`.
    /// @param sender Who files it.
    /// @param platformId The recipient platform.
    /// @param locationHash Hash of the infringing location.
    /// @param evidenceHash Hash of the evidence.
    function noticeIdOf(
        address sender,
        bytes32 platformId,
        bytes32 locationHash,
        bytes32 evidenceHash
    ) external pure returns (bytes32);
}
