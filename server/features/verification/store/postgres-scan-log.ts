/**
 * The scan log on PostgreSQL: sessions, item histories and counterfeit sightings, with the same rules and
 * privacy as the SQLite twin (sqlite-scan-log.ts explains them). Indexed for years of scans: see
 * migrations/0001_initial.sql and docs/postgresql.md.
 */
import type { Hex } from "viem";
import { COUNTERFEIT_BY_GTIN_COUNTRY_SQL, storedScan, toScanCounts } from "./sqlite-scan-log.ts";
import { numbered } from "../../../store/placeholders.ts";
import type { CounterfeitScan, CounterfeitScanCounts, NewScan, Scan, ScanKey, ScanSession, SessionBudget } from "./types.ts";
import type { Database, Row } from "../../../store/postgres/database.ts";
import * as rollups from "../../intelligence/store/postgres-rollups.ts";

/** As in the SQLite twin: the newest scans of one code a history looks at, and the rows per report list. */
const MAX_SCANS_READ = 1_000;
const MAX_REPORT_ROWS = 1_000;
/** First key of the advisory locks that make one network's sessions take turns (the second is the network's hash). */
const SESSION_LOCKS = 12;

const brandKey = (brandId: Hex) => brandId.toLowerCase();

export class PgScanLog {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Counting and inserting happen under a lock on the network, so that instances issuing sessions to one
   * network at once never both see room in its budget (SQLite gets this from its single writer).
   */
  issueSession(id: string, network: string, issuedAt: number, { perNetwork, windowMs }: SessionBudget): Promise<ScanSession> {
    return this.#db.transaction(async (tx) => {
      const since = issuedAt - windowMs;
      await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [SESSION_LOCKS, network]);
      await tx.query("DELETE FROM scan_sessions WHERE counted = false AND issued_at <= $1", [since]);
      const { rows } = await tx.query<{ recent: number }>("SELECT COUNT(*) AS recent FROM scan_sessions WHERE network = $1 AND counted = true AND issued_at > $2", [
        network,
        since,
      ]);
      const counted = rows[0]!.recent < perNetwork;
      await tx.query("INSERT INTO scan_sessions (id, network, issued_at, counted) VALUES ($1, $2, $3, $4)", [id, network, issuedAt, counted]);
      return { id, network, issuedAt, counted };
    });
  }

  async getSession(id: string): Promise<ScanSession | undefined> {
    const row = await this.#db.one("SELECT id, network, issued_at, counted FROM scan_sessions WHERE id = $1", [id]);
    if (row === undefined) return undefined;
    return { id: row.id as string, network: row.network as string, issuedAt: row.issued_at as number, counted: row.counted as boolean };
  }

  /**
   * With `perSession`, records only while the session has fewer scans than that among the item's newest
   * 1,000; the item is locked (a transaction-scoped advisory lock on its key) from the count to the insert,
   * so two instances recording for one session at once cannot both pass.
   */
  async record(key: ScanKey, scan: NewScan, perSession?: number): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      // Always locked: the code's roll-up rows (a clone's crossing) are read and written by one scan at a time.
      await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`scan:${brandKey(key.brandId)}|${key.gtin}|${key.lot}|${key.serial}`]);
      if (perSession !== undefined) {
        const { rows } = await tx.query(
          `SELECT COUNT(*)::int AS n FROM
             (SELECT session_id FROM scans WHERE brand_id = $1 AND gtin = $2 AND lot = $3 AND serial = $4 ORDER BY scanned_at DESC, seq DESC LIMIT ${MAX_SCANS_READ}) newest
           WHERE session_id = $5`,
          [brandKey(key.brandId), key.gtin, key.lot, key.serial, scan.sessionId],
        );
        if (rows[0].n >= perSession) return false;
      }
      const stored = storedScan(key, scan);
      // And the session: two scans of one session in one cell and day (different codes) would otherwise both
      // find no earlier scan of it and count it twice. Taken after the code's lock, always in that order.
      await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`session:${scan.sessionId}`]);
      const seen = await rollups.seenBefore(tx, stored);
      await tx.query(
        "INSERT INTO scans (brand_id, gtin, lot, serial, session_id, network, scanned_at, latitude, longitude, country) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        [stored.brandId, stored.gtin, stored.lot, stored.serial, stored.sessionId, scan.network, stored.scannedAt, stored.latitude, stored.longitude, stored.country],
      );
      await rollups.scanRecorded(tx, stored, seen);
      return true;
    });
  }

  async list(key: ScanKey): Promise<Scan[]> {
    const rows = await this.#db.query(
      `SELECT session_id, network, scanned_at, latitude, longitude, country FROM
         (SELECT * FROM scans WHERE brand_id = $1 AND gtin = $2 AND lot = $3 AND serial = $4 ORDER BY scanned_at DESC, seq DESC LIMIT ${MAX_SCANS_READ}) newest
       ORDER BY scanned_at, seq`,
      [brandKey(key.brandId), key.gtin, key.lot, key.serial],
    );
    return rows.map((r) => ({
      sessionId: r.session_id as string,
      network: r.network as string,
      scannedAt: r.scanned_at as number,
      ...(r.latitude === null ? {} : { latitude: r.latitude as number, longitude: r.longitude as number }),
      ...(r.country === null ? {} : { country: r.country as string }),
    }));
  }

  async recordCounterfeit(scan: CounterfeitScan): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query(
        "INSERT INTO counterfeit_scans (brand_id, gtin, lot, serial, reason, session_id, network, country, scanned_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        [brandKey(scan.brandId), scan.gtin, scan.lot, scan.serial, scan.reason, scan.sessionId, scan.network, scan.country ?? null, scan.scannedAt],
      );
      await rollups.counterfeitRecorded(tx, brandKey(scan.brandId), scan.gtin, scan.lot, scan.scannedAt, scan.country ?? null);
    });
  }

  /** Four reads in one REPEATABLE READ transaction, so that the lists and the total describe the same scans. */
  async counterfeitByGtinAndCountry(since: number): Promise<Array<{ gtin: string; country: string; scans: number }>> {
    return toScanCounts(await this.#db.query(numbered(COUNTERFEIT_BY_GTIN_COUNTRY_SQL), [since]));
  }

  countCounterfeit(brandId: Hex, since = 0): Promise<CounterfeitScanCounts> {
    const args = [brandKey(brandId), since];
    const where = "FROM counterfeit_scans WHERE brand_id = $1 AND scanned_at >= $2";
    return this.#db.transaction(async (tx) => {
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const all = async (sql: string) => (await tx.query<Row>(sql, args)).rows;
      const [total] = await all(`SELECT COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions, COUNT(DISTINCT network) AS networks ${where}`);
      const byProduct = await all(
        `SELECT gtin, lot, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions, COUNT(DISTINCT network) AS networks,
                COUNT(DISTINCT serial) AS serials, MIN(scanned_at) AS first, MAX(scanned_at) AS last
         ${where} GROUP BY gtin, lot ORDER BY sessions DESC, scans DESC, gtin COLLATE "C", lot COLLATE "C" LIMIT ${MAX_REPORT_ROWS}`,
      );
      // The UTC date of the scan; SQLite's date(ms / 1000, 'unixepoch') gives the same text.
      const byDayAndCountry = await all(
        `SELECT to_char(to_timestamp(scanned_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, country, COUNT(*) AS scans, COUNT(DISTINCT session_id) AS sessions
         ${where} GROUP BY day, country ORDER BY day DESC, sessions DESC, country COLLATE "C" NULLS FIRST LIMIT ${MAX_REPORT_ROWS}`,
      );
      const byReason = await all(`SELECT reason, COUNT(*) AS scans ${where} GROUP BY reason ORDER BY scans DESC, reason COLLATE "C"`);
      return {
        total: { scans: total!.scans as number, sessions: total!.sessions as number, networks: total!.networks as number },
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
        byDayAndCountry: byDayAndCountry.map((r) => ({ day: r.day as string, country: r.country as string | null, scans: r.scans as number, sessions: r.sessions as number })),
        byReason: byReason.map((r) => ({ reason: r.reason as string, scans: r.scans as number })),
      };
    });
  }
}
