/** Customs inspections of a shipment: request shapes, the report and the recorded outcome. */
import type { Hex } from "viem";
import { z } from "zod";
import type { InspectionClass, InspectionTally } from "../core/inspection.ts";
import type { Reason, VerdictName } from "../core/verdict.ts";
import type { PartyView } from "./shipments.ts";

/** `Outcome` of the ShipmentRegistry, in its order. */
export const OUTCOMES = ["cleared", "held", "seized"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type InspectionCounts = { genuine: number; counterfeit: number; undeclared: number; revoked: number };

export const inspectionIdPath = z.object({ id: z.uuid("must be an inspection id (a UUID)") });

export const manifestBody = z.strictObject({ codes: z.array(z.unknown()).describe("Label URIs as scanned or listed") });

export const recordBody = z.strictObject({ outcome: z.enum(OUTCOMES) });

export const reportQuery = z.strictObject({ format: z.enum(["json", "csv", "pdf"]).default("json") });

/** `brandId`: the brand the row concerns: the GTIN's owner (a copy's victim), else the signing brand. */
export type ReportRow = { row: number; code: string; class: InspectionClass; verdict: VerdictName; reasons: Reason[]; brandId: Hex | null };
export type InspectionSummary = InspectionTally & { malformed: number };
export type MalformedRow = { row: number; error: string; message: string };

export type InspectionReport = {
  id: string;
  shipmentId: Hex;
  waybill: string;
  office: PartyView;
  createdAt: string;
  /** The chain state every row was checked against. */
  checked: { chainId: number; registry: string; blockNumber: number };
  summary: InspectionSummary;
  rows: ReportRow[];
  malformed: MalformedRow[];
};

export type RecordingView = {
  inspectionId: string;
  shipmentId: Hex;
  outcome: Outcome;
  counts: InspectionCounts;
  reportHash: Hex;
  brandIds: Hex[];
  transactionHash: Hex;
  blockNumber: number;
};
