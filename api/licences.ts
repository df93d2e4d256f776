/** Works, licences, notices and content checks: request shapes and views. */
import type { Address, Hex } from "viem";
import { z } from "zod";
import { pagingQuery as paging } from "./paging.ts";
import type { ProbeEdit } from "../core/content/robust-hash.ts";

/** `UnlicensedReason` of LicenceTypes.sol, in its order, as the API names it (`null`: licensed). */
export const UNLICENSED_REASONS = [
  null,
  "unknown-work",
  "no-licence",
  "platform-not-covered",
  "territory-not-covered",
  "not-yet-valid",
  "expired",
  "revoked",
  "ancestor-revoked",
] as const;

export type UnlicensedReason = Exclude<(typeof UNLICENSED_REASONS)[number], null>;

/** The answers a platform may give a notice it rejects (`RejectionReason` of the chain, without its none). */
export const REJECTION_REASON_VALUES = ["licensed", "not-infringing", "insufficient-information", "location-not-found", "other"] as const;

const hex32 = (what: string) =>
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, `must be ${what}: 0x and 64 hex digits`)
    .transform((v) => v.toLowerCase() as Hex);
const phash = z.string().regex(/^(0x)?[0-9a-fA-F]{16}$/, "must be a perceptual hash: 16 hex digits");
/** An address or an organisation id; resolved (and named when wrong) by the use-case. */
const party = (what: string) => z.string().min(1).max(100).describe(`${what}: an address, or an organisation id of this service`);
/** Checked in full by core's `checkCountryCode`, whose error names the field and the value. */
const country = z.string().min(1).max(3).describe("ISO 3166-1 alpha-2, e.g. FR");
const date = z.string().min(1).max(40).describe("ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z");
const platformRef = z.string().min(1).max(100).describe("a platform's name, on-chain id or organisation id");

export const createLicencePartyBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const registerWorkBody = z.strictObject({
  sha256: hex32("the file's SHA-256"),
  perceptualHash: phash.optional(),
  metadataUri: z.string().max(2_000).default(""),
});

export const registerWorkQuery = z.strictObject({ metadataUri: z.string().max(2_000).default("") });

export const worksQuery = z.strictObject({ owner: party("owner").optional(), ...paging });

export const hexIdPath = (what: string) => z.object({ id: hex32(what) });

export const grantLicenceBody = z.strictObject({
  workId: hex32("a work id (the file's SHA-256)"),
  licensee: party("licensee"),
  platforms: z.array(platformRef).min(1).max(32),
  territories: z.union([z.literal("worldwide"), z.array(country).min(1).max(676)]),
  start: date,
  end: date.optional().describe("absent: no end"),
  sublicensable: z.boolean().default(false),
  parent: hex32("a licence id").optional(),
});

export const licencesQuery = z.strictObject({ work: hex32("a work id").optional(), licensee: party("licensee").optional(), platform: platformRef.optional(), ...paging });

export const licenceCheckQuery = z.strictObject({
  work: hex32("a work id"),
  licensee: party("licensee"),
  platform: platformRef,
  territory: country,
  time: date.optional().describe("absent: now"),
});

export const fileNoticeBody = z.strictObject({
  platform: platformRef,
  territory: country,
  work: hex32("a work id").optional(),
  brandId: hex32("a brand id").optional(),
  batchId: hex32("a batch id").optional(),
  location: z.string().min(1).max(4_000).describe("the infringing URL; only its SHA-256 (of new URL(location).href) goes on chain"),
  evidence: z.string().min(1).max(100_000).optional().describe("the evidence text; only its SHA-256 goes on chain"),
  evidenceHash: hex32("a hash").optional(),
});

export const answerNoticeBody = z.discriminatedUnion("answer", [
  z.strictObject({ answer: z.literal("removed") }),
  z.strictObject({ answer: z.literal("rejected"), reason: z.enum(REJECTION_REASON_VALUES), explanation: z.string().max(2_000).default("") }),
  z.strictObject({ answer: z.literal("counter-notice"), counterNoticeHash: hex32("a hash").optional(), counterNotice: z.string().min(1).max(100_000).optional() }),
]);

export const noticesQuery = z.strictObject({
  work: hex32("a work id").optional(),
  rightsHolder: party("rightsHolder").optional(),
  platform: platformRef.optional(),
  ...paging,
});

export const contentCheckBody = z.strictObject({
  sha256: hex32("a SHA-256").optional(),
  perceptualHash: phash.optional(),
  uploader: party("uploader"),
  territory: country,
  time: date.optional(),
});

export const contentCheckQuery = z.strictObject({ uploader: party("uploader"), territory: country, time: date.optional() });

export type LicencePartyKind = "rights-holder" | "platform";

export type LicencePartyView = {
  id: string;
  name: string;
  kind: LicencePartyKind;
  /** Its chain account: the work owner and licensor (rights holder), or the account that answers notices (platform). */
  address: Address;
  /** A platform's on-chain id (platforms only). */
  platformId?: Hex;
  createdAt: string;
};

export type WorkView = {
  id: Hex;
  owner: Address;
  ownerName: string | null;
  /** 16 hex digits, or null when none was registered (not an image). */
  perceptualHash: string | null;
  metadataUri: string;
  registeredAt: string;
  licenceCount: number;
};

export type WorkRegistration = WorkView & { transactionHash: Hex; blockNumber: number };

export type LicenceView = {
  id: Hex;
  workId: Hex;
  parentId: Hex | null;
  depth: number;
  licensee: Address;
  licenseeName: string | null;
  grantor: Address;
  grantorName: string | null;
  platforms: Array<{ id: Hex; name: string }>;
  territories: string[] | "worldwide";
  start: string;
  /** null: no end. */
  end: string | null;
  sublicensable: boolean;
  grantedAt: string;
  revokedAt: string | null;
};

export type LicenceCheck = { licensed: boolean; licenceId: Hex | null; reason: UnlicensedReason | null };

export type NoticeView = {
  id: Hex;
  sender: Address;
  senderName: string | null;
  principal: Address;
  platform: { id: Hex; name: string };
  territory: string;
  workId: Hex | null;
  brandId: Hex | null;
  batchId: Hex | null;
  locationHash: Hex;
  evidenceHash: Hex;
  status: "filed" | "removed" | "rejected" | "counter-noticed";
  rejection: (typeof REJECTION_REASON_VALUES)[number] | null;
  explanation: string | null;
  counterNoticeHash: Hex | null;
  filedAt: string;
  answeredAt: string | null;
};

export type ContentMatch = {
  workId: Hex;
  owner: Address;
  ownerName: string | null;
  /** Hamming distance of the perceptual hashes (0 for an exact copy). */
  distance: number;
  exact: boolean;
  /**
   * How the upload matched: `identical` (same SHA-256), `as-uploaded` (its pHash), or through the probe that
   * undid an edit: `mirrored-or-turned`, `cropped`, `framed` (a border), `rotated` (a few degrees).
   */
  matchedAs: "identical" | ProbeEdit;
  licensed: LicenceCheck;
};

export type ContentCheck = {
  sha256: Hex | null;
  perceptualHash: string | null;
  threshold: number;
  platform: { id: Hex; name: string };
  uploader: Address;
  territory: string;
  time: string;
  matches: ContentMatch[];
  /** For the whole upload: null when it matches no registered work (nothing to licence). */
  licensed: LicenceCheck | null;
};
