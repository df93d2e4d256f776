/**
 * How a customs inspection sorts what it scanned, item by item: the same rule for a manifest upload on the
 * server and for a scan session in the verifier's customs mode, so that both tallies agree.
 */
import type { Verdict } from "./verdict.ts";

/** Every class an inspected code can fall in. */
export const INSPECTION_CLASSES = ["declared", "expired", "undeclared", "counterfeit", "revoked", "duplicate", "unverified"] as const;
export type InspectionClass = (typeof INSPECTION_CLASSES)[number];

export const INSPECTION_CLASS_LABEL: Record<InspectionClass, string> = {
  declared: "genuine, declared in this shipment",
  expired: "genuine, declared, but past its expiry date",
  undeclared: "genuine, not declared in this shipment",
  counterfeit: "counterfeit",
  revoked: "revoked (recalled, stolen, destroyed, or signed with a withdrawn key)",
  duplicate: "scanned twice",
  unverified: "not checked on chain",
};

export type InspectionTally = Record<InspectionClass, number>;

export function emptyTally(): InspectionTally {
  return { declared: 0, expired: 0, undeclared: 0, counterfeit: 0, revoked: 0, duplicate: 0, unverified: 0 };
}

/**
 * The class of one scanned code. A second scan of the same item (or the same text, for a code that names
 * no item) is a duplicate whatever its verdict: counting it again would inflate the tally. A SUSPICIOUS
 * verdict comes from consumer scan history, which says nothing about this shipment: such an item is
 * classed by its declaration like any genuine one.
 *
 * Each item gets its most serious finding, so the classes stay a partition of what was scanned: an expired
 * genuine item is `expired` instead of `declared` (past its date it is no longer "nothing to do"), while an
 * undeclared one stays `undeclared`, the graver finding for a declaration; its row still carries EXPIRED.
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
      if (!declared) return "undeclared";
      return verdict.expiry?.expired === true ? "expired" : "declared";
  }
}

/** What identifies a scanned code for duplicate detection: the item when the verdict found one, else the text. */
export function inspectionKey(verdict: Verdict, text: string): string {
  return verdict.itemId ?? `text:${text.trim()}`;
}

/**
 * The counts `recordInspection` takes on chain, from a tally. Duplicates and unverified codes are not items;
 * expired items are declared genuine ones (the chain has no count of its own for them). A tally stored before
 * the `expired` class existed has none.
 */
export function onChainCounts(tally: InspectionTally): { genuine: number; counterfeit: number; undeclared: number; revoked: number } {
  return { genuine: tally.declared + (tally.expired ?? 0), counterfeit: tally.counterfeit, undeclared: tally.undeclared, revoked: tally.revoked };
}
