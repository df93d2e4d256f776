/** What the register of known infringements reads from the store: seizures and counterfeit scans, aggregated. */
import type { Hex } from "viem";

/** A brand, a GTIN (14 digits) and a lot: any may be left out, at least one is given. */
export type RegisterFilter = { brandId: Hex | undefined; gtin: string | undefined; lot: string | undefined };

export type SeizuresByRoute = { origin: string; destination: string; seizures: number; items: number; firstAt: string; lastAt: string };

/** Counts per country (null: the scan gave no location); days are UTC dates, never a scan's own time. */
export type CounterfeitByCountry = { country: string | null; scans: number; sessions: number; firstDay: string; lastDay: string };

export interface RegisterStore {
  /** Seized shipments that declared items of the filter's batches, by route. */
  seizures(filter: RegisterFilter): Promise<SeizuresByRoute[]>;
  /** Counterfeit scans of the filter's codes, by country. */
  counterfeitScans(filter: RegisterFilter): Promise<CounterfeitByCountry[]>;
}
