/**
 * The register's reads, written once for both stores (`?` placeholders; PostgreSQL numbers them). A filter
 * left out matches everything: `column = coalesce(CAST(? AS TEXT), column)`, typed so that PostgreSQL
 * knows what a NULL parameter is.
 */
import type { Row } from "../../../store/rows.ts";
import type { CounterfeitByCountry, RegisterFilter, SeizuresByRoute } from "./types.ts";

const match = (column: string) => `${column} = coalesce(CAST(? AS TEXT), ${column})`;

export const SEIZURES_SQL = `
  SELECT s.origin, s.destination, COUNT(DISTINCT i.id) AS seizures, COUNT(DISTINCT si.shipment_id || ':' || si.idx) AS items,
         MIN(i.created_at) AS first_at, MAX(i.created_at) AS last_at
  FROM inspections i
  JOIN shipments s ON s.id = i.shipment_id
  JOIN shipment_items si ON si.shipment_id = s.id
  JOIN batches b ON b.id = si.batch_id
  WHERE i.outcome = 'seized' AND ${match("lower(b.brand_id)")} AND ${match("b.gtin")} AND ${match("b.lot")}
  GROUP BY s.origin, s.destination
  ORDER BY seizures DESC, s.origin, s.destination`;

export const COUNTERFEIT_SQL = `
  SELECT country, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions, MIN(scanned_at) AS first, MAX(scanned_at) AS last
  FROM counterfeit_scans
  WHERE ${match("brand_id")} AND ${match("gtin")} AND ${match("lot")}
  GROUP BY country
  ORDER BY scans DESC, country IS NULL, country`;

export const filterArgs = (f: RegisterFilter): Array<string | null> => [f.brandId?.toLowerCase() ?? null, f.gtin ?? null, f.lot ?? null];

const day = (ms: unknown): string => new Date(Number(ms)).toISOString().slice(0, 10);

export const toSeizures = (rows: readonly Row[]): SeizuresByRoute[] =>
  rows.map((r) => ({
    origin: r.origin as string,
    destination: r.destination as string,
    seizures: Number(r.seizures),
    items: Number(r.items),
    firstAt: r.first_at as string,
    lastAt: r.last_at as string,
  }));

export const toCounterfeit = (rows: readonly Row[]): CounterfeitByCountry[] =>
  rows.map((r) => ({ country: (r.country as string | null) ?? null, scans: Number(r.scans), sessions: Number(r.sessions), firstDay: day(r.first), lastDay: day(r.last) }));
