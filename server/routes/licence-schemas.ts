/** Request shapes of the works, licences, notices and content-check routes (validated by the routes, described by the OpenAPI). */
import { z } from "zod";
import type { Hex } from "viem";
import { REJECTION_REASON_VALUES } from "../licences/errors.ts";

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

/** Paging of the lists the chain index serves: `limit` items after `cursor` (the previous page's `nextCursor`). */
export const PAGE_LIMIT = { default: 100, max: 500 };
const paging = {
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT.max).default(PAGE_LIMIT.default),
  cursor: z.string().regex(/^\d{1,15}\.\d{1,9}$/, "must be a nextCursor this list returned").optional(),
};

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

export const licencesQuery = z.strictObject({ work: hex32("a work id").optional(), licensee: party("licensee").optional(), platform: platformRef.optional() });

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
