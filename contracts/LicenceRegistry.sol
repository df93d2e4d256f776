// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ILicenceRegistry} from "./interfaces/ILicenceRegistry.sol";
import {LicenceIds} from "./libraries/LicenceIds.sol";
import {Territories} from "./libraries/Territories.sol";
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
} from "./types/LicenceTypes.sol";

/// @title LicenceRegistry
/// @notice Works as SHA-256 hashes, licences and sub-licences scoped by platform, territory and period, and the
/// register of infringement notices and the platforms' answers.
/// @dev See {ILicenceRegistry} for the trust rules. The consortium's governance holds `DEFAULT_ADMIN_ROLE` and
/// grants `REGISTRAR_ROLE`.
contract LicenceRegistry is ILicenceRegistry, AccessControl {
    using Territories for uint256[3];

    /// @dev A licence in storage. The first two slots are what `isLicensed` reads; an ancestor costs one slot
    /// (`revokedAt`, `parentIndex`), its id being recomputed from the work and the index.
    struct LicenceRecord {
        address licensee;
        uint40 start;
        uint40 end;
        bool sublicensable;
        bool worldwide;
        uint40 grantedAt;
        uint40 revokedAt;
        uint32 index;
        uint32 parentIndex;
        uint8 depth;
        bytes32 workId;
        uint256[3] territories;
        bytes32[] platformIds;
    }

    /// @inheritdoc ILicenceRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @inheritdoc ILicenceRegistry
    uint8 public constant MAX_DEPTH = 8;

    /// @inheritdoc ILicenceRegistry
    uint256 public constant MAX_LICENCES_PER_LICENSEE = 32;

    /// @dev Admitted rights holders.
    mapping(address account => RightsHolder holder) private _rightsHolders;

    /// @dev Admitted platforms.
    mapping(bytes32 platformId => Platform platform) private _platforms;

    /// @dev Registered works.
    mapping(bytes32 workId => Work work) private _works;

    /// @dev Granted licences.
    mapping(bytes32 licenceId => LicenceRecord licence) private _licences;

    /// @dev The platforms each licence covers, for one-read membership tests.
    mapping(bytes32 licenceId => mapping(bytes32 platformId => bool covered)) private _licencePlatforms;

    /// @dev The licences each licensee holds on each work: what `isLicensed` looks through.
    mapping(bytes32 workId => mapping(address licensee => bytes32[] licenceIds)) private _licencesOf;

    /// @dev Filed notices.
    mapping(bytes32 noticeId => Notice notice) private _notices;

    /// @param governance Receives `DEFAULT_ADMIN_ROLE` (grants and revokes registrars).
    /// @param registrar Receives `REGISTRAR_ROLE`.
    constructor(address governance, address registrar) {
        if (governance == address(0)) revert LicenceRegistryEmptyArgument("governance");
        if (registrar == address(0)) revert LicenceRegistryEmptyArgument("registrar");
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(REGISTRAR_ROLE, registrar);
    }

    /// @inheritdoc ILicenceRegistry
    function admitRightsHolder(address account, string calldata name) external onlyRole(REGISTRAR_ROLE) {
        if (account == address(0)) revert LicenceRegistryEmptyArgument("account");
        if (bytes(name).length == 0) revert LicenceRegistryEmptyArgument("name");
        RightsHolder storage holder = _rightsHolders[account];
        if (holder.admittedAt != 0) revert LicenceRegistryRightsHolderExists(account);
        holder.admittedAt = _now();
        holder.name = name;
        emit RightsHolderAdmitted(account, name);
    }

    /// @inheritdoc ILicenceRegistry
    function admitPlatform(
        string calldata name,
        address account
    ) external onlyRole(REGISTRAR_ROLE) returns (bytes32 platformId) {
        if (bytes(name).length == 0) revert LicenceRegistryEmptyArgument("name");
        if (account == address(0)) revert LicenceRegistryEmptyArgument("account");
        platformId = LicenceIds.platformId(name);
        Platform storage platform = _platforms[platformId];
        if (platform.admittedAt != 0) revert LicenceRegistryPlatformExists(platformId);
        platform.account = account;
        platform.admittedAt = _now();
        platform.name = name;
        emit PlatformAdmitted(platformId, account, name);
    }

    /// @inheritdoc ILicenceRegistry
    function setPlatformAccount(bytes32 platformId, address account) external onlyRole(REGISTRAR_ROLE) {
        if (account == address(0)) revert LicenceRegistryEmptyArgument("account");
        Platform storage platform = _existingPlatform(platformId);
        address previous = platform.account;
        platform.account = account;
        emit PlatformAccountChanged(platformId, previous, account);
    }

    /// @inheritdoc ILicenceRegistry
    function registerWork(bytes32 workId, uint64 perceptualHash, string calldata metadataURI) external {
        _checkRightsHolder(msg.sender);
        if (workId == bytes32(0)) revert LicenceRegistryEmptyArgument("workId");
        Work storage work = _works[workId];
        if (work.registeredAt != 0) revert LicenceRegistryWorkExists(workId, work.owner);
        work.owner = msg.sender;
        work.registeredAt = _now();
        work.perceptualHash = perceptualHash;
        work.metadataURI = metadataURI;
        emit WorkRegistered(workId, msg.sender, perceptualHash, metadataURI);
    }

    /// @inheritdoc ILicenceRegistry
    function grantLicence(LicenceTerms calldata terms) external returns (bytes32 licenceId) {
        Work storage work = _existingWork(terms.workId);
        if (terms.licensee == address(0)) revert LicenceRegistryEmptyArgument("licensee");
        if (terms.end <= terms.start) revert LicenceRegistryInvalidPeriod(terms.start, terms.end);
        if (terms.platformIds.length == 0) revert LicenceRegistryEmptyArgument("platformIds");
        uint256[3] memory territories = _territorySet(terms.worldwide, terms.territories);

        uint8 depth = 1;
        uint32 parentIndex = 0;
        if (terms.parentId == bytes32(0)) {
            if (msg.sender != work.owner) revert LicenceRegistryNotGrantor(terms.workId, bytes32(0), msg.sender);
        } else {
            LicenceRecord storage parent = _checkParent(terms, territories);
            depth = parent.depth + 1;
            parentIndex = parent.index;
        }

        bytes32[] storage held = _licencesOf[terms.workId][terms.licensee];
        if (held.length >= MAX_LICENCES_PER_LICENSEE) {
            revert LicenceRegistryTooManyLicences(terms.workId, terms.licensee, MAX_LICENCES_PER_LICENSEE);
        }
        uint32 index = ++work.licenceCount;
        licenceId = LicenceIds.licenceId(terms.workId, index);
        _recordPlatforms(licenceId, terms.parentId, terms.platformIds);

        LicenceRecord storage licence = _licences[licenceId];
        licence.licensee = terms.licensee;
        licence.start = terms.start;
        licence.end = terms.end;
        licence.sublicensable = terms.sublicensable;
        licence.worldwide = terms.worldwide;
        licence.grantedAt = _now();
        licence.index = index;
        licence.parentIndex = parentIndex;
        licence.depth = depth;
        licence.workId = terms.workId;
        licence.territories = territories;
        licence.platformIds = terms.platformIds;
        held.push(licenceId);
        emit LicenceGranted(licenceId, terms.workId, terms.licensee, msg.sender, depth, terms);
    }

    /// @inheritdoc ILicenceRegistry
    function revokeLicence(bytes32 licenceId) external {
        LicenceRecord storage licence = _existingLicence(licenceId);
        if (licence.revokedAt != 0) revert LicenceRegistryLicenceRevoked(licenceId);
        bytes32 workId = licence.workId;
        if (msg.sender != _works[workId].owner && msg.sender != _grantorOf(licence)) {
            revert LicenceRegistryNotRevoker(licenceId, msg.sender);
        }
        licence.revokedAt = _now();
        emit LicenceRevoked(licenceId, workId, msg.sender);
    }

    /// @inheritdoc ILicenceRegistry
    function fileNotice(NoticeFiling calldata filing) external returns (bytes32 noticeId) {
        _checkRightsHolder(msg.sender);
        if (filing.principal == address(0)) revert LicenceRegistryEmptyArgument("principal");
        _existingPlatform(filing.platformId);
        if (!Territories.isCode(filing.territory)) revert LicenceRegistryInvalidTerritory(filing.territory);
        bool aboutWork = filing.workId != bytes32(0);
        bool aboutProduct = filing.brandId != bytes32(0);
        if (aboutWork == aboutProduct || (aboutWork && filing.batchId != bytes32(0))) {
            revert LicenceRegistryInvalidNoticeSubject(filing.workId, filing.brandId, filing.batchId);
        }
        if (aboutWork) _existingWork(filing.workId);
        if (filing.locationHash == bytes32(0)) revert LicenceRegistryEmptyArgument("locationHash");
        if (filing.evidenceHash == bytes32(0)) revert LicenceRegistryEmptyArgument("evidenceHash");

        noticeId = LicenceIds.noticeId(msg.sender, filing.platformId, filing.locationHash, filing.evidenceHash);
        Notice storage notice = _notices[noticeId];
        if (notice.status != NoticeStatus.None) revert LicenceRegistryNoticeExists(noticeId);
        notice.sender = msg.sender;
        notice.filedAt = _now();
        notice.status = NoticeStatus.Filed;
        notice.principal = filing.principal;
        notice.territory = filing.territory;
        notice.platformId = filing.platformId;
        notice.workId = filing.workId;
        notice.brandId = filing.brandId;
        notice.batchId = filing.batchId;
        notice.locationHash = filing.locationHash;
        notice.evidenceHash = filing.evidenceHash;
        emit NoticeFiled(noticeId, filing.platformId, filing.workId, msg.sender, filing);
    }

    /// @inheritdoc ILicenceRegistry
    function confirmRemoval(bytes32 noticeId) external {
        Notice storage notice = _answerableNotice(noticeId);
        notice.status = NoticeStatus.Removed;
        notice.answeredAt = _now();
        emit NoticeAnswered(noticeId, notice.platformId, NoticeStatus.Removed, RejectionReason.None, bytes32(0), "");
    }

    /// @inheritdoc ILicenceRegistry
    function rejectNotice(bytes32 noticeId, RejectionReason reason, string calldata explanation) external {
        Notice storage notice = _answerableNotice(noticeId);
        if (reason == RejectionReason.None) revert LicenceRegistryEmptyArgument("reason");
        notice.status = NoticeStatus.Rejected;
        notice.rejection = reason;
        notice.answeredAt = _now();
        emit NoticeAnswered(noticeId, notice.platformId, NoticeStatus.Rejected, reason, bytes32(0), explanation);
    }

    /// @inheritdoc ILicenceRegistry
    function recordCounterNotice(bytes32 noticeId, bytes32 counterNoticeHash) external {
        Notice storage notice = _answerableNotice(noticeId);
        if (counterNoticeHash == bytes32(0)) revert LicenceRegistryEmptyArgument("counterNoticeHash");
        notice.status = NoticeStatus.CounterNoticed;
        notice.counterNoticeHash = counterNoticeHash;
        notice.answeredAt = _now();
        emit NoticeAnswered(
            noticeId,
            notice.platformId,
            NoticeStatus.CounterNoticed,
            RejectionReason.None,
            counterNoticeHash,
            ""
        );
    }

    /// @inheritdoc ILicenceRegistry
    function isLicensed(
        bytes32 workId,
        address licensee,
        bytes32 platformId,
        bytes2 territory,
        uint64 time
    ) external view returns (bool licensed, bytes32 licenceId, UnlicensedReason reason) {
        address owner = _works[workId].owner;
        if (owner == address(0)) return (false, bytes32(0), UnlicensedReason.UnknownWork);
        if (licensee == owner) return (true, bytes32(0), UnlicensedReason.None);
        bytes32[] storage held = _licencesOf[workId][licensee];
        uint256 count = held.length;
        reason = UnlicensedReason.NoLicence;
        for (uint256 i = 0; i < count; ++i) {
            bytes32 candidate = held[i];
            UnlicensedReason candidateReason = _check(candidate, platformId, territory, time);
            if (candidateReason == UnlicensedReason.None) return (true, candidate, UnlicensedReason.None);
            if (candidateReason > reason) (licenceId, reason) = (candidate, candidateReason);
        }
    }

    /// @inheritdoc ILicenceRegistry
    function getRightsHolder(address account) external view returns (RightsHolder memory) {
        return _rightsHolders[account];
    }

    /// @inheritdoc ILicenceRegistry
    function getPlatform(bytes32 platformId) external view returns (Platform memory) {
        return _platforms[platformId];
    }

    /// @inheritdoc ILicenceRegistry
    function getWork(bytes32 workId) external view returns (Work memory) {
        return _works[workId];
    }

    /// @inheritdoc ILicenceRegistry
    function getLicence(bytes32 licenceId) external view returns (LicenceInfo memory info) {
        LicenceRecord storage licence = _licences[licenceId];
        if (licence.grantedAt == 0) return info;
        info.workId = licence.workId;
        info.parentId = licence.parentIndex == 0 ? bytes32(0) : LicenceIds.licenceId(licence.workId, licence.parentIndex);
        info.licensee = licence.licensee;
        info.grantor = _grantorOf(licence);
        info.start = licence.start;
        info.end = licence.end;
        info.grantedAt = licence.grantedAt;
        info.revokedAt = licence.revokedAt;
        info.depth = licence.depth;
        info.sublicensable = licence.sublicensable;
        info.worldwide = licence.worldwide;
        info.platformIds = licence.platformIds;
        if (!licence.worldwide) info.territories = Territories.toCodes(licence.territories);
    }

    /// @inheritdoc ILicenceRegistry
    function licencesOf(bytes32 workId, address licensee) external view returns (bytes32[] memory) {
        return _licencesOf[workId][licensee];
    }

    /// @inheritdoc ILicenceRegistry
    function getNotice(bytes32 noticeId) external view returns (Notice memory) {
        return _notices[noticeId];
    }

    /// @inheritdoc ILicenceRegistry
    function platformIdOf(string calldata name) external pure returns (bytes32) {
        return LicenceIds.platformId(name);
    }

    /// @inheritdoc ILicenceRegistry
    function licenceIdOf(bytes32 workId, uint32 index) external pure returns (bytes32) {
        return LicenceIds.licenceId(workId, index);
    }

    /// @inheritdoc ILicenceRegistry
    function noticeIdOf(
        address sender,
        bytes32 platformId,
        bytes32 locationHash,
        bytes32 evidenceHash
    ) external pure returns (bytes32) {
        return LicenceIds.noticeId(sender, platformId, locationHash, evidenceHash);
    }

    /// @dev The clock every record uses; a test subclass may override it.
    function _now() internal view virtual returns (uint40) {
        return SafeCast.toUint40(block.timestamp);
    }

    /// @dev One licence against the question, in the order of `UnlicensedReason`: scope first, then revocation
    /// of the licence and of each ancestor. A sub-licence's scope lies within its ancestors' (checked at grant
    /// time), so only their revocation needs reading: one slot each.
    function _check(
        bytes32 licenceId,
        bytes32 platformId,
        bytes2 territory,
        uint64 time
    ) private view returns (UnlicensedReason) {
        LicenceRecord storage licence = _licences[licenceId];
        if (!_licencePlatforms[licenceId][platformId]) return UnlicensedReason.PlatformNotCovered;
        if (!licence.territories.contains(territory)) return UnlicensedReason.TerritoryNotCovered;
        if (time < licence.start) return UnlicensedReason.NotYetValid;
        if (time >= licence.end) return UnlicensedReason.Expired;
        if (licence.revokedAt != 0) return UnlicensedReason.Revoked;
        if (_revokedAncestor(licence) != bytes32(0)) return UnlicensedReason.AncestorRevoked;
        return UnlicensedReason.None;
    }

    /// @dev The nearest revoked ancestor of a licence (0: none). At most `MAX_DEPTH - 1` reads.
    function _revokedAncestor(LicenceRecord storage licence) private view returns (bytes32) {
        bytes32 workId = licence.workId;
        uint32 parentIndex = licence.parentIndex;
        while (parentIndex != 0) {
            bytes32 ancestorId = LicenceIds.licenceId(workId, parentIndex);
            LicenceRecord storage ancestor = _licences[ancestorId];
            if (ancestor.revokedAt != 0) return ancestorId;
            parentIndex = ancestor.parentIndex;
        }
        return bytes32(0);
    }

    /// @dev A sub-licence's parent, checked: same work, held by the caller, not revoked (nor any ancestor),
    /// sub-licensable, not at the maximum depth, and wider than the terms in period and territories (platforms
    /// are checked as they are recorded).
    function _checkParent(
        LicenceTerms calldata terms,
        uint256[3] memory territories
    ) private view returns (LicenceRecord storage parent) {
        bytes32 parentId = terms.parentId;
        parent = _existingLicence(parentId);
        if (parent.workId != terms.workId) revert LicenceRegistryParentOfOtherWork(parentId, terms.workId);
        if (msg.sender != parent.licensee) revert LicenceRegistryNotGrantor(terms.workId, parentId, msg.sender);
        if (parent.revokedAt != 0) revert LicenceRegistryLicenceRevoked(parentId);
        bytes32 revokedAncestor = _revokedAncestor(parent);
        if (revokedAncestor != bytes32(0)) revert LicenceRegistryLicenceRevoked(revokedAncestor);
        if (!parent.sublicensable) revert LicenceRegistryNotSublicensable(parentId);
        if (parent.depth >= MAX_DEPTH) revert LicenceRegistryDepthExceeded(parentId, MAX_DEPTH);
        if (terms.start < parent.start || terms.end > parent.end) {
            revert LicenceRegistryPeriodOutsideParent(parentId, terms.start, terms.end, parent.start, parent.end);
        }
        (bool outside, bytes2 territory) = territories.firstOutside(parent.territories);
        if (outside) revert LicenceRegistryTerritoryOutsideParent(parentId, territory);
    }

    /// @dev Records a licence's platforms: each admitted, listed once, and covered by the parent (if any).
    function _recordPlatforms(bytes32 licenceId, bytes32 parentId, bytes32[] calldata platformIds) private {
        mapping(bytes32 platformId => bool covered) storage covered = _licencePlatforms[licenceId];
        mapping(bytes32 platformId => bool covered) storage parentCovered = _licencePlatforms[parentId];
        for (uint256 i = 0; i < platformIds.length; ++i) {
            bytes32 platformId = platformIds[i];
            _existingPlatform(platformId);
            if (covered[platformId]) revert LicenceRegistryDuplicatePlatform(platformId);
            if (parentId != bytes32(0) && !parentCovered[platformId]) {
                revert LicenceRegistryPlatformOutsideParent(parentId, platformId);
            }
            covered[platformId] = true;
        }
    }

    /// @dev The territory set of a licence: every code if worldwide (and then no list), else the listed codes.
    function _territorySet(
        bool worldwide,
        bytes2[] calldata codes
    ) private pure returns (uint256[3] memory set) {
        if (worldwide) {
            if (codes.length != 0) revert LicenceRegistryWorldwideWithTerritories(codes.length);
            return Territories.all();
        }
        if (codes.length == 0) revert LicenceRegistryEmptyArgument("territories");
        for (uint256 i = 0; i < codes.length; ++i) {
            if (!Territories.isCode(codes[i])) revert LicenceRegistryInvalidTerritory(codes[i]);
            set.add(codes[i]);
        }
    }

    /// @dev The work's owner for a root licence, the parent's licensee for a sub-licence.
    function _grantorOf(LicenceRecord storage licence) private view returns (address) {
        bytes32 workId = licence.workId;
        if (licence.parentIndex == 0) return _works[workId].owner;
        return _licences[LicenceIds.licenceId(workId, licence.parentIndex)].licensee;
    }

    function _checkRightsHolder(address account) private view {
        if (_rightsHolders[account].admittedAt == 0) revert LicenceRegistryNotRightsHolder(account);
    }

    function _existingPlatform(bytes32 platformId) private view returns (Platform storage platform) {
        platform = _platforms[platformId];
        if (platform.admittedAt == 0) revert LicenceRegistryUnknownPlatform(platformId);
    }

    function _existingWork(bytes32 workId) private view returns (Work storage work) {
        work = _works[workId];
        if (work.registeredAt == 0) revert LicenceRegistryUnknownWork(workId);
    }

    function _existingLicence(bytes32 licenceId) private view returns (LicenceRecord storage licence) {
        licence = _licences[licenceId];
        if (licence.grantedAt == 0) revert LicenceRegistryUnknownLicence(licenceId);
    }

    /// @dev A filed, unanswered notice whose recipient platform's account is the caller.
    function _answerableNotice(bytes32 noticeId) private view returns (Notice storage notice) {
        notice = _notices[noticeId];
        if (notice.status == NoticeStatus.None) revert LicenceRegistryUnknownNotice(noticeId);
        bytes32 platformId = notice.platformId;
        if (msg.sender != _platforms[platformId].account) revert LicenceRegistryNotPlatformAccount(platformId, msg.sender);
        if (notice.status != NoticeStatus.Filed) revert LicenceRegistryNoticeAlreadyAnswered(noticeId, notice.status);
    }
}
