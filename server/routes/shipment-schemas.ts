/** Request shapes of the shipment, custody and customs routes (validated by the routes, described by the OpenAPI). */
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { OUTCOMES } from "../chain/shipment-registry.ts";

const hex32 = (what: string) =>
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, `must be a ${what} id: 0x and 64 hex digits`)
    .transform((v) => v.toLowerCase() as Hex);
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be an address: 0x and 40 hex digits")
  .transform((v) => getAddress(v) as Address);
/** Checked in full by core's `checkCountryCode`, whose error names the field and the value. */
const country = z.string().min(1).max(3).describe("ISO 3166-1 alpha-2, e.g. FR");

export const createPartyBody = z.strictObject({ name: z.string().trim().min(1).max(100), country });

export const createShipmentBody = z.strictObject({
  waybill: z.string().trim().min(1).max(100),
  consignee: address,
  origin: country,
  destination: country,
  // Items are checked one by one by the use-case, whose errors name `codes[i]`.
  codes: z.array(z.unknown()).optional().describe("Label URIs of items issued here"),
  batches: z.array(hex32("batch")).max(10_000).optional().describe("Whole batches of the caller's brand"),
});

export const handoverBody = z.strictObject({ to: address, place: country });

export const shipmentIdPath = z.object({ id: hex32("shipment") });

export const inspectionIdPath = z.object({ id: z.uuid("must be an inspection id (a UUID)") });

export const manifestBody = z.strictObject({ codes: z.array(z.unknown()).describe("Label URIs as scanned or listed") });

export const recordBody = z.strictObject({ outcome: z.enum(OUTCOMES) });

export const reportQuery = z.strictObject({ format: z.enum(["json", "csv", "pdf"]).default("json") });
