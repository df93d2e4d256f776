/** Request shapes of the API, shared by the routes and the OpenAPI document. */
import { z } from "zod";

export const STATUS_VALUES = ["active", "recalled", "stolen", "destroyed"] as const;

/** ISO 3166-1 alpha-2 in capitals; whether it is an assigned code is checked by the use-case (with a hint). */
const countryField = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. GB");
const prefixField = z.string().regex(/^[0-9]{4,12}$/, "must be a GS1 company prefix: 4 to 12 digits");
/** A host as a label's link names it: lower-case letters, digits, dots and dashes, with an optional port. */
export const hostField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]{1,253}(:[0-9]{1,5})?$/, "must be a host name such as id.brand.example (no scheme, no path), with an optional :port");

export const createBrandBody = z.strictObject({
  // The chain keeps at most 64 bytes of name.
  name: z.string().trim().min(1).max(64).refine((v) => new TextEncoder().encode(v).length <= 64, "must be at most 64 bytes of UTF-8"),
  country: countryField.optional(),
  metadataUri: z.string().max(2_000).default(""),
  prefixes: z.array(prefixField).max(50).default([]),
  /** Hosts the brand's labels may point to; by default the host this service prints in label links. */
  labelDomains: z.array(hostField).max(50).optional(),
});

export const prefixBody = z.strictObject({ prefix: prefixField });
export const prefixParam = prefixField;
export const transferPrefixBody = z.strictObject({ brandId: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a brand id: 0x and 64 hex digits") });
export const labelDomainBody = z.strictObject({ host: hostField });

export const createBatchBody = z.strictObject({
  gtin: z.string().min(1, "is required: 8, 12, 13 or 14 digits, check digit included").max(14, "has more than 14 digits; a GTIN has 8, 12, 13 or 14"),
  lot: z.string(),
  expiry: z.string().regex(/^\d{6}$/, "must be YYMMDD (GS1 AI 17), e.g. 270228").optional(),
  quantity: z.number().int().optional(),
  serials: z.array(z.string()).optional(),
  metadataUri: z.string().max(2_000).default(""),
});

export const statusBody = z.strictObject({ status: z.enum(STATUS_VALUES) });

export const batchIdPath = z.object({ id: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a batch id: 0x and 64 hex digits") });

export const proofQuery = z.union([
  z.strictObject({ code: z.string().min(1).max(2_000) }),
  z.strictObject({
    gtin: z.string().min(1).max(14),
    lot: z.string().min(1),
    serial: z.string().min(1),
    // Needed only when two brands issued the same GTIN, lot and serial (a prefix moved between them).
    brandId: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a brand id: 0x and 64 hex digits").optional(),
  }),
]);

export const labelsQuery = z.strictObject({ format: z.enum(["pdf", "svg", "png", "csv"]).default("pdf") });

/** A scanned code as a query parameter (verify, scan history). The text itself is judged by the verdict. */
export const codeQuery = z.strictObject({ code: z.string().min(1).max(2_000) });

export const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const scanBody = z.strictObject({
  code: z.string().min(1).max(2_000),
  sessionId: z.string().regex(SESSION_ID, "must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -"),
  location: z
    .strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
    })
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. FR")
    .optional(),
});

/** The resolver's own query parameters; the label's (17, s) travel with the code and are checked by the parser. */
export const resolverQuery = z.object({ linkType: z.string().max(200).optional() });
