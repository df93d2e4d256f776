// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IProductRegistry} from "./interfaces/IProductRegistry.sol";
import {Gs1} from "./libraries/Gs1.sol";
import {Gs1Prefixes} from "./libraries/Gs1Prefixes.sol";
import {LabelHosts} from "./libraries/LabelHosts.sol";
import {ProductIds} from "./libraries/ProductIds.sol";
import {Territories} from "./libraries/Territories.sol";
import {Activation, Batch, Brand, ItemCode, ItemVerification, Signer, SignerStanding, Status} from "./types/ProductTypes.sol";

/// @title ProductRegistry
/// @notice Brands, their issuing keys, and batches of serialised items anchored as Merkle roots.
/// @dev See {IProductRegistry} for the trust rules. The consortium's governance holds
/// `DEFAULT_ADMIN_ROLE` and grants `REGISTRAR_ROLE`.
contract ProductRegistry is IProductRegistry, AccessControl, EIP712 {
    /// @inheritdoc IProductRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @dev The EIP-712 type of a label; `core/eip712.ts` declares the same.
    bytes32 private constant _ITEM_CODE_TYPEHASH =
        keccak256("ItemCode(uint64 gtin,string lot,string serial,uint32 expiry)");

    /// @dev The longest brand display name, in bytes.
    uint256 private constant _MAX_BRAND_NAME_LENGTH = 64;

    /// @dev Admitted brands.
    mapping(bytes32 brandId => Brand brand) private _brands;

    /// @dev Every key that ever signed for a brand, kept after removal so that its history stays readable.
    mapping(address signer => Signer record) private _signers;

    /// @dev Anchored batches.
    mapping(bytes32 batchId => Batch batch) private _batches;

    /// @dev Status overrides of single items: the only per-item storage.
    mapping(bytes32 itemId => Status status) private _itemStatuses;

    /// @dev Retailers each brand admin authorised to record first sales.
    mapping(bytes32 brandId => mapping(address account => bool authorised)) private _retailers;

    /// @dev First sales: per-item storage written once per item sold.
    mapping(bytes32 itemId => Activation activation) private _activations;

    /// @dev The brand holding each assigned GS1 company prefix, keyed by `Gs1Prefixes.key(length, value)`.
    mapping(uint256 prefixKey => bytes32 brandId) private _prefixOwners;

    /// @dev Per head (a prefix's first four digits), nine packed counters (`Gs1Prefixes.unitOf`) of the assigned
    /// prefixes of each length 4-12 under it: a GTIN's owner costs one read here, then one `_prefixOwners`
    /// read per length counted.
    mapping(uint256 head => uint256 counts) private _prefixLengths;

    /// @dev How many assigned prefixes each prefix (assigned or not) properly starts, so that a prefix that
    /// would contain assigned ones is refused without enumerating them.
    mapping(uint256 prefixKey => uint256 descendants) private _prefixDescendants;

    /// @dev The hosts each brand's labels may point to, by the keccak-256 of the host.
    mapping(bytes32 brandId => mapping(bytes32 hostHash => bool registered)) private _labelDomains;

    /// @param governance Receives `DEFAULT_ADMIN_ROLE` (grants and revokes registrars).
    /// @param registrar Receives `REGISTRAR_ROLE`.
    constructor(address governance, address registrar) EIP712("Veritrace", "1") {
        if (governance == address(0)) revert ProductRegistryEmptyArgument("governance");
        if (registrar == address(0)) revert ProductRegistryEmptyArgument("registrar");
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(REGISTRAR_ROLE, registrar);
    }

    modifier onlyBrandAdmin(bytes32 brandId) {
        _checkBrandAdmin(brandId);
        _;
    }

    /// @inheritdoc IProductRegistry
    function admitBrand(
        string calldata name,
        bytes2 country,
        address admin,
        string calldata metadataURI
    ) external onlyRole(REGISTRAR_ROLE) returns (bytes32 brandId) {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > _MAX_BRAND_NAME_LENGTH) revert ProductRegistryInvalidBrandName(name);
        // Zero: not given. Otherwise two capitals; whether they name an assigned code is the service's check.
        if (country != bytes2(0) && !Territories.isCode(country)) revert ProductRegistryInvalidCountry(country);
        if (admin == address(0)) revert ProductRegistryEmptyArgument("admin");
        brandId = ProductIds.brandId(name);
        if (_brands[brandId].admittedAt != 0) revert ProductRegistryBrandExists(brandId);
        _brands[brandId] = Brand({
            admin: admin,
            admittedAt: _now(),
            country: country,
            name: name,
            metadataURI: metadataURI
        });
        emit BrandAdmitted(brandId, admin, name, country, metadataURI);
    }

    /// @inheritdoc IProductRegistry
    function assignPrefix(bytes32 brandId, string calldata prefix) external onlyRole(REGISTRAR_ROLE) {
        _existingBrand(brandId);
        (uint256 length, uint256 value) = _parsePrefix(prefix);
        uint256 prefixKey = Gs1Prefixes.key(length, value);
        bytes32 ownerId = _prefixOwners[prefixKey];
        if (ownerId != bytes32(0)) revert ProductRegistryPrefixTaken(prefix, ownerId);
        if (_prefixDescendants[prefixKey] != 0) revert ProductRegistryPrefixOverlaps(prefix);
        for (uint256 ancestorLength = Gs1Prefixes.MIN_LENGTH; ancestorLength < length; ++ancestorLength) {
            uint256 ancestorKey = Gs1Prefixes.key(
                ancestorLength,
                Gs1Prefixes.ancestorOf(length, value, ancestorLength)
            );
            if (_prefixOwners[ancestorKey] != bytes32(0)) revert ProductRegistryPrefixOverlaps(prefix);
            ++_prefixDescendants[ancestorKey];
        }
        _prefixOwners[prefixKey] = brandId;
        // Cannot carry into the next counter: see Gs1Prefixes.COUNTER_BITS.
        _prefixLengths[Gs1Prefixes.headOf(length, value)] += Gs1Prefixes.unitOf(length);
        emit PrefixAssigned(brandId, prefix);
    }

    /// @inheritdoc IProductRegistry
    function withdrawPrefix(string calldata prefix) external onlyRole(REGISTRAR_ROLE) {
        (uint256 length, uint256 value) = _parsePrefix(prefix);
        uint256 prefixKey = Gs1Prefixes.key(length, value);
        bytes32 ownerId = _prefixOwners[prefixKey];
        if (ownerId == bytes32(0)) revert ProductRegistryUnknownPrefix(prefix);
        delete _prefixOwners[prefixKey];
        // The assignment counted this prefix here, so the counter is at least one: no borrow from the next.
        _prefixLengths[Gs1Prefixes.headOf(length, value)] -= Gs1Prefixes.unitOf(length);
        for (uint256 ancestorLength = Gs1Prefixes.MIN_LENGTH; ancestorLength < length; ++ancestorLength) {
            uint256 ancestorKey = Gs1Prefixes.key(
                ancestorLength,
                Gs1Prefixes.ancestorOf(length, value, ancestorLength)
            );
            --_prefixDescendants[ancestorKey];
        }
        emit PrefixWithdrawn(ownerId, prefix);
    }

    /// @inheritdoc IProductRegistry
    function transferPrefix(string calldata prefix, bytes32 toBrandId) external onlyRole(REGISTRAR_ROLE) {
        (uint256 length, uint256 value) = _parsePrefix(prefix);
        uint256 prefixKey = Gs1Prefixes.key(length, value);
        bytes32 ownerId = _prefixOwners[prefixKey];
        if (ownerId == bytes32(0)) revert ProductRegistryUnknownPrefix(prefix);
        _existingBrand(toBrandId);
        if (ownerId == toBrandId) revert ProductRegistryPrefixTaken(prefix, toBrandId);
        _prefixOwners[prefixKey] = toBrandId;
        emit PrefixTransferred(ownerId, toBrandId, prefix);
    }

    /// @inheritdoc IProductRegistry
    function addLabelDomain(bytes32 brandId, string calldata host) external onlyRole(REGISTRAR_ROLE) {
        _existingBrand(brandId);
        bytes32 hostHash = _labelHostHash(host);
        if (_labelDomains[brandId][hostHash]) revert ProductRegistryLabelDomainUnchanged(brandId, host, true);
        _labelDomains[brandId][hostHash] = true;
        emit LabelDomainAdded(brandId, host);
    }

    /// @inheritdoc IProductRegistry
    function removeLabelDomain(bytes32 brandId, string calldata host) external onlyRole(REGISTRAR_ROLE) {
        _existingBrand(brandId);
        bytes32 hostHash = _labelHostHash(host);
        if (!_labelDomains[brandId][hostHash]) revert ProductRegistryLabelDomainUnchanged(brandId, host, false);
        _labelDomains[brandId][hostHash] = false;
        emit LabelDomainRemoved(brandId, host);
    }

    /// @inheritdoc IProductRegistry
    function setBrandAdmin(bytes32 brandId, address newAdmin) external {
        Brand storage brand = _existingBrand(brandId);
        address previousAdmin = brand.admin;
        if (msg.sender != previousAdmin && !hasRole(REGISTRAR_ROLE, msg.sender)) {
            revert ProductRegistryNotBrandAdmin(brandId, msg.sender);
        }
        if (newAdmin == address(0)) revert ProductRegistryEmptyArgument("newAdmin");
        brand.admin = newAdmin;
        emit BrandAdminChanged(brandId, previousAdmin, newAdmin);
    }

    /// @inheritdoc IProductRegistry
    function addSigner(bytes32 brandId, address signer) external onlyBrandAdmin(brandId) {
        if (signer == address(0)) revert ProductRegistryEmptyArgument("signer");
        Signer storage record = _signers[signer];
        if (record.brandId != bytes32(0)) revert ProductRegistrySignerTaken(signer, record.brandId);
        _signers[signer] = Signer({brandId: brandId, addedAt: _now(), removedAt: 0});
        emit SignerAdded(brandId, signer);
    }

    /// @inheritdoc IProductRegistry
    function removeSigner(bytes32 brandId, address signer) external onlyBrandAdmin(brandId) {
        Signer storage record = _signers[signer];
        if (record.brandId != brandId || record.removedAt != 0) {
            revert ProductRegistryNotActiveSigner(brandId, signer);
        }
        record.removedAt = _now();
        emit SignerRemoved(brandId, signer);
    }

    /// @inheritdoc IProductRegistry
    function registerBatch(
        uint64 gtin,
        string calldata lot,
        uint32 expiry,
        uint32 itemCount,
        bytes32 merkleRoot,
        string calldata metadataURI
    ) external returns (bytes32 batchId) {
        Signer storage signer = _signers[msg.sender];
        bytes32 brandId = signer.brandId;
        if (brandId == bytes32(0) || signer.removedAt != 0) revert ProductRegistryUnauthorizedSigner(msg.sender);
        if (!Gs1.isValidGtin(gtin)) revert ProductRegistryInvalidGtin(gtin);
        if (!Gs1.isValidLength(lot)) revert ProductRegistryInvalidLot(lot);
        if (!Gs1.isValidExpiry(expiry)) revert ProductRegistryInvalidExpiry(expiry);
        if (itemCount == 0) revert ProductRegistryInvalidItemCount(itemCount);
        if (merkleRoot == bytes32(0)) revert ProductRegistryEmptyArgument("merkleRoot");
        _checkGtinOwner(gtin, brandId);

        batchId = ProductIds.batchId(brandId, gtin, lot);
        Batch storage batch = _batches[batchId];
        if (batch.anchoredAt != 0) revert ProductRegistryBatchExists(batchId);
        batch.merkleRoot = merkleRoot;
        batch.signer = msg.sender;
        // 40 bits last until the year 36812; SafeCast reverts rather than wrap to 0 (which would read as "no batch").
        batch.anchoredAt = SafeCast.toUint40(_now());
        batch.itemCount = itemCount;
        emit BatchRegistered(batchId, brandId, msg.sender, gtin, lot, expiry, itemCount, merkleRoot, metadataURI);
    }

    /// @inheritdoc IProductRegistry
    function setBatchStatus(bytes32 batchId, Status status) external {
        Batch storage batch = _existingBatch(batchId);
        _checkBrandAdmin(_signers[batch.signer].brandId);
        Status previous = batch.status;
        _checkTransition(previous, status);
        batch.status = status;
        emit BatchStatusChanged(batchId, previous, status);
    }

    /// @inheritdoc IProductRegistry
    function setItemStatus(bytes32 batchId, string calldata serial, Status status) external {
        Batch storage batch = _existingBatch(batchId);
        _checkBrandAdmin(_signers[batch.signer].brandId);
        if (!Gs1.isValidLength(serial)) revert ProductRegistryInvalidSerial(serial);
        bytes32 itemId = ProductIds.itemId(batchId, serial);
        Status previous = _itemStatuses[itemId];
        _checkTransition(previous, status);
        _itemStatuses[itemId] = status;
        emit ItemStatusChanged(batchId, itemId, serial, previous, status);
    }

    /// @inheritdoc IProductRegistry
    function authoriseRetailer(bytes32 brandId, address retailer) external onlyBrandAdmin(brandId) {
        if (retailer == address(0)) revert ProductRegistryEmptyArgument("retailer");
        if (_retailers[brandId][retailer]) revert ProductRegistryRetailerUnchanged(brandId, retailer, true);
        _retailers[brandId][retailer] = true;
        emit RetailerAuthorised(brandId, retailer);
    }

    /// @inheritdoc IProductRegistry
    function deauthoriseRetailer(bytes32 brandId, address retailer) external onlyBrandAdmin(brandId) {
        if (!_retailers[brandId][retailer]) revert ProductRegistryRetailerUnchanged(brandId, retailer, false);
        _retailers[brandId][retailer] = false;
        emit RetailerDeauthorised(brandId, retailer);
    }

    /// @inheritdoc IProductRegistry
    function activateItem(
        bytes32 brandId,
        ItemCode calldata code,
        bytes32[] calldata proof,
        bytes2 country
    ) external returns (bytes32 itemId) {
        if (_existingBrand(brandId).admin != msg.sender && !_retailers[brandId][msg.sender]) {
            revert ProductRegistryNotSeller(brandId, msg.sender);
        }
        // Two ASCII capitals; whether they name an assigned ISO 3166-1 code is the service's check.
        if (!Territories.isCode(country)) revert ProductRegistryInvalidCountry(country);
        bytes32 batchId = ProductIds.batchId(brandId, code.gtin, code.lot);
        Batch storage batch = _existingBatch(batchId);
        // The batch id already binds the brand; the batch must also have been anchored by that brand's key.
        if (_signers[batch.signer].brandId != brandId) revert ProductRegistryUnknownBatch(batchId);
        itemId = ProductIds.itemId(batchId, code.serial);
        if (!MerkleProof.verifyCalldata(proof, batch.merkleRoot, ProductIds.leaf(itemId, code.expiry))) {
            revert ProductRegistryItemNotInBatch(batchId, itemId);
        }
        Activation storage activation = _activations[itemId];
        if (activation.seller != address(0)) {
            revert ProductRegistryItemAlreadyActivated(itemId, activation.seller, activation.activatedAt);
        }
        Status itemStatus = _itemStatuses[itemId];
        if (itemStatus != Status.Active || batch.status != Status.Active) {
            revert ProductRegistryItemNotActive(itemId, itemStatus, batch.status);
        }
        _activations[itemId] = Activation({
            seller: msg.sender,
            activatedAt: SafeCast.toUint40(_now()),
            country: country
        });
        emit ItemActivated(batchId, itemId, msg.sender, country);
    }

    /// @inheritdoc IProductRegistry
    function gtinOwner(uint64 gtin) external view returns (bytes32 brandId, string memory prefix) {
        if (!Gs1.isValidGtin(gtin)) return (bytes32(0), "");
        uint256 body = Gs1Prefixes.bodyOf(gtin);
        uint256 length;
        (brandId, length) = _prefixHolderOf(body);
        if (brandId != bytes32(0)) prefix = Gs1Prefixes.format(length, Gs1Prefixes.prefixOfBody(body, length));
    }

    /// @inheritdoc IProductRegistry
    function prefixOwner(string calldata prefix) external view returns (bytes32) {
        (bool valid, uint256 length, uint256 value) = Gs1Prefixes.parse(prefix);
        if (!valid) return bytes32(0);
        return _prefixOwners[Gs1Prefixes.key(length, value)];
    }

    /// @inheritdoc IProductRegistry
    function isLabelDomain(bytes32 brandId, string calldata host) external view returns (bool) {
        // Only valid hosts of admitted brands are ever recorded, so anything else reads false.
        return _labelDomains[brandId][keccak256(bytes(host))];
    }

    /// @inheritdoc IProductRegistry
    function isRetailer(bytes32 brandId, address account) external view returns (bool) {
        Brand storage brand = _brands[brandId];
        return (brand.admittedAt != 0 && brand.admin == account) || _retailers[brandId][account];
    }

    /// @inheritdoc IProductRegistry
    function getActivation(bytes32 itemId) external view returns (Activation memory) {
        return _activations[itemId];
    }

    /// @inheritdoc IProductRegistry
    function getBrand(bytes32 brandId) external view returns (Brand memory) {
        return _brands[brandId];
    }

    /// @inheritdoc IProductRegistry
    function getSigner(address signer) external view returns (Signer memory) {
        return _signers[signer];
    }

    /// @inheritdoc IProductRegistry
    function getBatch(bytes32 batchId) external view returns (Batch memory) {
        return _batches[batchId];
    }

    /// @inheritdoc IProductRegistry
    function getItemStatus(bytes32 itemId) external view returns (Status) {
        return _itemStatuses[itemId];
    }

    /// @inheritdoc IProductRegistry
    function batchBrand(bytes32 batchId) external view returns (bytes32) {
        return _signers[_batches[batchId].signer].brandId;
    }

    /// @inheritdoc IProductRegistry
    function verifyItem(
        bytes32 brandId,
        ItemCode calldata code,
        bytes32[] calldata proof
    ) external view returns (ItemVerification memory) {
        return _verify(brandId, code, proof);
    }

    /// @inheritdoc IProductRegistry
    function verifySignedItem(
        ItemCode calldata code,
        bytes calldata signature,
        bytes32[] calldata proof
    ) external view returns (ItemVerification memory verification) {
        address signerAddress = _recover(_itemDigest(code), signature);
        Signer storage signer = _signers[signerAddress];
        if (signer.brandId != bytes32(0)) verification = _verify(signer.brandId, code, proof);
        verification.signer = signerAddress;
        verification.signerRemovedAt = signer.removedAt;
        verification.signerStanding = _standing(signer, verification.anchoredAt);
    }

    /// @inheritdoc IProductRegistry
    function itemDigest(ItemCode calldata code) external view returns (bytes32) {
        return _itemDigest(code);
    }

    /// @inheritdoc IProductRegistry
    function batchIdOf(bytes32 brandId, uint64 gtin, string calldata lot) external pure returns (bytes32) {
        return ProductIds.batchId(brandId, gtin, lot);
    }

    /// @inheritdoc IProductRegistry
    function itemIdOf(bytes32 batchId, string calldata serial) external pure returns (bytes32) {
        return ProductIds.itemId(batchId, serial);
    }

    /// @inheritdoc IProductRegistry
    function leafOf(bytes32 itemId, uint32 expiry) external pure returns (bytes32) {
        return ProductIds.leaf(itemId, expiry);
    }

    /// @dev The clock every record uses; a test subclass may override it.
    function _now() internal view virtual returns (uint64) {
        return uint64(block.timestamp);
    }

    function _checkBrandAdmin(bytes32 brandId) internal view {
        if (_existingBrand(brandId).admin != msg.sender) revert ProductRegistryNotBrandAdmin(brandId, msg.sender);
    }

    function _existingBrand(bytes32 brandId) private view returns (Brand storage brand) {
        brand = _brands[brandId];
        if (brand.admittedAt == 0) revert ProductRegistryUnknownBrand(brandId);
    }

    function _existingBatch(bytes32 batchId) private view returns (Batch storage batch) {
        batch = _batches[batchId];
        if (batch.anchoredAt == 0) revert ProductRegistryUnknownBatch(batchId);
    }

    /// @dev Reverts unless one of the brand's prefixes holds the GTIN right now.
    function _checkGtinOwner(uint64 gtin, bytes32 brandId) private view {
        (bytes32 ownerId, ) = _prefixHolderOf(Gs1Prefixes.bodyOf(gtin));
        if (ownerId != brandId) revert ProductRegistryGtinNotOwned(gtin, brandId, ownerId);
    }

    /// @dev The brand holding the assigned prefix that a GTIN body is in, and that prefix's length (zero and 0:
    /// none): one read of the head's counters, then one `_prefixOwners` read per length counted there.
    function _prefixHolderOf(uint256 body) private view returns (bytes32 ownerId, uint256 length) {
        return Gs1Prefixes.holderOf(_prefixOwners, _prefixLengths[Gs1Prefixes.headOfBody(body)], body);
    }

    /// @dev A prefix's length and value; reverts when it is not 4 to 12 digits.
    function _parsePrefix(string calldata prefix) private pure returns (uint256 length, uint256 value) {
        bool valid;
        (valid, length, value) = Gs1Prefixes.parse(prefix);
        if (!valid) revert ProductRegistryInvalidPrefix(prefix);
    }

    /// @dev The key of a label host; reverts when its shape is not that of a host.
    function _labelHostHash(string calldata host) private pure returns (bytes32) {
        if (!LabelHosts.isValid(host)) revert ProductRegistryInvalidLabelDomain(host);
        return keccak256(bytes(host));
    }

    /// @dev Destroyed is final; anything else may move to any other status, never to itself (a no-op
    /// change would emit a misleading event).
    function _checkTransition(Status current, Status requested) private pure {
        if (current == requested || current == Status.Destroyed) {
            revert ProductRegistryInvalidStatusTransition(current, requested);
        }
    }

    function _verify(
        bytes32 brandId,
        ItemCode calldata code,
        bytes32[] calldata proof
    ) private view returns (ItemVerification memory verification) {
        verification.brandId = brandId;
        verification.batchId = ProductIds.batchId(brandId, code.gtin, code.lot);
        verification.itemId = ProductIds.itemId(verification.batchId, code.serial);
        verification.itemStatus = _itemStatuses[verification.itemId];
        Batch storage batch = _batches[verification.batchId];
        if (batch.anchoredAt == 0) return verification;
        verification.batchKnown = true;
        verification.batchStatus = batch.status;
        verification.anchoredAt = batch.anchoredAt;
        verification.proofValid = MerkleProof.verifyCalldata(
            proof,
            batch.merkleRoot,
            ProductIds.leaf(verification.itemId, code.expiry)
        );
    }

    /// @dev See {SignerStanding}: a removal counts against batches anchored at or after it.
    function _standing(Signer storage signer, uint64 anchoredAt) private view returns (SignerStanding) {
        if (signer.brandId == bytes32(0)) return SignerStanding.Unknown;
        uint64 removedAt = signer.removedAt;
        if (removedAt != 0 && (anchoredAt == 0 || removedAt <= anchoredAt)) return SignerStanding.RevokedBeforeBatch;
        return SignerStanding.Authorised;
    }

    function _itemDigest(ItemCode calldata code) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    _ITEM_CODE_TYPEHASH,
                    code.gtin,
                    keccak256(bytes(code.lot)),
                    keccak256(bytes(code.serial)),
                    code.expiry
                )
            )
        );
    }

    /// @dev Accepts 65-byte and ERC-2098 64-byte signatures; anything unrecoverable yields address(0),
    /// which is never a signer.
    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        if (signature.length == 64) {
            (signer, , ) = ECDSA.tryRecover(digest, bytes32(signature[0:32]), bytes32(signature[32:64]));
        } else {
            (signer, , ) = ECDSA.tryRecoverCalldata(digest, signature);
        }
    }
}
