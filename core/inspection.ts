/**
 * How a customs inspection sorts what it scanned, item by item: the same rule for a manifest upload on the
 * server and for a scan session in the verifier's customs mode, so that both tallies agree.
 */
import type { Verdict } from "./verdict.ts";

/** Every class an inspected code can fall in. */
export const INSPECTION_CLASSES = ["declared", "undeclared", "counterfeit", "revoked", "duplicate", "unverified"] as const;
export type InspectionClass = (typeof INSPECTION_CLASSES)[number];

export const INSPECTION_CLASS_LABEL: Record<InspectionClass, string> = {
  declared: "genuine, declared in this shipment",
  undeclared: "genuine, not declared in this shipment",
  counterfeit: "counterfeit",
  revoked: "revoked (recalled, stolen or destroyed)",
  duplicate: "scanned twice",
  unverified: "not checked on chain",
};

export type InspectionTally = Record<InspectionClass, number>;

export function emptyTally(): InspectionTally {
  return { declared: 0, undeclared: 0, counterfeit: 0, revoked: 0, duplicate: 0, unverified: 0 };
}

/**
 * The class of one scanned code. A second scan of the same item (or the same text, for a code that names
 * no item) is a duplicate whatever its verdict: counting it again would inflate the tally. A SUSPICIOUS
 * verdict comes from consumer scan history, which says nothing about this shipment: such an item is
 * classed by its declaration like any genuine one.
 */
export function classifyInspected(verdict: Verdict, declared: boolean, seenBefore: boolean): InspectionClass {
  if (seenBefore) return "duplicate";
  switch (verdict.verdict) {
    case "COUNTERFEIT":
      return "counterfeit";
    case "REVOKED":
      return "revoked";
    case "UNVERIFIED":
      return "unverified";
    case "GENUINE":
    case "SUSPICIOUS":
      return declared ? "declared" : "undeclared";
  }
}

/** What identifies a scanned code for duplicate detection: the item when the verdict found one, else the text. */
export function inspectionKey(verdict: Verdict, text: string): string {
  return verdict.itemId ?? `text:${text.trim()}`;
}

/** The counts `recordInspection` takes on chain, from a tally. Duplicates and unverified codes are not items. */
export function onChainCounts(tally: InspectionTally): { genuine: number; counterfeit: number; undeclared: number; revoked: number } {
  return { genuine: tally.declared, counterfeit: tally.counterfeit, undeclared: tally.undeclared, revoked: tally.revoked };
}
