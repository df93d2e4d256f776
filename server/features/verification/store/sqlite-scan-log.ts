/**
 * The scan log, in the store's SQLite file: the sessions the service issued, the scans of codes that
 * verify (each item's history), and the scans of codes that do not (counterfeit sightings, per brand).
 *
 * - Histories are keyed by the brand whose signer signed the code and the item's GS1 key (GTIN, lot,
 *   serial): a clone copies the whole label, signature included, so that key is what repeats, and two
 *   brands issuing the same GTIN, lot and serial never share a history.
 * - A session is bound to the client network it was issued to; only the first few a network gets in a
 *   window are `counted`, and only counted sessions' scans are recorded, at most a few per session and
 *   item (see features/verification/scans.ts).
 * - Counterfeit sightings are kept under the brand holding the GTIN's GS1 prefix, and only ever shown
 *   aggregated (per product, per day and country), never one scan's network or time.
 *
 * Privacy: locations are stored rounded to 0.1° (about 11 km), never as the browser gave them; counterfeit
 * sightings keep no location at all, only the country when the user gave one.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Hex } from "viem";
import type { Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import type { CounterfeitScan, CounterfeitScanCounts, NewScan, Scan, ScanKey, ScanSession, SessionBudget } from "./types.ts";
import { SqliteRollups } from "../../intelligence/store/sqlite-rollups.ts";
import { SQLITE_ROLLUP_SCHEMA, type StoredScan } from "../../intelligence/store/rollup-sql.ts";

const COUNTRY_CHECK = "CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country)))";
const SCHEMA = `
CREATE TABLE IF NOT EXISTS scans (
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  serial TEXT NOT NULL,
  session_id TEXT NOT NULL,
  network TEXT NOT NULL,
  scanned_at INTEGER NOT NULL,
  latitude REAL,
  longitude REAL,
  country TEXT ${COUNTRY_CHECK}
);
CREATE INDEX IF NOT EXISTS scans_by_brand_item ON scans (brand_id, gtin, lot, serial, scanned_at);
CREATE TABLE IF NOT EXISTS scan_sessions (
  id TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  counted INTEGER NOT NULL CHECK (counted IN (0, 1))
);
CREATE INDEX IF NOT EXISTS scan_sessions_by_network ON scan_sessions (network, counted, issued_at);
CREATE INDEX IF NOT EXISTS scan_sessions_by_age ON scan_sessions (counted, issued_at);
CREATE TABLE IF NOT EXISTS counterfeit_scans (
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  serial TEXT NOT NULL,
  reason TEXT NOT NULL,
  session_id TEXT NOT NULL,
  network TEXT NOT NULL,
  country TEXT ${COUNTRY_CHECK},
  scanned_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS counterfeit_scans_by_brand ON counterfeit_scans (brand_id, scanned_at);
`;

/** Counterfeit scans by GTIN and country since a time (both stores; `?` placeholders). */
export const COUNTERFEIT_BY_GTIN_COUNTRY_SQL = `
  SELECT gtin, country, COUNT(*) AS scans FROM counterfeit_scans
  WHERE scanned_at >= ? AND country IS NOT NULL GROUP BY gtin, country`;

export const toScanCounts = (rows: readonly Row[]) => rows.map((r) => ({ gtin: r.gtin as string, country: r.country as string, scans: Number(r.scans) }));

/**
 * The newest scans of one code that the history looks at: a bound on the work per request (the travel
 * check is quadratic). Older evidence leaves it only under 1,000 newer scans, and a session records at
 * most a few per item (features/verification/scans.ts, SCANS_PER_SESSION), so pushing a clone's evidence out takes
 * hundreds of counted sessions, which are budgeted per network, not one session's flood.
 */
const MAX_SCANS_READ = 1_000;
/** Rows per list in a brand's counterfeit report, the most-seen first. */
const MAX_REPORT_ROWS = 1_000;

/** 0.1° steps, so that a stored location never says more than the coarse grid cell. */
export const coarse = (degrees: number) => Math.round(degrees * 10) / 10;

/** Brand ids as stored: lower-case hex, so that one brand is one key however a caller spelt it. */
const brandKey = (brandId: Hex) => brandId.toLowerCase();

