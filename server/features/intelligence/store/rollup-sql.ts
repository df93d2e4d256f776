/**
 * Roll-ups of the scan log for the intelligence page, written once for both stores (`?` placeholders;
 * PostgreSQL numbers them). They are kept in the same transaction as the scan or counterfeit scan they
 * count (sqlite-rollups.ts, postgres-rollups.ts), so the page is exact, never a late copy.
 *
 * - Each scan is counted at three levels, written as three keys in one table: the brand (gtin = lot = ''),
 *   the GTIN (lot = '') and the lot. A filter then reads one key's rows, never sums a brand's lots.
 * - `scan_daily`: counterfeit and suspicious verdicts per level, UTC day and country ('' for none).
 * - `scan_cells`: scans per level, day and 0.1° cell, and sessions counted per level, day and cell.
 *   A period's sessions are the sum over its days: a session that scanned in one cell on two days counts
 *   twice (an approximation: sessions are short, so it rarely happens).
 * - `code_countries`, `code_cells`: the countries and cells each code was seen in, so that a new one is
 *   known on insert; `code_summary`: per code, the distinct countries and cells, scans, sessions, first and
 *   last scan. A code with MIN_CLONE_PLACES countries or cells is a clone from then on: its earlier scans
 *   are added to the suspicious counts once, as it crosses, and each later scan as it comes.
 *
 * Days are whole UTC days since the epoch (`scanned_at / 86400000`, integer division in both databases).
 */
import { MIN_CLONE_PLACES } from "./types.ts";

export const DAY_MS = 86_400_000;
/** The whole UTC day since the epoch that a time in ms falls on. */
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** A scan as stored: brand id lower-case, location already coarsened to its 0.1° cell. */
export type StoredScan = {
  brandId: string;
  gtin: string;
  lot: string;
  serial: string;
  sessionId: string;
  scannedAt: number;
  latitude: number | null;
  longitude: number | null;
  country: string | null;
};
/** Rows per list at most: the page shows the top of each, and a CSV export of more would be a scan dump. */
export const MAX_ROWS = 1_000;
/** The level keys a scan of (gtin, lot) is counted under: brand, GTIN, lot; always in this order (PostgreSQL's lock order). */
export const levels = (gtin: string, lot: string): Array<[string, string]> => [
  ["", ""],
  [gtin, ""],
  [gtin, lot],
];
const CLONE = `(countries >= ${MIN_CLONE_PLACES} OR cells >= ${MIN_CLONE_PLACES})`;

/** SQLite's tables (PostgreSQL's are migration 0008_scan_rollups.sql, the same columns). */
export const SQLITE_ROLLUP_SCHEMA = `
CREATE TABLE IF NOT EXISTS scan_daily (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, day INTEGER NOT NULL, country TEXT NOT NULL,
  counterfeit INTEGER NOT NULL, suspicious INTEGER NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, day, country)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scan_cells (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, day INTEGER NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
  scans INTEGER NOT NULL, sessions INTEGER NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, day, latitude, longitude)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code_countries (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL, country TEXT NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, serial, country)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code_cells (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, serial, latitude, longitude)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code_summary (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL,
  countries INTEGER NOT NULL, cells INTEGER NOT NULL, scans INTEGER NOT NULL, sessions INTEGER NOT NULL,
  first_at INTEGER NOT NULL, last_at INTEGER NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, serial)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS code_summary_clones ON code_summary (brand_id, countries DESC, cells DESC, scans DESC, gtin, lot, serial) WHERE ${CLONE};
CREATE INDEX IF NOT EXISTS scans_by_session ON scans (session_id);
`;

// ---- Writes, per scan -------------------------------------------------------------------------------

/** Whether this session scanned this code before, and this cell on this day at each level (before the scan is inserted). */
export const SESSION_SEEN_SQL = `
  SELECT
    (SELECT COUNT(*) FROM scans WHERE session_id = ? AND brand_id = ? AND gtin = ? AND lot = ? AND serial = ?) AS code_seen,
    COUNT(*) AS brand_seen,
    SUM(CASE WHEN gtin = ? THEN 1 ELSE 0 END) AS gtin_seen,
    SUM(CASE WHEN gtin = ? AND lot = ? THEN 1 ELSE 0 END) AS lot_seen
  FROM scans WHERE session_id = ? AND brand_id = ? AND latitude = ? AND longitude = ? AND scanned_at >= ? AND scanned_at < ?`;
