/**
 * The intelligence page's aggregations over 10,000,000 scans (INTELLIGENCE_SCANS to change it), SQLite:
 * read from the roll-ups, whole brand and one GTIN, first run after opening (cold) and again (warm); the
 * raw-table queries at 1,000,000 scans beside them (the baseline); what building the roll-ups once takes;
 * what they add to one scan's write and to the file. Scans are bulk-inserted straight through SQL in big
 * transactions (one brand, 20 GTINs × 5 lots, 90 days, 60 countries, 2,000 cells; a tenth as many
 * counterfeit scans); about 1.5 % of codes are scanned 3 times or more, most of them clones.
 * The database lives in a temporary folder and is removed afterwards.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Hex } from "viem";
import { SqliteStore } from "../../server/store/sqlite-store.ts";
import { IntelligenceQueries } from "../../server/features/intelligence/store/sqlite-intelligence.ts";
import { SqliteRollups } from "../../server/features/intelligence/store/sqlite-rollups.ts";
import type { IntelligenceFilter, IntelligenceStore } from "../../server/features/intelligence/store/types.ts";
import type { BenchResult } from "./results.ts";

const BRAND = `0x${"ab".repeat(32)}` as Hex;
const DAY = 86_400_000;
const START = Date.parse("2026-01-01T00:00:00Z");
const DAYS = 90;
const GTIN = (g: number) => `0950600013${String(4000 + g).padStart(4, "0")}`;
const ROLLUP_TABLES = ["scan_daily", "scan_cells", "code_countries", "code_cells", "code_summary"];

/** Random scans by SQL: a recursive counter, random codes, days, countries, cells and sessions. */
function generate(db: DatabaseSync, scans: number): void {
  const chunk = 1_000_000;
  for (let done = 0; done < scans; done += chunk) {
    const n = Math.min(chunk, scans - done);
    db.exec("BEGIN");
    db.exec(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ${n}),
      r AS MATERIALIZED (SELECT abs(random()) AS a, abs(random()) AS b, abs(random()) AS d FROM c)
      INSERT INTO scans (brand_id, gtin, lot, serial, session_id, network, scanned_at, latitude, longitude, country)
      SELECT '${BRAND.toLowerCase()}', '0950600013' || (4000 + a % 20), 'L' || (a / 20 % 5), 'S' || (b % 200000),
             's' || (d % ${Math.max(1, Math.floor(scans / 3))}), 'n' || (d % 50000), ${START} + (a / 100 % ${DAYS * DAY}),
             CASE WHEN b / 200000 % 10 < 8 THEN round(((b / 2000000) % 2000) / 10.0 - 80, 1) END,
             CASE WHEN b / 200000 % 10 < 8 THEN round(((b / 2000000) % 2000) % 360 - 180.0, 1) END,
             char(65 + d / 50000 % 6, 65 + d / 300000 % 10)
      FROM r`);
    db.exec(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ${Math.floor(n / 10)}),
      r AS MATERIALIZED (SELECT abs(random()) AS a, abs(random()) AS d FROM c)
      INSERT INTO counterfeit_scans (brand_id, gtin, lot, serial, reason, session_id, network, country, scanned_at)
      SELECT '${BRAND.toLowerCase()}', '0950600013' || (4000 + a % 20), 'L' || (a / 20 % 5), 'X' || (a % 100000), 'UNSIGNED',
             's' || d, 'n' || (d % 50000), char(65 + d / 50000 % 6, 65 + d / 300000 % 10), ${START} + (a / 100 % ${DAYS * DAY})
      FROM r`);
    db.exec("COMMIT");
  }
}

const filter = (gtin?: string): IntelligenceFilter => ({ brandId: BRAND, gtin, lot: undefined, from: START, to: START + DAYS * DAY });

/** The page's four reads, as the service makes them (at once). */
async function dashboard(store: IntelligenceStore, f: IntelligenceFilter): Promise<number> {
  const started = performance.now();
  await Promise.all([store.verdicts(f), store.hotspots(f), store.cloneClusters(f), store.seizures(f)]);
  return Math.round(performance.now() - started);
}

