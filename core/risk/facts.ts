/**
 * What is known of a declared shipment before it arrives, as counts: the inputs of its risk lane. The
 * service gathers them from its store and the chain (server/features/shipments/risk/); the trade simulator
 * gathers them from its own past (scripts/sim/). Only what an office could know goes in: outcomes of
 * inspections made, scans received, statuses the brands wrote. Never whether the goods are in fact fake.
 */

/** Inspections with an outcome, and how many of those were seizures. */
export type InspectionRecord = { inspected: number; seized: number };

/** A shipper or consignee: its inspection record, and how long it has been known (days; undefined: never seen). */
export type PartyRecord = InspectionRecord & { ageDays: number | undefined };

export type RiskFacts = {
  /** Every inspection with an outcome, anywhere: the base rate the others are read against. */
  all: InspectionRecord;
  /** Inspections of shipments on the same route (origin → destination country). */
  route: InspectionRecord;
  shipper: PartyRecord;
  consignee: PartyRecord;
  /** Counterfeit scans of the shipment's GTINs in its destination country over the last `scanWindowDays`. */
  destinationCounterfeitScans: number;
  /** Items declared. */
  items: number;
  /** Items whose batch, or which themselves, the brand marked recalled or stolen on chain. */
  flaggedItems: number;
  /** Items no brand issued, or more items of a lot than its batch holds: declared counts that cannot be. */
  impossibleItems: number;
  /** Alerts the shipment's brands raised for its GTINs (or lots) in its destination country. */
  brandAlerts: number;
  /** Those alerts' reasons, in the brands' words, quoted in the evidence (absent where none are known). */
  brandAlertReasons?: readonly string[];
};
