/** What the brand intelligence page reads from the store: one brand's scans and seizures, aggregated. */
import type { Hex } from "viem";

/** One brand, optionally one GTIN (14 digits) and lot, over a period in ms [from, to). */
export type IntelligenceFilter = { brandId: Hex; gtin: string | undefined; lot: string | undefined; from: number; to: number };

/** Days are UTC dates; country null: the scan gave none. */
export type VerdictsByDay = { day: string; country: string | null; counterfeit: number; suspicious: number };
export type Hotspot = { latitude: number; longitude: number; scans: number; sessions: number };
export type CloneCluster = { gtin: string; lot: string; serial: string; countries: number; cells: number; scans: number; sessions: number; firstDay: string; lastDay: string };
export type SeizureRoute = { origin: string; destination: string; seizures: number; items: number; firstAt: string; lastAt: string };

/** Scans and cells with fewer than this are not shown: a cell, or a clone, is a pattern, not one person. */
export const MIN_CELL_SCANS = 3;
export const MIN_CLONE_PLACES = 3;

export interface IntelligenceStore {
  /** Counterfeit scans, and scans of codes in clone clusters (suspicious), by day and country. */
  verdicts(filter: IntelligenceFilter): Promise<VerdictsByDay[]>;
  /** The scan log's 0.1° cells with at least MIN_CELL_SCANS scans, the busiest first. */
  hotspots(filter: IntelligenceFilter): Promise<Hotspot[]>;
  /** Codes seen in at least MIN_CLONE_PLACES countries or cells, the most widespread first. */
  cloneClusters(filter: IntelligenceFilter): Promise<CloneCluster[]>;
  /** Seizures of shipments declaring the filter's batches, by route. */
  seizures(filter: IntelligenceFilter): Promise<SeizureRoute[]>;
}
