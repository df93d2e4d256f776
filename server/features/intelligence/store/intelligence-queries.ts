/**
 * The intelligence page's reads, written once for both stores (`?` placeholders; PostgreSQL numbers them).
 * Days are whole UTC days since the epoch (`scanned_at / 86400000`, integer division in both databases),
 * turned into dates here. A GTIN or lot left out matches everything (`coalesce(CAST(? AS TEXT), column)`,
 * typed so that PostgreSQL knows what a NULL parameter is). Nothing here returns one scan: every row is a
 * count over a day and country, a 0.1° cell of at least MIN_CELL_SCANS scans, a code, or a route.
 */
import type { Row } from "../../../store/rows.ts";
import { MIN_CELL_SCANS, MIN_CLONE_PLACES, type CloneCluster, type Hotspot, type IntelligenceFilter, type SeizureRoute, type VerdictsByDay } from "./types.ts";

const DAY_MS = 86_400_000;
/** Rows per list at most: the page shows the top of each, and a CSV export of more would be a scan dump. */
const MAX_ROWS = 1_000;

const match = (column: string) => `${column} = coalesce(CAST(? AS TEXT), ${column})`;
const scanWhere = (t: string) => `${t}brand_id = ? AND ${match(`${t}gtin`)} AND ${match(`${t}lot`)} AND ${t}scanned_at >= ? AND ${t}scanned_at < ?`;
export const scanArgs = (f: IntelligenceFilter): Array<string | number | null> => [f.brandId.toLowerCase(), f.gtin ?? null, f.lot ?? null, f.from, f.to];

/** A cell as one value, so that COUNT(DISTINCT …) counts cells; NULL (no location) is not counted. */
const CELL = "CAST(latitude AS TEXT) || ',' || CAST(longitude AS TEXT)";

/** Codes of the brand seen in at least MIN_CLONE_PLACES countries or cells in the period. */
const CLONES_CTE = `
  WITH clones AS (
    SELECT gtin, lot, serial FROM scans WHERE ${scanWhere("")}
    GROUP BY gtin, lot, serial
    HAVING COUNT(DISTINCT country) >= ${MIN_CLONE_PLACES} OR COUNT(DISTINCT ${CELL}) >= ${MIN_CLONE_PLACES}
  )`;

export const VERDICTS_SQL = `${CLONES_CTE}
  SELECT day, country, SUM(counterfeit) AS counterfeit, SUM(suspicious) AS suspicious FROM (
    SELECT scanned_at / ${DAY_MS} AS day, country, 1 AS counterfeit, 0 AS suspicious FROM counterfeit_scans WHERE ${scanWhere("")}
    UNION ALL
    SELECT s.scanned_at / ${DAY_MS} AS day, s.country, 0 AS counterfeit, 1 AS suspicious
    FROM scans s JOIN clones c ON c.gtin = s.gtin AND c.lot = s.lot AND c.serial = s.serial
    WHERE ${scanWhere("s.")}
  ) v
  GROUP BY day, country
  ORDER BY day, country IS NULL, country`;
export const verdictArgs = (f: IntelligenceFilter) => [...scanArgs(f), ...scanArgs(f), ...scanArgs(f)];

export const HOTSPOTS_SQL = `
  SELECT latitude, longitude, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions
  FROM scans WHERE ${scanWhere("")} AND latitude IS NOT NULL
  GROUP BY latitude, longitude
  HAVING COUNT(*) >= ${MIN_CELL_SCANS}
  ORDER BY scans DESC, latitude, longitude
  LIMIT ${MAX_ROWS}`;

export const CLONES_SQL = `
  SELECT gtin, lot, serial, COUNT(DISTINCT country) AS countries, COUNT(DISTINCT ${CELL}) AS cells, COUNT(*) AS scans,
         COUNT(DISTINCT session_id) AS sessions, MIN(scanned_at) AS first, MAX(scanned_at) AS last
  FROM scans WHERE ${scanWhere("")}
  GROUP BY gtin, lot, serial
  HAVING COUNT(DISTINCT country) >= ${MIN_CLONE_PLACES} OR COUNT(DISTINCT ${CELL}) >= ${MIN_CLONE_PLACES}
  ORDER BY countries DESC, cells DESC, scans DESC, gtin, lot, serial
  LIMIT ${MAX_ROWS}`;

/** Inspections keep ISO times as text: the period is compared as ISO strings. */
export const SEIZURES_SQL = `
  SELECT s.origin, s.destination, COUNT(DISTINCT i.id) AS seizures, COUNT(DISTINCT si.shipment_id || ':' || si.idx) AS items,
         MIN(i.created_at) AS first_at, MAX(i.created_at) AS last_at
  FROM inspections i
  JOIN shipments s ON s.id = i.shipment_id
  JOIN shipment_items si ON si.shipment_id = s.id
  JOIN batches b ON b.id = si.batch_id
  WHERE i.outcome = 'seized' AND lower(b.brand_id) = ? AND ${match("b.gtin")} AND ${match("b.lot")}
    AND i.created_at >= ? AND i.created_at < ?
  GROUP BY s.origin, s.destination
  ORDER BY seizures DESC, s.origin, s.destination
  LIMIT ${MAX_ROWS}`;
export const seizureArgs = (f: IntelligenceFilter) => [f.brandId.toLowerCase(), f.gtin ?? null, f.lot ?? null, iso(f.from), iso(f.to)];

const iso = (ms: number) => new Date(ms).toISOString();
const date = (dayOrMs: unknown, unit: number) => new Date(Number(dayOrMs) * unit).toISOString().slice(0, 10);

export const toVerdicts = (rows: readonly Row[]): VerdictsByDay[] =>
  rows.map((r) => ({ day: date(r.day, DAY_MS), country: (r.country as string | null) ?? null, counterfeit: Number(r.counterfeit), suspicious: Number(r.suspicious) }));

export const toHotspots = (rows: readonly Row[]): Hotspot[] =>
  rows.map((r) => ({ latitude: Number(r.latitude), longitude: Number(r.longitude), scans: Number(r.scans), sessions: Number(r.sessions) }));

export const toClones = (rows: readonly Row[]): CloneCluster[] =>
  rows.map((r) => ({
    gtin: r.gtin as string,
    lot: r.lot as string,
    serial: r.serial as string,
    countries: Number(r.countries),
    cells: Number(r.cells),
    scans: Number(r.scans),
    sessions: Number(r.sessions),
    firstDay: date(r.first, 1),
    lastDay: date(r.last, 1),
  }));

export const toSeizures = (rows: readonly Row[]): SeizureRoute[] =>
  rows.map((r) => ({ origin: r.origin as string, destination: r.destination as string, seizures: Number(r.seizures), items: Number(r.items), firstAt: r.first_at as string, lastAt: r.last_at as string }));
