/** What the store keeps of brand alerts (docs/alerts.md); this feature's part of `Store`. */
import type { Hex } from "viem";
import type { AlertState } from "../../../../api/alerts.ts";

export type NewAlert = {
  id: string;
  orgId: string;
  brandId: Hex;
  /** 14 digits. */
  gtin: string;
  lot: string | undefined;
  country: string;
  origin: string | undefined;
  reason: string;
  /** ISO times. */
  raisedAt: string;
  expiresAt: string;
};

export type Alert = NewAlert & { seq: number; withdrawnAt: string | undefined };

export type AlertListQuery = {
  state?: AlertState | undefined;
  /** The time states are judged at (ISO). */
  now: string;
  limit: number;
  /** Only alerts kept before this one (its `seq`), for the next page. */
  beforeSeq?: number | undefined;
};

export interface AlertStore {
  raise(alert: NewAlert): Promise<Alert>;
  get(id: string): Promise<Alert | undefined>;
  /** One organisation's alerts, newest first. */
  list(orgId: string, query: AlertListQuery): Promise<Alert[]>;
  /**
   * Marks the organisation's alert withdrawn at `at`, unless it was already (then it keeps its first
   * withdrawal); undefined when the organisation has no such alert.
   */
  withdraw(id: string, orgId: string, at: string): Promise<Alert | undefined>;
  /** Every alert active at `now` (not withdrawn, not expired), of one GTIN (14 digits) when given. */
  active(now: string, gtin?: string): Promise<Alert[]>;
}
