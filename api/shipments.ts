/** Shipments, custody and the parties that carry them: request shapes and views. */
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import type { InspectionCounts, Outcome } from "./customs.ts";

export const hex32 = (what: string) =>
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

export type PartyView = { id: string; name: string; country: string; address: Address; createdAt: string };

export type ShipmentView = {
  id: Hex;
  waybill: string;
  shipper: Address;
  shipperName: string | null;
  consignee: Address;
  origin: string;
  destination: string;
  itemCount: number;
  itemsRoot: Hex;
  state: "pending" | "confirmed";
  transactionHash: Hex | null;
  blockNumber: number | null;
  createdAt: string;
};

/** Where and when an event was mined. */
export type Mined = { at: string; transactionHash: Hex; blockNumber: number };
export type HandoverEvent = Mined & { from: Address; to: Address; place: string };
export type InspectionEvent = Mined & { shipmentId: Hex; office: Address; outcome: Outcome; counts: InspectionCounts; reportHash: Hex };
export type InfringementEvent = Mined & { brandId: Hex; shipmentId: Hex; office: Address; reportHash: Hex };
export type DeclarationEvent = Mined & { shipmentId: Hex; shipper: Address; waybill: string };

export type ShipmentDetail = ShipmentView & {
  custodian: Address | null;
  seized: boolean;
  handovers: Array<HandoverEvent & { fromName: string | null; toName: string | null }>;
  inspections: Array<InspectionEvent & { officeName: string | null }>;
};

export type HandoverView = { shipmentId: Hex; from: Address; to: Address; place: string; transactionHash: Hex; blockNumber: number };

/** An item's declaration in a shipment, with the Merkle proof a verifier checks with `isDeclared` on chain. */
export type DeclarationProof = {
  shipmentId: Hex;
  itemId: Hex;
  declared: boolean;
  itemsRoot: Hex;
  /** Leaf to root; empty when the item is not declared in the shipment. */
  proof: Hex[];
  registry: { chainId: number; address: Address };
};

/** Where an item has been: its batch and each shipment that declared it. */
export type CustodyView = {
  itemId: Hex;
  batch: { batchId: Hex; brandId: Hex; gtin: string; lot: string; anchoredAt: string | null; transactionHash: Hex | null; blockNumber: number | null };
  shipments: Array<ShipmentDetail & { declaration: DeclarationProof }>;
};

/** The shared register of known infringements: seizures (any office) and a brand's infringements. */
export type SeizureView = InspectionEvent & { officeName: string | null; brandIds: Hex[] };
export type InfringementView = InfringementEvent & {
  officeName: string | null;
  shipment: { waybill: string; origin: string; destination: string } | null;
};
