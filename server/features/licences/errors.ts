/**
 * The LicenceRegistry's custom errors as the API's: a status, a stable code and the request field at fault.
 * The service checks the same rules before sending (so the caller gets these answers without a chain
 * call); this table is the backstop for a rule the chain enforces that the service did not see coming
 * (a race with another grant, a registry changed by another service).
 */
import { refusalOf, type RefusalTable } from "../../chain/refusals.ts";

const TABLE: RefusalTable = {
  LicenceRegistryEmptyArgument: { status: 400, code: "EMPTY_ARGUMENT" },
  LicenceRegistryInvalidTerritory: { status: 400, code: "UNKNOWN_COUNTRY", field: "territories" },
  LicenceRegistryWorldwideWithTerritories: { status: 400, code: "WORLDWIDE_WITH_TERRITORIES", field: "territories" },
  LicenceRegistryInvalidPeriod: { status: 400, code: "INVALID_PERIOD", field: "end" },
  LicenceRegistryRightsHolderExists: { status: 409, code: "RIGHTS_HOLDER_EXISTS", field: "name" },
  LicenceRegistryNotRightsHolder: { status: 403, code: "NOT_RIGHTS_HOLDER" },
  LicenceRegistryPlatformExists: { status: 409, code: "PLATFORM_EXISTS", field: "name" },
  LicenceRegistryUnknownPlatform: { status: 400, code: "UNKNOWN_PLATFORM", field: "platforms" },
  LicenceRegistryDuplicatePlatform: { status: 400, code: "DUPLICATE_PLATFORM", field: "platforms" },
  LicenceRegistryWorkExists: { status: 409, code: "WORK_EXISTS", field: "sha256" },
  LicenceRegistryUnknownWork: { status: 400, code: "UNKNOWN_WORK", field: "workId" },
  LicenceRegistryUnknownLicence: { status: 404, code: "UNKNOWN_LICENCE" },
  LicenceRegistryNotGrantor: { status: 403, code: "NOT_GRANTOR" },
  LicenceRegistryParentOfOtherWork: { status: 400, code: "PARENT_OF_OTHER_WORK", field: "parent" },
  LicenceRegistryNotSublicensable: { status: 400, code: "NOT_SUBLICENSABLE", field: "parent" },
  LicenceRegistryDepthExceeded: { status: 400, code: "DEPTH_EXCEEDED", field: "parent" },
  LicenceRegistryPlatformOutsideParent: { status: 400, code: "PLATFORM_OUTSIDE_PARENT", field: "platforms" },
  LicenceRegistryTerritoryOutsideParent: { status: 400, code: "TERRITORY_OUTSIDE_PARENT", field: "territories" },
  LicenceRegistryPeriodOutsideParent: { status: 400, code: "PERIOD_OUTSIDE_PARENT", field: "start" },
  LicenceRegistryLicenceRevoked: { status: 409, code: "LICENCE_REVOKED" },
  LicenceRegistryNotRevoker: { status: 403, code: "NOT_REVOKER" },
  LicenceRegistryTooManyLicences: { status: 409, code: "TOO_MANY_LICENCES", field: "licensee" },
  LicenceRegistryInvalidNoticeSubject: { status: 400, code: "INVALID_NOTICE_SUBJECT", field: "work" },
  LicenceRegistryNoticeExists: { status: 409, code: "NOTICE_EXISTS" },
  LicenceRegistryUnknownNotice: { status: 404, code: "UNKNOWN_NOTICE" },
  LicenceRegistryNotPlatformAccount: { status: 403, code: "NOT_PLATFORM_ACCOUNT" },
  LicenceRegistryNoticeAlreadyAnswered: { status: 409, code: "NOTICE_ANSWERED" },
};

/** The LicenceRegistry's refusal in `error` as the API's answer; undefined for anything else. */
export const licenceRefusal = (error: unknown) => refusalOf("LicenceRegistry", TABLE, error);

/** `NoticeStatus`, in its order. */
export const NOTICE_STATUSES = [null, "filed", "removed", "rejected", "counter-noticed"] as const;

/** `RejectionReason`, in its order. */
export const REJECTION_REASONS = [null, "licensed", "not-infringing", "insufficient-information", "location-not-found", "other"] as const;
