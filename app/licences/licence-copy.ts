import { t } from "./words.ts";

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

/** Why not, said to a person in the active language. For several licences the contract names the one that came closest. */
export const unlicensedCopy = (reason: Exclude<UnlicensedReasonName, "None">): string => t(`unlicensed.${reason}`);

export const rejectionCopy = (reason: RejectionReasonName): string => (reason === "None" ? "" : t(`rejection.${reason}`));
