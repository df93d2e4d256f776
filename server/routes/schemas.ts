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
