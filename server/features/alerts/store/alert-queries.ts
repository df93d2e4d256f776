/**
 * Brand alerts' SQL, written once for both stores (`?` placeholders; PostgreSQL's are numbered by
 * store/placeholders.ts), and the reading of a row. Times are ISO texts, which order as the times do.
 */
import type { Hex } from "viem";
import type { AlertState } from "../../../../api/alerts.ts";
import type { Row } from "../../../store/rows.ts";
import type { Alert, AlertListQuery, NewAlert } from "./types.ts";

const COLUMNS = "seq, id, org_id, brand_id, gtin, lot, country, origin, reason, raised_at, expires_at, withdrawn_at";

export const INSERT_SQL = `INSERT INTO brand_alerts (id, org_id, brand_id, gtin, lot, country, origin, reason, raised_at, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const GET_SQL = `SELECT ${COLUMNS} FROM brand_alerts WHERE id = ?`;
export const WITHDRAW_SQL = "UPDATE brand_alerts SET withdrawn_at = ? WHERE id = ? AND org_id = ? AND withdrawn_at IS NULL";
export const ACTIVE_SQL = `SELECT ${COLUMNS} FROM brand_alerts
  WHERE withdrawn_at IS NULL AND expires_at > ? AND gtin = coalesce(CAST(? AS TEXT), gtin) ORDER BY seq`;

/** Each state as a condition on `now` (the one parameter it takes, if any). */
const STATE_WHERE: Record<AlertState, string> = {
  active: "withdrawn_at IS NULL AND expires_at > ?",
  expired: "withdrawn_at IS NULL AND expires_at <= ?",
  withdrawn: "withdrawn_at IS NOT NULL",
};

/** The list query for `query` and its arguments, in order. */
export function listSql(orgId: string, query: AlertListQuery): { sql: string; args: Array<string | number> } {
  const where = ["org_id = ?"];
  const args: Array<string | number> = [orgId];
  if (query.state !== undefined) {
    where.push(STATE_WHERE[query.state]);
    if (query.state !== "withdrawn") args.push(query.now);
  }
  if (query.beforeSeq !== undefined) {
    where.push("seq < ?");
    args.push(query.beforeSeq);
  }
  args.push(query.limit);
  return { sql: `SELECT ${COLUMNS} FROM brand_alerts WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`, args };
}

export const insertArgs = (a: NewAlert): Array<string | null> => [
  a.id,
  a.orgId,
  a.brandId.toLowerCase(),
  a.gtin,
  a.lot ?? null,
  a.country,
  a.origin ?? null,
  a.reason,
  a.raisedAt,
  a.expiresAt,
];

export const toAlert = (r: Row): Alert => ({
  seq: Number(r.seq),
  id: r.id as string,
  orgId: r.org_id as string,
  brandId: r.brand_id as Hex,
  gtin: r.gtin as string,
  lot: (r.lot as string | null) ?? undefined,
  country: r.country as string,
  origin: (r.origin as string | null) ?? undefined,
  reason: r.reason as string,
  raisedAt: r.raised_at as string,
  expiresAt: r.expires_at as string,
  withdrawnAt: (r.withdrawn_at as string | null) ?? undefined,
});