export const sessionSeenArgs = (s: StoredScan) => {
  const day = dayOf(s.scannedAt);
  return [s.sessionId, s.brandId, s.gtin, s.lot, s.serial, s.gtin, s.gtin, s.lot, s.sessionId, s.brandId, s.latitude, s.longitude, day * DAY_MS, (day + 1) * DAY_MS];
};

/** What the session had seen before this scan: its code, and its cell that day at each level (brand, GTIN, lot). */
export type Seen = { code: boolean; cell: [boolean, boolean, boolean] };

export const seenFrom = (row: Record<string, unknown>): Seen => ({
  code: Number(row.code_seen) > 0,
  cell: [Number(row.brand_seen) > 0, Number(row.gtin_seen ?? 0) > 0, Number(row.lot_seen ?? 0) > 0],
});

export const CODE_COUNTRY_SQL = "INSERT INTO code_countries (brand_id, gtin, lot, serial, country) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
export const CODE_CELL_SQL = "INSERT INTO code_cells (brand_id, gtin, lot, serial, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

/** Adds one scan to its code's summary; returns the new countries and cells (a clone's test). */
export const CODE_SUMMARY_SQL = `
  INSERT INTO code_summary (brand_id, gtin, lot, serial, countries, cells, scans, sessions, first_at, last_at)
  VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
  ON CONFLICT (brand_id, gtin, lot, serial) DO UPDATE SET
    countries = code_summary.countries + excluded.countries,
    cells = code_summary.cells + excluded.cells,
    scans = code_summary.scans + 1,
    sessions = code_summary.sessions + excluded.sessions,
    first_at = CASE WHEN excluded.first_at < code_summary.first_at THEN excluded.first_at ELSE code_summary.first_at END,
    last_at = CASE WHEN excluded.last_at > code_summary.last_at THEN excluded.last_at ELSE code_summary.last_at END
  RETURNING countries, cells`;

/** One scan in its cell at the three levels (sessions: 1 where the session is new to the cell that day). */
export const CELLS_SQL = `
  INSERT INTO scan_cells (brand_id, gtin, lot, day, latitude, longitude, scans, sessions)
  VALUES (?, ?, ?, ?, ?, ?, 1, ?), (?, ?, ?, ?, ?, ?, 1, ?), (?, ?, ?, ?, ?, ?, 1, ?)
  ON CONFLICT (brand_id, gtin, lot, day, latitude, longitude) DO UPDATE SET
    scans = scan_cells.scans + 1, sessions = scan_cells.sessions + excluded.sessions`;
export const cellsArgs = (s: StoredScan, seen: Seen) =>
  levels(s.gtin, s.lot).flatMap(([g, l], i) => [s.brandId, g, l, dayOf(s.scannedAt), s.latitude, s.longitude, seen.cell[i] ? 0 : 1]);

/** Verdicts of one scan at the three levels. */
export const DAILY_SQL = `
  INSERT INTO scan_daily (brand_id, gtin, lot, day, country, counterfeit, suspicious)
  VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (brand_id, gtin, lot, day, country) DO UPDATE SET
    counterfeit = scan_daily.counterfeit + excluded.counterfeit, suspicious = scan_daily.suspicious + excluded.suspicious`;
export const dailyArgs = (brand: string, gtin: string, lot: string, day: number, country: string | null, counterfeit: number, suspicious: number) =>
  levels(gtin, lot).flatMap(([g, l]) => [brand, g, l, day, country ?? "", counterfeit, suspicious]);

/**
 * A code that just became a clone: all its scans so far (this one included) become suspicious, at the
 * three levels, in key order. `WHERE true` parts SQLite's upsert from the SELECT's join.
 */
