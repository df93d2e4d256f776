/**
 * The contract's enums (contracts/types/LicenceTypes.sol, in declaration order: the ABI carries them as
 * numbers) and what each means in plain words.
 */

export const UNLICENSED_REASONS = [
  "None",
  "UnknownWork",
  "NoLicence",
  "PlatformNotCovered",
  "TerritoryNotCovered",
  "NotYetValid",
  "Expired",
  "Revoked",
  "AncestorRevoked",
] as const;
export type UnlicensedReasonName = (typeof UNLICENSED_REASONS)[number];

export const NOTICE_STATUSES = ["None", "Filed", "Removed", "Rejected", "CounterNoticed"] as const;
export type NoticeStatusName = (typeof NOTICE_STATUSES)[number];

export const REJECTION_REASONS = ["None", "Licensed", "NotInfringing", "InsufficientInformation", "LocationNotFound", "Other"] as const;
export type RejectionReasonName = (typeof REJECTION_REASONS)[number];

/** Why not, said to a person. For several licences the contract names the one that came closest. */
export const UNLICENSED_COPY: Record<Exclude<UnlicensedReasonName, "None">, string> = {
  UnknownWork: "No work with this content hash is registered, so nobody holds a licence for it here.",
  NoLicence: "This account holds no licence on this work.",
  PlatformNotCovered: "This account's licence does not cover this platform.",
  TerritoryNotCovered: "This account's licence does not cover this country.",
  NotYetValid: "This account's licence has not started yet on this date.",
  Expired: "This account's licence had ended by this date.",
  Revoked: "This account's licence was revoked.",
  AncestorRevoked: "The licence this account's sub-licence was granted under (or one further up) was revoked, so the sub-licence fell with it.",
};

export const REJECTION_COPY: Record<RejectionReasonName, string> = {
  None: "",
  Licensed: "the use is licensed",
  NotInfringing: "not infringing",
  InsufficientInformation: "not enough information to act on",
  LocationNotFound: "the content was not found at that location",
  Other: "another reason",
};
