/** The register of known infringements: has a brand, GTIN or lot been seized, or scanned counterfeit — where and when. */
import type { Hex } from "viem";
import { z } from "zod";
import { hex32 } from "./shipments.ts";
import type { RegisterAlerts } from "./alerts.ts";

export const registerQuery = z
  .strictObject({
    brandId: hex32("brand").optional().describe("The brand (its id on chain); a brand's own key may ask only of its own"),
    gtin: z.string().min(1).max(14).optional().describe("A GTIN-8, -12, -13 or -14"),
    lot: z.string().min(1).max(20).optional().describe("A lot of the GTIN (needs gtin: lots are not unique across products)"),
  })
  .refine((q) => q.brandId !== undefined || q.gtin !== undefined, { message: "give brandId or gtin (or both)", path: ["brandId"] })
  .refine((q) => q.lot === undefined || q.gtin !== undefined, { message: "a lot is asked of with its gtin", path: ["gtin"] });

export type RegisterQuery = z.infer<typeof registerQuery>;

export type RegisterView = {
  query: { brandId: Hex | null; gtin: string | null; lot: string | null };
  /** True when anything below was found. */
  known: boolean;
  seized: {
    /** Seizures of shipments that declared items of the asked batches. */
    seizures: number;
    items: number;
    byRoute: Array<{ origin: string; destination: string; seizures: number; items: number; firstAt: string; lastAt: string }>;
  };
  counterfeit: {
    scans: number;
    byCountry: Array<{ country: string | null; scans: number; sessions: number; firstDay: string; lastDay: string }>;
  };
  /** The brands' alerts to customs active now, by country; `reasons` only for customs offices and the brand itself. */
  alerts: RegisterAlerts;
  asOf: string;
};
