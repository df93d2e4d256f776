/**
 * The intelligence roll-ups on PostgreSQL (rollup-sql.ts), counted inside the scan log's transactions.
 * Instances write at once, so the order of locks is fixed: the code and then the session (the scan log's
 * advisory locks), the code's rows, then `scan_cells` and `scan_daily` rows level by level (brand, GTIN,
 * lot) and, in a clone's back-fill, by day and country: two scans never wait on each other in a circle.
 */
import type pg from "pg";
import { numbered } from "../../../store/placeholders.ts";
import * as r from "./rollup-sql.ts";
import type { Seen, StoredScan } from "./rollup-sql.ts";

const sql = Object.fromEntries(
  (["SESSION_SEEN_SQL", "CODE_COUNTRY_SQL", "CODE_CELL_SQL", "CODE_SUMMARY_SQL", "CELLS_SQL", "DAILY_SQL", "CLONE_BACKFILL_SQL"] as const).map((k) => [k, numbered(r[k])]),
) as Record<"SESSION_SEEN_SQL" | "CODE_COUNTRY_SQL" | "CODE_CELL_SQL" | "CODE_SUMMARY_SQL" | "CELLS_SQL" | "DAILY_SQL" | "CLONE_BACKFILL_SQL", string>;

/** Before the scan's insert (the code locked): what this session had seen already. */
export async function seenBefore(tx: pg.PoolClient, s: StoredScan): Promise<Seen> {
  const { rows } = await tx.query(sql.SESSION_SEEN_SQL, r.sessionSeenArgs(s));
  return r.seenFrom(rows[0]!);
}

/** After the scan's insert, with what `seenBefore` said. */
export async function scanRecorded(tx: pg.PoolClient, s: StoredScan, seen: Seen): Promise<void> {
  const code = [s.brandId, s.gtin, s.lot, s.serial];
  const located = s.latitude !== null && s.longitude !== null;
  const newCountry = s.country !== null && (await tx.query(sql.CODE_COUNTRY_SQL, [...code, s.country])).rowCount! > 0 ? 1 : 0;
  const newCell = located && (await tx.query(sql.CODE_CELL_SQL, [...code, s.latitude, s.longitude])).rowCount! > 0 ? 1 : 0;
  const { rows } = await tx.query<{ countries: number; cells: number }>(sql.CODE_SUMMARY_SQL, [...code, newCountry, newCell, seen.code ? 0 : 1, s.scannedAt, s.scannedAt]);
  const places = rows[0]!;
  if (located) await tx.query(sql.CELLS_SQL, r.cellsArgs(s, seen));
  if (!r.isClone(places)) return;
  const crossed = !r.isClone({ countries: places.countries - newCountry, cells: places.cells - newCell });
  if (crossed) await tx.query(sql.CLONE_BACKFILL_SQL, [...code, s.gtin, s.gtin, s.lot]);
  else await tx.query(sql.DAILY_SQL, r.dailyArgs(s.brandId, s.gtin, s.lot, r.dayOf(s.scannedAt), s.country, 0, 1));
}

export async function counterfeitRecorded(tx: pg.PoolClient, brandId: string, gtin: string, lot: string, scannedAt: number, country: string | null): Promise<void> {
  await tx.query(sql.DAILY_SQL, r.dailyArgs(brandId, gtin, lot, r.dayOf(scannedAt), country, 1, 0));
}
