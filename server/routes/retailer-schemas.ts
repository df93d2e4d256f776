/** Request shapes of the retailer and first-sale routes (validated by the routes, described by the OpenAPI). */
import { z } from "zod";

export const createRetailerBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const retailerIdPath = z.object({ id: z.uuid("must be a retailer id (a UUID)") });

const country = z.string().min(1).max(3).describe("Where the item was sold: ISO 3166-1 alpha-2, e.g. FR");

export const activationBody = z.union([
  z.strictObject({ code: z.string().min(1).max(2_000).describe("The label's URI"), country }),
  z.strictObject({ gtin: z.string().min(1).max(14), lot: z.string().min(1), serial: z.string().min(1), country }),
]);
