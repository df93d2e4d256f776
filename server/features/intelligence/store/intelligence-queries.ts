/**
 * The intelligence page's reads, written once for both stores (`?` placeholders; PostgreSQL numbers them).
 * Verdicts, hotspots and clones read the roll-ups (rollup-sql.ts), one level's key: the brand, a GTIN or a
 * lot; seizures read the raw tables (a few rows per shipment). Periods are whole UTC days (a period in ms
 * is widened to the days it touches). Nothing here returns one scan: every row is a count over a day and
 * country, a 0.1° cell of at least MIN_CELL_SCANS scans, a code, or a route.
 */
import type { Row } from "../../../store/rows.ts";
import { DAY_MS, MAX_ROWS } from "./rollup-sql.ts";
import { MIN_CELL_SCANS, MIN_CLONE_PLACES, type CloneCluster, type Hotspot, type IntelligenceFilter, type SeizureRoute, type VerdictsByDay } from "./types.ts";

export { DAY_MS };

const match = (column: string) => `${column} = coalesce(CAST(? AS TEXT), ${column})`;

/** The days [fromDay, toDay) the period touches. */
export const periodDays = (f: Pick<IntelligenceFilter, "from" | "to">) => ({ fromDay: Math.floor(f.from / DAY_MS), toDay: Math.ceil(f.to / DAY_MS) });

const LEVEL_WHERE = "brand_id = ? AND gtin = ? AND lot = ? AND day >= ? AND day < ?";
/** The filter's level key and days. */
export const levelArgs = (f: IntelligenceFilter): Array<string | number> => {
  const { fromDay, toDay } = periodDays(f);
  return [f.brandId.toLowerCase(), f.gtin ?? "", f.gtin === undefined ? "" : (f.lot ?? ""), fromDay, toDay];
};

export const VERDICTS_SQL = `
  SELECT day, country, counterfeit, suspicious FROM scan_daily WHERE ${LEVEL_WHERE}
  ORDER BY day, country = '', country`;

export const HOTSPOTS_SQL = `
  SELECT latitude, longitude, SUM(scans) AS scans, SUM(sessions) AS sessions
  FROM scan_cells WHERE ${LEVEL_WHERE}
  GROUP BY latitude, longitude
  HAVING SUM(scans) >= ${MIN_CELL_SCANS}
  ORDER BY scans DESC, latitude, longitude
  LIMIT ${MAX_ROWS}`;

/** Clones of the filter scanned in the period (one index probe each), with their figures over all their scans. */
export const CLONES_SQL = `
  SELECT gtin, lot, serial, countries, cells, scans, sessions, first_at AS first, last_at AS last
  FROM code_summary c
  WHERE brand_id = ? AND (countries >= ${MIN_CLONE_PLACES} OR cells >= ${MIN_CLONE_PLACES}) AND ${match("gtin")} AND ${match("lot")}
    AND EXISTS (SELECT 1 FROM scans s WHERE s.brand_id = c.brand_id AND s.gtin = c.gtin AND s.lot = c.lot AND s.serial = c.serial AND s.scanned_at >= ? AND s.scanned_at < ?)
  ORDER BY countries DESC, cells DESC, scans DESC, gtin, lot, serial
  LIMIT ${MAX_ROWS}`;
export const cloneArgs = (f: IntelligenceFilter) => {
  const { fromDay, toDay } = periodDays(f);
  return [f.brandId.toLowerCase(), f.gtin ?? null, f.lot ?? null, fromDay * DAY_MS, toDay * DAY_MS];
};

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

/** Country '' (roll-ups) or NULL (raw tables): none given. */
export const toVerdicts = (rows: readonly Row[]): VerdictsByDay[] =>
  rows.map((r) => ({ day: date(r.day, DAY_MS), country: ((r.country as string | null) || null), counterfeit: Number(r.counterfeit), suspicious: Number(r.suspicious) }));

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
