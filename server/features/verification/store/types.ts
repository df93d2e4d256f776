/** What the store keeps of scans: sessions, item histories and counterfeit scans; this feature's part of `Store`. */
import type { Hex } from "viem";
import type { ScanRecord } from "../../../../core/history.ts";
import type { ItemKey } from "../../brands/store/types.ts";

/**
 * What a scan history is kept under: the brand whose signer signed the code, and the item's GS1 key. Two
 * brands issuing the same GTIN, lot and serial never share a history.
 */
export type ScanKey = ItemKey & { brandId: Hex };

/** A scan as received; the store coarsens the location before keeping it. */
export type NewScan = {
  sessionId: string;
  /** The client network the session was issued to (see `http/client-network.ts`). */
  network: string;
  scannedAt: number;
  location?: { latitude: number; longitude: number } | undefined;
  country?: string | undefined;
};

/** A scan as kept: location rounded to 0.1°. */
export type Scan = ScanRecord;

/** A scan session the service issued; only `counted` sessions' scans enter a history. Times in ms. */
export type ScanSession = { id: string; network: string; issuedAt: number; counted: boolean };

/** How many sessions one client network may be issued that count, per window. */
export type SessionBudget = { perNetwork: number; windowMs: number };

/** A scan of a code that does not verify, kept for the brand holding the GTIN's GS1 prefix. */
export type CounterfeitScan = {
  brandId: Hex;
  gtin: string;
  lot: string;
  serial: string;
  /** Why the code does not verify: the verdict's reason code (UNSIGNED, BAD_SIGNATURE, SIGNER_NOT_REGISTERED). */
  reason: string;
  sessionId: string;
  network: string;
  country: string | undefined;
  scannedAt: number;
};

/** A brand's counterfeit scans, aggregated: never one scan's place or network. Days are UTC dates. */
export type CounterfeitScanCounts = {
  total: { scans: number; sessions: number; networks: number };
  byProduct: Array<{ gtin: string; lot: string; scans: number; sessions: number; networks: number; serials: number; firstScanAt: number; lastScanAt: number }>;
  byDayAndCountry: Array<{ day: string; country: string | null; scans: number; sessions: number }>;
  byReason: Array<{ reason: string; scans: number }>;
};

/** Scan sessions, item histories and counterfeit scans. */
export interface ScanStore {
  /**
   * Issues a session to a client network: counted when fewer than `budget.perNetwork` counted sessions were
   * issued to that network in the `budget.windowMs` before `issuedAt`. Uncounted sessions older than the
   * window are forgotten here (a page holding one then asks again, and may be counted).
   */
  issueSession(id: string, network: string, issuedAt: number, budget: SessionBudget): Promise<ScanSession>;
  getSession(id: string): Promise<ScanSession | undefined>;
  /**
   * Records the scan in the item's history; with `perSession`, only while the session has fewer than that
   * many scans among the newest 1,000 `listScans` reads, checked and written in one transaction (false: not
   * recorded), so that concurrent scans in one session cannot both pass the check.
   */
  recordScan(key: ScanKey, scan: NewScan, perSession?: number): Promise<boolean>;
  /** The item's scans, oldest first (the newest 1,000 at most). */
  listScans(key: ScanKey): Promise<Scan[]>;
  recordCounterfeitScan(scan: CounterfeitScan): Promise<void>;
  /** The brand's counterfeit scans since `since` (ms; default: all), aggregated. */
  countCounterfeitScans(brandId: Hex, since?: number): Promise<CounterfeitScanCounts>;
  /** Counterfeit scans since `since` (ms), counted by GTIN and country (scans with no country left out). */
  counterfeitScansByGtinAndCountry(since: number): Promise<Array<{ gtin: string; country: string; scans: number }>>;
}
