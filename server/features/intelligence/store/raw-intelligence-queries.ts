/**
 * The roll-ups' views computed from the raw tables instead: what each roll-up must equal (the property
 * test compares them on random scans) and the benchmark's baseline. Never used by the service: over a
 * million scans each takes seconds. `?` placeholders; PostgreSQL numbers them.
 *
 * Their definitions, as the roll-ups keep them: a clone is a code seen in MIN_CLONE_PLACES countries or
 * cells over all its scans; every scan of a clone in the period is suspicious; a cell's sessions are
 * counted per day and summed over the period's days; a clone is listed when it was scanned in the period,
 * with its figures over all its scans.
 */
import { MAX_ROWS } from "./rollup-sql.ts";
import { MIN_CELL_SCANS, MIN_CLONE_PLACES, type IntelligenceFilter } from "./types.ts";
import { DAY_MS, periodDays } from "./intelligence-queries.ts";

const match = (column: string) => `${column} = coalesce(CAST(? AS TEXT), ${column})`;
const scanWhere = (t: string) => `${t}brand_id = ? AND ${match(`${t}gtin`)} AND ${match(`${t}lot`)} AND ${t}scanned_at >= ? AND ${t}scanned_at < ?`;
/** The period widened to whole UTC days, as the roll-ups count them. */
export const rawArgs = (f: IntelligenceFilter): Array<string | number | null> => {
  const { fromDay, toDay } = periodDays(f);
  return [f.brandId.toLowerCase(), f.gtin ?? null, f.lot ?? null, fromDay * DAY_MS, toDay * DAY_MS];
};
const codeArgs = (f: IntelligenceFilter) => [f.brandId.toLowerCase(), f.gtin ?? null, f.lot ?? null];

const CELL = "CAST(latitude AS TEXT) || ',' || CAST(longitude AS TEXT)";
const CLONES_CTE = `
  WITH clones AS (
    SELECT brand_id, gtin, lot, serial FROM scans WHERE brand_id = ? AND ${match("gtin")} AND ${match("lot")}
    GROUP BY brand_id, gtin, lot, serial
    HAVING COUNT(DISTINCT country) >= ${MIN_CLONE_PLACES} OR COUNT(DISTINCT ${CELL}) >= ${MIN_CLONE_PLACES}
  )`;

export const RAW_VERDICTS_SQL = `${CLONES_CTE}
  SELECT day, country, SUM(counterfeit) AS counterfeit, SUM(suspicious) AS suspicious FROM (
    SELECT scanned_at / ${DAY_MS} AS day, country, 1 AS counterfeit, 0 AS suspicious FROM counterfeit_scans WHERE ${scanWhere("")}
    UNION ALL
    SELECT s.scanned_at / ${DAY_MS} AS day, s.country, 0 AS counterfeit, 1 AS suspicious
    FROM scans s JOIN clones c ON c.brand_id = s.brand_id AND c.gtin = s.gtin AND c.lot = s.lot AND c.serial = s.serial
    WHERE ${scanWhere("s.")}
  ) v
  GROUP BY day, country
  ORDER BY day, country IS NULL, country`;
export const rawVerdictArgs = (f: IntelligenceFilter) => [...codeArgs(f), ...rawArgs(f), ...rawArgs(f)];

export const RAW_HOTSPOTS_SQL = `
  SELECT latitude, longitude, SUM(scans) AS scans, SUM(sessions) AS sessions FROM (
    SELECT latitude, longitude, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions
    FROM scans WHERE ${scanWhere("")} AND latitude IS NOT NULL
    GROUP BY scanned_at / ${DAY_MS}, latitude, longitude
  ) d
  GROUP BY latitude, longitude
  HAVING SUM(scans) >= ${MIN_CELL_SCANS}
  ORDER BY scans DESC, latitude, longitude
  LIMIT ${MAX_ROWS}`;

export const RAW_CLONES_SQL = `
  SELECT gtin, lot, serial, COUNT(DISTINCT country) AS countries, COUNT(DISTINCT ${CELL}) AS cells, COUNT(*) AS scans,
         COUNT(DISTINCT session_id) AS sessions, MIN(scanned_at) AS first, MAX(scanned_at) AS last
  FROM scans WHERE brand_id = ? AND ${match("gtin")} AND ${match("lot")}
  GROUP BY gtin, lot, serial
  HAVING (COUNT(DISTINCT country) >= ${MIN_CLONE_PLACES} OR COUNT(DISTINCT ${CELL}) >= ${MIN_CLONE_PLACES})
    AND SUM(CASE WHEN scanned_at >= ? AND scanned_at < ? THEN 1 ELSE 0 END) > 0
  ORDER BY countries DESC, cells DESC, scans DESC, gtin, lot, serial
  LIMIT ${MAX_ROWS}`;
export const rawCloneArgs = (f: IntelligenceFilter) => [...codeArgs(f), ...rawArgs(f).slice(3)];
