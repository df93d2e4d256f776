/**
 * Brand alerts to customs: a brand says that fakes of one of its GTINs (or one lot) are expected in a
 * destination country, for a while; customs risk lanes read the alert (docs/alerts.md).
 */
import { z } from "zod";
import type { Hex } from "viem";
import type { PageInfo } from "./paging.ts";

export const ALERT_STATES = ["active", "expired", "withdrawn"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Days an alert stays active unless given, and the most a brand may give. */
export const ALERT_DAYS = { default: 90, max: 365 };
export const ALERT_REASON_MAX = 280;

/** Checked in full by core's `checkCountryCode`, whose error names the field and the value ("UK" → use GB). */
const country = z.string().min(1).max(3).describe("ISO 3166-1 alpha-2, e.g. FR");

export const raiseAlertBody = z.strictObject({
  // The GS1 rules (length, check digit; lot's character set) are checked after the shape, naming the field.
  gtin: z.string().min(1).max(14).describe("A GTIN-8, -12, -13 or -14 of the brand's own; kept as 14 digits"),
  lot: z.string().min(1).max(20).optional().describe("One lot of the GTIN (GS1 AI 10); without it, every lot"),
  country: country.describe("Where the fakes are expected: the shipments' destination, ISO 3166-1 alpha-2"),
  origin: country.optional().describe("Only shipments from this country (ISO 3166-1 alpha-2); without it, from anywhere"),
  reason: z.string().trim().min(1).max(ALERT_REASON_MAX).describe("Why, in words customs offices read in the lanes' evidence"),
  days: z.number().int().min(1).max(ALERT_DAYS.max).default(ALERT_DAYS.default).describe("Days the alert stays active (1–365, default 90)"),
});

export type RaiseAlertBody = z.input<typeof raiseAlertBody>;

export const alertsQuery = z.strictObject({
  state: z.enum(ALERT_STATES).optional().describe("Only alerts in this state"),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("Alerts per page, newest first (1–500)"),
  cursor: z.string().regex(/^\d{1,15}$/, "must be a nextCursor this list returned").optional(),
});

export const alertIdPath = z.object({ id: z.string().uuid("must be an alert id, as raising it answered") });

export type AlertView = {
  id: string;
  brandId: Hex;
  gtin: string;
  lot: string | null;
  country: string;
  origin: string | null;
  reason: string;
  raisedAt: string;
  expiresAt: string;
  /** When the brand withdrew it; null while it was not. */
  withdrawnAt: string | null;
  /** Withdrawn, else expired once `expiresAt` has passed, else active. */
  state: AlertState;
};

export type AlertListView = { alerts: AlertView[]; nextCursor: PageInfo["nextCursor"] };

/** What the register shows of active alerts: how many per GTIN, lot and country; reasons only to customs and the brand. */
export type RegisterAlerts = {
  active: number;
  byCountry: Array<{ country: string; gtin: string; lot: string | null; alerts: number; firstRaisedAt: string; lastExpiresAt: string; reasons?: string[] }>;
};
