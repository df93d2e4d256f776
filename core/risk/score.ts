/**
 * A declared shipment's risk lane (green, amber, red) from its facts: the weighted sum of the indicators'
 * strengths, with every indicator's part shown so that an officer sees why. One indicator alone is not a
 * verdict: a shipment is red only when at least `redMinIndicators` indicators fired.
 */
import type { RiskFacts } from "./facts.ts";
import { INDICATORS } from "./indicators.ts";
import { INDICATOR_IDS, type IndicatorId, type RiskWeights } from "./weights.ts";

export const RISK_LANES = ["green", "amber", "red"] as const;
export type RiskLane = (typeof RISK_LANES)[number];

/** An indicator counts as fired from this strength on: below it, it is noise and says nothing. */
export const FIRED_STRENGTH = 0.1;

export type IndicatorPart = {
  id: IndicatorId;
  weight: number;
  strength: number;
  /** weight × strength: what this indicator adds to the score. */
  contribution: number;
  fired: boolean;
  detail: string;
};

export type RiskAssessment = {
  lane: RiskLane;
  score: number;
  /** Every indicator, the largest contribution first. */
  indicators: IndicatorPart[];
  /** Why the lane is what it is, in a sentence. */
  reason: string;
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function assessRisk(facts: RiskFacts, config: RiskWeights): RiskAssessment {
  const indicators = INDICATOR_IDS.map((id): IndicatorPart => {
    const { strength, detail } = INDICATORS[id](facts);
    const weight = config.weights[id];
    return { id, weight, strength: round(strength), contribution: round(weight * strength), fired: strength >= FIRED_STRENGTH && weight > 0, detail };
  }).sort((a, b) => b.contribution - a.contribution);
  const score = round(indicators.reduce((sum, part) => sum + part.contribution, 0));
  const fired = indicators.filter((part) => part.fired).length;
  let lane: RiskLane = "green";
  let reason = `score ${score} is below amber (${config.amber})`;
  if (score >= config.red && fired >= config.redMinIndicators) {
    lane = "red";
    reason = `score ${score} reaches red (${config.red}) with ${fired} indicators fired`;
  } else if (score >= config.amber) {
    lane = "amber";
    reason =
      score >= config.red
        ? `score ${score} reaches red (${config.red}) but only ${fired} indicator(s) fired (red needs ${config.redMinIndicators})`
        : `score ${score} reaches amber (${config.amber})`;
  }
  return { lane, score, indicators, reason };
}