/** A scan as both stores keep it: the brand id lower-case, the location coarsened to its 0.1° cell. */
export function storedScan(key: ScanKey, scan: NewScan): StoredScan {
  const located = scan.location !== undefined;
  return {
    brandId: brandKey(key.brandId),
    gtin: key.gtin,
    lot: key.lot,
    serial: key.serial,
    sessionId: scan.sessionId,
    scannedAt: scan.scannedAt,
    latitude: located ? coarse(scan.location!.latitude) : null,
    longitude: located ? coarse(scan.location!.longitude) : null,
    country: scan.country ?? null,
  };
}

export class ScanLog {
  readonly #db: DatabaseSync;
  readonly #sql: (sql: string) => StatementSync;
  readonly #transaction: <T>(work: () => T) => T;
  /** The intelligence page's roll-ups, counted in each scan's transaction. */
  readonly #rollups: SqliteRollups;

  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    this.#db = db;
    this.#sql = statementCache(db);
    this.#transaction = transaction;
    this.#migrate();
    db.exec(SCHEMA);
    this.#buildRollups();
    this.#rollups = new SqliteRollups(db);
  }

  /**
   * A database from before the roll-ups gets them built from its scans, in one transaction (a crash leaves
   * none, and the next start builds them again).
   */
  #buildRollups(): void {
    if (SqliteRollups.exist(this.#db)) return;
    const started = Date.now();
    const scans = this.#transaction(() => {
      this.#db.exec(SQLITE_ROLLUP_SCHEMA);
      SqliteRollups.build(this.#db);
      return Number(this.#sql("SELECT COUNT(*) AS n FROM scans").get()!.n);
    });
    // The store has no logger; a build over an existing log is worth a line once.
    if (scans > 0) process.stderr.write(`veritrace: built the intelligence roll-ups from ${scans} scans in ${Date.now() - started} ms\n`);
  }

  /**
   * A database from before scans were keyed by brand has a `scans` table without `brand_id` or `network`.
   * Its rows belong to an earlier deployment of the registry and say nothing about which brand signed
   * them, so they cannot join the new histories: the table is kept aside as `scans_v1` (unused; an
   * operator may drop it), and the new one is made beside it.
   */
  #migrate(): void {
    const columns = this.#sql("SELECT name FROM pragma_table_info('scans')").all().map((row) => String(row.name));
    if (columns.length === 0 || columns.includes("brand_id")) return;
    this.#transaction(() => {
      this.#db.exec("DROP INDEX IF EXISTS scans_by_item; ALTER TABLE scans RENAME TO scans_v1;");
    });
  }

  issueSession(id: string, network: string, issuedAt: number, { perNetwork, windowMs }: SessionBudget): ScanSession {
    return this.#transaction(() => {
      const since = issuedAt - windowMs;
      this.#sql("DELETE FROM scan_sessions WHERE counted = 0 AND issued_at <= ?").run(since);
      const { recent } = this.#sql("SELECT COUNT(*) AS recent FROM scan_sessions WHERE network = ? AND counted = 1 AND issued_at > ?").get(network, since) as {
        recent: number;
      };
      const counted = recent < perNetwork;
      this.#sql("INSERT INTO scan_sessions (id, network, issued_at, counted) VALUES (?, ?, ?, ?)").run(id, network, issuedAt, counted ? 1 : 0);
      return { id, network, issuedAt, counted };
    });
  }

  getSession(id: string): ScanSession | undefined {
    const row = this.#sql("SELECT id, network, issued_at, counted FROM scan_sessions WHERE id = ?").get(id);
    if (row === undefined) return undefined;
    return { id: row.id as string, network: row.network as string, issuedAt: row.issued_at as number, counted: row.counted === 1 };
  }

  /** With `perSession`: checked against the newest scans `list` reads, in the same transaction as the write. */
  record(key: ScanKey, scan: NewScan, perSession?: number): boolean {
    return this.#transaction(() => {
      if (perSession !== undefined && this.#sessionScans(key, scan.sessionId) >= perSession) return false;
      const stored = storedScan(key, scan);
      const seen = this.#rollups.seen(stored);
      this.#insert(stored, scan.network);
      this.#rollups.scanRecorded(stored, seen);
      return true;
    });
  }

  #sessionScans(key: ScanKey, sessionId: string): number {
    const row = this.#sql(
      `SELECT COUNT(*) AS n FROM
         (SELECT session_id FROM scans WHERE brand_id = ? AND gtin = ? AND lot = ? AND serial = ? ORDER BY scanned_at DESC LIMIT ${MAX_SCANS_READ})
       WHERE session_id = ?`,
    ).get(brandKey(key.brandId), key.gtin, key.lot, key.serial, sessionId)!;
    return Number(row.n);
  }

  #insert(s: StoredScan, network: string): void {
    this.#sql(
      "INSERT INTO scans (brand_id, gtin, lot, serial, session_id, network, scanned_at, latitude, longitude, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(s.brandId, s.gtin, s.lot, s.serial, s.sessionId, network, s.scannedAt, s.latitude, s.longitude, s.country);
  }

  list(key: ScanKey): Scan[] {
    return this.#sql(
      `SELECT session_id, network, scanned_at, latitude, longitude, country FROM
         (SELECT * FROM scans WHERE brand_id = ? AND gtin = ? AND lot = ? AND serial = ? ORDER BY scanned_at DESC LIMIT ${MAX_SCANS_READ})
       ORDER BY scanned_at`,
    )
      .all(brandKey(key.brandId), key.gtin, key.lot, key.serial)
      .map((r) => ({
        sessionId: r.session_id as string,
        network: r.network as string,
        scannedAt: r.scanned_at as number,
        ...(r.latitude === null ? {} : { latitude: r.latitude as number, longitude: r.longitude as number }),
        ...(r.country === null ? {} : { country: r.country as string }),
      }));
  }

  recordCounterfeit(scan: CounterfeitScan): void {
    this.#transaction(() => {
      this.#sql(
        "INSERT INTO counterfeit_scans (brand_id, gtin, lot, serial, reason, session_id, network, country, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(brandKey(scan.brandId), scan.gtin, scan.lot, scan.serial, scan.reason, scan.sessionId, scan.network, scan.country ?? null, scan.scannedAt);
      this.#rollups.counterfeitRecorded(brandKey(scan.brandId), scan.gtin, scan.lot, scan.scannedAt, scan.country ?? null);
    });
  }

  counterfeitByGtinAndCountry(since: number): Array<{ gtin: string; country: string; scans: number }> {
    return toScanCounts(this.#sql(COUNTERFEIT_BY_GTIN_COUNTRY_SQL).all(since) as Row[]);
  }

  countCounterfeit(brandId: Hex, since = 0): CounterfeitScanCounts {
    const args = [brandKey(brandId), since] as const;
    const where = "FROM counterfeit_scans WHERE brand_id = ? AND scanned_at >= ?";
    const total = this.#sql(`SELECT COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions, COUNT(DISTINCT network) AS networks ${where}`).get(...args)!;
    const byProduct = this.#sql(
      `SELECT gtin, lot, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions, COUNT(DISTINCT network) AS networks,
              COUNT(DISTINCT serial) AS serials, MIN(scanned_at) AS first, MAX(scanned_at) AS last
       ${where} GROUP BY gtin, lot ORDER BY sessions DESC, scans DESC, gtin, lot LIMIT ${MAX_REPORT_ROWS}`,
    ).all(...args);
    const byDayAndCountry = this.#sql(
      `SELECT date(scanned_at / 1000, 'unixepoch') AS day, country, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions
       ${where} GROUP BY day, country ORDER BY day DESC, sessions DESC, country LIMIT ${MAX_REPORT_ROWS}`,
    ).all(...args);
    const byReason = this.#sql(`SELECT reason, COUNT(*) AS scans ${where} GROUP BY reason ORDER BY scans DESC, reason`).all(...args);
    return {
      total: { scans: total.scans as number, sessions: total.sessions as number, networks: total.networks as number },
      byProduct: byProduct.map((r) => ({
        gtin: r.gtin as string,
        lot: r.lot as string,
        scans: r.scans as number,
        sessions: r.sessions as number,
        networks: r.networks as number,
        serials: r.serials as number,
        firstScanAt: r.first as number,
        lastScanAt: r.last as number,
      })),
      byDayAndCountry: byDayAndCountry.map((r) => ({
        day: r.day as string,
        country: r.country as string | null,
        scans: r.scans as number,
        sessions: r.sessions as number,
      })),
      byReason: byReason.map((r) => ({ reason: r.reason as string, scans: r.scans as number })),
    };
  }
}
