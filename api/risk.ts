/** Customs risk lanes: what an office reads of the shipments bound for it before they arrive. */
import { z } from "zod";
import type { Hex } from "viem";

export const RISK_LANES = ["green", "amber", "red"] as const;
export type RiskLaneName = (typeof RISK_LANES)[number];

export const lanesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("Shipments per answer, riskiest first (1–500)"),
  lane: z.enum(RISK_LANES).optional().describe("Only shipments in this lane"),
});

export type IndicatorView = {
  id: string;
  /** The configured weight. */
  weight: number;
  /** 0 (nothing unusual) to 1. */
  strength: number;
  /** weight × strength: its part of the score. */
  contribution: number;
  fired: boolean;
  /** The evidence, in a sentence. */
  detail: string;
};

export type RiskView = {
  shipmentId: Hex;
  waybill: string;
  origin: string;
  destination: string;
  shipper: string;
  consignee: string;
  itemCount: number;
  declaredAt: string;
  lane: RiskLaneName;
  score: number;
  reason: string;
  /** Every indicator, the largest contribution first. */
  indicators: IndicatorView[];
};

export type LanesView = {
  office: { country: string };
  thresholds: { amber: number; red: number; redMinIndicators: number };
  /** Declared shipments bound for the office's country with no inspection outcome yet, riskiest first. */
  lanes: RiskView[];
  /** Shipments bound for the office's country awaiting a lane decision (all lanes), before `limit`. */
  total: number;
};