/** A database of `scans` scans with its roll-ups built; returns the folder, the build's ms and the sizes. */
function prepare(scans: number): { dir: string; file: string; buildMs: number; bytesBefore: number; bytesAfter: number } {
  const dir = mkdtempSync(path.join(process.env.INTELLIGENCE_DIR ?? os.tmpdir(), "intelligence-bench-"));
  const file = path.join(dir, "veritrace.db");
  new SqliteStore(file).close();
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
  generate(db, scans);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;");
  const bytesBefore = statSync(file).size;
  const started = performance.now();
  db.exec("BEGIN");
  SqliteRollups.build(db);
  db.exec("COMMIT; PRAGMA wal_checkpoint(TRUNCATE);");
  const buildMs = Math.round(performance.now() - started);
  db.exec("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
  db.close();
  return { dir, file, buildMs, bytesBefore, bytesAfter: statSync(file).size };
}

/** µs per scan: the scan write before the roll-ups (the session check and the insert) and through the store now. */
async function writeCost(file: string, n = 2_000): Promise<{ before: number; after: number }> {
  const db = new DatabaseSync(file);
  const check = db.prepare(
    "SELECT COUNT(*) AS n FROM (SELECT session_id FROM scans WHERE brand_id = ? AND gtin = ? AND lot = ? AND serial = ? ORDER BY scanned_at DESC LIMIT 1000) WHERE session_id = ?",
  );
  const insert = db.prepare("INSERT INTO scans (brand_id, gtin, lot, serial, session_id, network, scanned_at, latitude, longitude, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const scan = (i: number) => ({ gtin: GTIN(i % 20), lot: `L${i % 5}`, serial: `S${(i * 7919) % 200000}`, session: `w${i}`, at: START + (i % DAYS) * DAY + 1000, lat: 48.9, lon: (i % 50) / 10, country: "FR" });
  let started = performance.now();
  for (let i = 0; i < n; i++) {
    const s = scan(i);
    db.exec("BEGIN IMMEDIATE");
    check.get(BRAND.toLowerCase(), s.gtin, s.lot, s.serial, s.session);
    insert.run(BRAND.toLowerCase(), s.gtin, s.lot, `B${s.serial}`, s.session, "net", s.at, s.lat, s.lon, s.country);
    db.exec("COMMIT");
  }
  const before = ((performance.now() - started) * 1000) / n;
  db.exec("DELETE FROM scans WHERE serial LIKE 'BS%'");
  db.close();
  const store = new SqliteStore(file);
  started = performance.now();
  for (let i = 0; i < n; i++) {
    const s = scan(i + n);
    await store.recordScan({ brandId: BRAND, gtin: s.gtin, lot: s.lot, serial: s.serial }, { sessionId: s.session, network: "net", scannedAt: s.at, location: { latitude: s.lat, longitude: s.lon }, country: s.country }, 3);
  }
  const after = ((performance.now() - started) * 1000) / n;
  store.close();
  return { before: Math.round(before), after: Math.round(after) };
}

export async function benchIntelligence(): Promise<BenchResult[]> {
  const big = Number(process.env.INTELLIGENCE_SCANS ?? 10_000_000);
  const small = Number(process.env.INTELLIGENCE_BASELINE_SCANS ?? 1_000_000);
  const results: BenchResult[] = [];

  if (small > 0) await baseline(small, results);
  if (big > 0) results.push(...(await large(big)));
  return results;
}

async function baseline(small: number, results: BenchResult[]): Promise<void> {
  const label = (n: number) => n.toLocaleString("en");
  const base = prepare(small);
  try {
    const db = new DatabaseSync(base.file);
    const raw = new IntelligenceQueries(db, "raw");
    const rollups = new IntelligenceQueries(db);
    const rawCold = await dashboard(raw, filter());
    const rawWarm = await dashboard(raw, filter());
    const rawGtin = await dashboard(raw, filter(GTIN(3)));
    const rCold = await dashboard(rollups, filter());
    const rWarm = await dashboard(rollups, filter());
    db.close();
    const rawBase = { name: `raw tables, ${label(small)} scans, whole brand (warm)`, value: rawWarm, unit: "ms" };
    results.push(
      { name: `dashboard from raw tables, ${label(small)} scans, whole brand, first run`, value: rawCold, unit: "ms" },
      { name: `dashboard from raw tables, ${label(small)} scans, one GTIN`, value: rawGtin, unit: "ms" },
      { name: `dashboard from roll-ups, ${label(small)} scans, whole brand, first / warm`, value: rCold, unit: "ms", baseline: rawBase },
      { name: `dashboard from roll-ups, ${label(small)} scans, warm`, value: rWarm, unit: "ms", baseline: rawBase },
      { name: `roll-ups built from ${label(small)} scans`, value: base.buildMs, unit: "ms" },
    );
  } finally {
    rmSync(base.dir, { recursive: true, force: true });
  }
  for (const r of results) console.log(JSON.stringify(r));
}

async function large(big: number): Promise<BenchResult[]> {
  const label = (n: number) => n.toLocaleString("en");
  const large = prepare(big);
  try {
    const db = new DatabaseSync(large.file);
    const rollups = new IntelligenceQueries(db);
    const brandCold = await dashboard(rollups, filter());
    const brandWarm = await dashboard(rollups, filter());
    const gtinCold = await dashboard(rollups, filter(GTIN(7)));
    const gtinWarm = await dashboard(rollups, filter(GTIN(7)));
    const clones = (db.prepare("SELECT COUNT(*) AS n FROM code_summary WHERE countries >= 3 OR cells >= 3").get() as { n: number }).n;
    db.close();
    const cost = await writeCost(large.file);
    const more = [
      { name: `dashboard from roll-ups, ${label(big)} scans (${label(clones)} clones), whole brand, first run`, value: brandCold, unit: "ms", target: "≤ 1,000 ms" },
      { name: `dashboard from roll-ups, ${label(big)} scans, whole brand, warm`, value: brandWarm, unit: "ms", target: "≤ 1,000 ms" },
      { name: `dashboard from roll-ups, ${label(big)} scans, one GTIN, first run`, value: gtinCold, unit: "ms", target: "≤ 1,000 ms" },
      { name: `dashboard from roll-ups, ${label(big)} scans, one GTIN, warm`, value: gtinWarm, unit: "ms", target: "≤ 1,000 ms" },
      { name: `roll-ups built once from ${label(big)} scans`, value: large.buildMs, unit: "ms" },
      { name: `database file, ${label(big)} scans, with roll-ups`, value: Math.round(large.bytesAfter / 1e6), unit: "MB", baseline: { name: "before the roll-ups were built", value: Math.round(large.bytesBefore / 1e6), unit: "MB" } },
      { name: `one scan's write with roll-ups (store, ${label(big)} scans)`, value: cost.after, unit: "µs", baseline: { name: "the same write before roll-ups", value: cost.before, unit: "µs" } },
    ];
    for (const r of more) console.log(JSON.stringify(r));
    return more;
  } finally {
    rmSync(large.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) await benchIntelligence();
