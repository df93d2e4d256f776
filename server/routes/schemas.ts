/** Request shapes of the API, shared by the routes and the OpenAPI document. */
import { z } from "zod";

export const STATUS_VALUES = ["active", "recalled", "stolen", "destroyed"] as const;

export const createBrandBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  metadataUri: z.string().max(2_000).default(""),
});

export const createBatchBody = z.strictObject({
  gtin: z.string().min(1).max(14),
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
  z.strictObject({ gtin: z.string().min(1).max(14), lot: z.string().min(1), serial: z.string().min(1) }),
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
