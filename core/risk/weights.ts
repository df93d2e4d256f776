/**
 * The risk lanes' configuration: each indicator's weight, the lanes' thresholds, and how many indicators
 * must fire before a shipment can be red. Configuration, not code: an office tunes it (RISK_WEIGHTS_FILE)
 * and the defaults are documented with their reasons in docs/risk-lanes.md.
 */
import { VeritraceError } from "../errors.ts";

export const INDICATOR_IDS = [
  "route-seizures",
  "shipper-history",
  "consignee-history",
  "new-party",
  "destination-counterfeit-scans",
  "flagged-items",
  "impossible-counts",
  "brand-alert",
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export type RiskWeights = {
  weights: Record<IndicatorId, number>;
  /** A score at or above this is amber. */
  amber: number;
  /** A score at or above this is red, when at least `redMinIndicators` indicators fired. */
  red: number;
  /** One indicator alone is not a verdict: fewer fired indicators cap the lane at amber. */
  redMinIndicators: number;
  /** How far back counterfeit scans in the destination count (days). */
  scanWindowDays: number;
};

/**
 * The defaults. Weights sum to 1, so a score is the weighted share of the evidence that fired. History
 * (route, parties) weighs most because seizures are the most direct evidence an office has; a party's
 * newness is weak on its own (every honest shipper is new once); recalled or stolen items and impossible
 * counts are strong but rare. Thresholds were chosen on the trade simulator (docs/simulation.md).
 */
export const DEFAULT_RISK_WEIGHTS: RiskWeights = {
  weights: {
    "route-seizures": 0.2,
    "shipper-history": 0.25,
    "consignee-history": 0.1,
    "new-party": 0.05,
    "destination-counterfeit-scans": 0.05,
    "flagged-items": 0.15,
    "impossible-counts": 0.15,
    "brand-alert": 0.05,
  },
  amber: 0.08,
  red: 0.15,
  redMinIndicators: 2,
  scanWindowDays: 90,
};

/** Reads a configuration (the JSON of RISK_WEIGHTS_FILE): unknown indicators, negative weights or crossed thresholds are refused by name. */
export function parseRiskWeights(input: unknown): RiskWeights {
  const fail = (message: string, field: string): never => {
    throw new VeritraceError(message, { code: "BAD_RISK_WEIGHTS", field });
  };
  if (typeof input !== "object" || input === null) return fail("Risk weights are a JSON object", "riskWeights");
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(key in DEFAULT_RISK_WEIGHTS)) fail(`Unknown risk setting "${key}" (known: ${Object.keys(DEFAULT_RISK_WEIGHTS).join(", ")})`, key);
  }
  const weights = { ...DEFAULT_RISK_WEIGHTS.weights };
  if (raw.weights !== undefined) {
    if (typeof raw.weights !== "object" || raw.weights === null) fail("`weights` maps indicator ids to numbers", "weights");
    for (const [id, value] of Object.entries(raw.weights as Record<string, unknown>)) {
      if (!(INDICATOR_IDS as readonly string[]).includes(id)) fail(`Unknown indicator "${id}" (known: ${INDICATOR_IDS.join(", ")})`, `weights.${id}`);
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) fail(`The weight of "${id}" must be a number ≥ 0`, `weights.${id}`);
      weights[id as IndicatorId] = value as number;
    }
  }
  const number = (key: "amber" | "red" | "redMinIndicators" | "scanWindowDays", min: number): number => {
    const value = raw[key] ?? DEFAULT_RISK_WEIGHTS[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) fail(`\`${key}\` must be a number ≥ ${min}`, key);
    return value as number;
  };
  const result = { weights, amber: number("amber", 0), red: number("red", 0), redMinIndicators: number("redMinIndicators", 1), scanWindowDays: number("scanWindowDays", 1) };
  if (result.red < result.amber) fail(`\`red\` (${result.red}) must not be below \`amber\` (${result.amber})`, "red");
  return result;
}
