/**
 * The risk indicators: each turns the facts into a strength from 0 (nothing unusual) to 1 (as strong as
 * this indicator gets), with a sentence saying why. Strengths are relative to what is normal: a route's
 * seizure rate counts only as far as it exceeds the rate over all inspections.
 */
import type { InspectionRecord, PartyRecord, RiskFacts } from "./facts.ts";
import type { IndicatorId } from "./weights.ts";

export type IndicatorReading = { strength: number; detail: string };

/** A seizure rate this many times the overall rate is as strong as a history gets. */
const FULL_LIFT = 4;
/** A party known for less than this long (days) counts as new, the more so the newer it is. */
const NEW_PARTY_DAYS = 180;
/** Counterfeit scans in the destination: this many make the indicator about two-thirds strong. */
const SCAN_SCALE = 10;

const clamp = (x: number): number => Math.min(1, Math.max(0, x));
const percent = (x: number): string => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;

/** The overall seizure rate, never 0 or 1 (one pseudo-inspection each way), so that ratios stay finite. */
export function baseRate(all: InspectionRecord): number {
  return (all.seized + 1) / (all.inspected + 2);
}

/**
 * A record's seizure rate, shrunk towards the base rate by `prior` pseudo-inspections: one seizure in one
 * inspection is not a 100 % rate. The fewer inspections, the more the rate stays near the base.
 */
function shrunkRate(record: InspectionRecord, base: number, prior: number): number {
  return (record.seized + prior * base) / (record.inspected + prior);
}

function history(record: InspectionRecord, base: number, prior: number, what: string): IndicatorReading {
  if (record.inspected === 0) return { strength: 0, detail: `${what}: no inspections yet` };
  const lift = shrunkRate(record, base, prior) / base;
  return {
    strength: clamp((lift - 1) / (FULL_LIFT - 1)),
    detail: `${what}: ${record.seized} of ${record.inspected} inspections were seizures (${percent(record.seized / record.inspected)}, against ${percent(base)} overall)`,
  };
}

function newness(party: PartyRecord, role: string): { strength: number; detail: string } {
  if (party.ageDays === undefined) return { strength: 1, detail: `the ${role} has never been seen before` };
  return { strength: clamp(1 - party.ageDays / NEW_PARTY_DAYS), detail: `the ${role} was first seen ${Math.floor(party.ageDays)} days ago` };
}

function itemShare(count: number, items: number, what: string): IndicatorReading {
  if (count === 0) return { strength: 0, detail: `no ${what}` };
  // Any such item is a strong sign; many of them stronger still.
  return { strength: clamp(0.5 + (5 * count) / Math.max(1, items)), detail: `${count} of ${items} declared items ${what}` };
}

export const INDICATORS: Record<IndicatorId, (facts: RiskFacts) => IndicatorReading> = {
  "route-seizures": (f) => history(f.route, baseRate(f.all), 10, "this route"),
  "shipper-history": (f) => history(f.shipper, baseRate(f.all), 3, "the shipper"),
  "consignee-history": (f) => history(f.consignee, baseRate(f.all), 3, "the consignee"),
  "new-party": (f) => {
    const shipper = newness(f.shipper, "shipper");
    const consignee = newness(f.consignee, "consignee");
    return shipper.strength >= consignee.strength ? shipper : consignee;
  },
  "destination-counterfeit-scans": (f) => ({
    strength: clamp(1 - Math.exp(-f.destinationCounterfeitScans / SCAN_SCALE)),
    detail:
      f.destinationCounterfeitScans === 0
        ? "no counterfeit scans of these GTINs in the destination"
        : `${f.destinationCounterfeitScans} counterfeit scans of these GTINs in the destination recently`,
  }),
  "flagged-items": (f) => itemShare(f.flaggedItems, f.items, "are from batches (or are items) recalled or reported stolen"),
  "impossible-counts": (f) => itemShare(f.impossibleItems, f.items, "were never issued, or exceed their batch's size"),
  "brand-alert": (f) => ({
    strength: f.brandAlerts > 0 ? 1 : 0,
    detail:
      f.brandAlerts === 0
        ? "no brand alert"
        : `${f.brandAlerts} brand alert(s) for these GTINs in the destination${f.brandAlertReasons?.length ? `: ${f.brandAlertReasons.map((r) => JSON.stringify(r)).join("; ")}` : ""}`,
  }),
};