export const CLONE_BACKFILL_SQL = `
  INSERT INTO scan_daily (brand_id, gtin, lot, day, country, counterfeit, suspicious)
  SELECT s.brand_id, lv.g, lv.l, s.day, s.country, 0, s.n FROM
    (SELECT brand_id, scanned_at / ${DAY_MS} AS day, coalesce(country, '') AS country, COUNT(*) AS n
     FROM scans WHERE brand_id = ? AND gtin = ? AND lot = ? AND serial = ? GROUP BY brand_id, day, coalesce(country, '')) s
    CROSS JOIN (SELECT 0 AS k, '' AS g, '' AS l UNION ALL SELECT 1, CAST(? AS TEXT), '' UNION ALL SELECT 2, CAST(? AS TEXT), CAST(? AS TEXT)) lv
  WHERE true
  ORDER BY lv.k, s.day, s.country
  ON CONFLICT (brand_id, gtin, lot, day, country) DO UPDATE SET suspicious = scan_daily.suspicious + excluded.suspicious`;

export const isClone = (places: { countries: number; cells: number }) => places.countries >= MIN_CLONE_PLACES || places.cells >= MIN_CLONE_PLACES;

// ---- Building them from the raw tables (SQLite at start, PostgreSQL's migration 0008) -------------------

const CELL_TEXT = "CAST(latitude AS TEXT) || ',' || CAST(longitude AS TEXT)";
/** The three levels as column lists of a GROUP BY over scans. */
const LEVEL_COLUMNS: Array<{ select: string; group: string }> = [
  { select: "brand_id, '', ''", group: "brand_id" },
  { select: "brand_id, gtin, ''", group: "brand_id, gtin" },
  { select: "brand_id, gtin, lot", group: "brand_id, gtin, lot" },
];

export const BUILD_ROLLUPS_SQL: string[] = [
  "INSERT INTO code_countries SELECT DISTINCT brand_id, gtin, lot, serial, country FROM scans WHERE country IS NOT NULL",
  "INSERT INTO code_cells SELECT DISTINCT brand_id, gtin, lot, serial, latitude, longitude FROM scans WHERE latitude IS NOT NULL",
  `INSERT INTO code_summary (brand_id, gtin, lot, serial, countries, cells, scans, sessions, first_at, last_at)
   SELECT brand_id, gtin, lot, serial, COUNT(DISTINCT country), COUNT(DISTINCT ${CELL_TEXT}), COUNT(*), COUNT(DISTINCT session_id), MIN(scanned_at), MAX(scanned_at)
   FROM scans GROUP BY brand_id, gtin, lot, serial`,
  ...LEVEL_COLUMNS.map(
    ({ select, group }) => `INSERT INTO scan_cells (brand_id, gtin, lot, day, latitude, longitude, scans, sessions)
     SELECT ${select}, scanned_at / ${DAY_MS} AS day, latitude, longitude, COUNT(*), COUNT(DISTINCT session_id)
     FROM scans WHERE latitude IS NOT NULL GROUP BY ${group}, scanned_at / ${DAY_MS}, latitude, longitude`,
  ),
  ...LEVEL_COLUMNS.map(
    ({ select, group }) => `INSERT INTO scan_daily (brand_id, gtin, lot, day, country, counterfeit, suspicious)
     SELECT ${select}, day, country, SUM(counterfeit), SUM(suspicious) FROM (
       SELECT brand_id, gtin, lot, scanned_at / ${DAY_MS} AS day, coalesce(country, '') AS country, 1 AS counterfeit, 0 AS suspicious FROM counterfeit_scans
       UNION ALL
       SELECT s.brand_id, s.gtin, s.lot, s.scanned_at / ${DAY_MS}, coalesce(s.country, ''), 0, 1
       FROM scans s JOIN code_summary c ON c.brand_id = s.brand_id AND c.gtin = s.gtin AND c.lot = s.lot AND c.serial = s.serial
       WHERE ${CLONE.replaceAll("countries", "c.countries").replaceAll("cells", "c.cells")}
     ) v GROUP BY ${group}, day, country`,
  ),
];
