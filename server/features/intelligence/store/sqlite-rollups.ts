/** The intelligence roll-ups on SQLite (rollup-sql.ts): counted inside the scan log's write transactions. */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { statementCache } from "../../../store/statements.ts";
import * as r from "./rollup-sql.ts";
import type { Seen, StoredScan } from "./rollup-sql.ts";

export class SqliteRollups {
  readonly #sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.#sql = statementCache(db);
  }

  /** Whether the roll-up tables are there; false on a database from before them (the store then builds them). */
  static exist(db: DatabaseSync): boolean {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'code_summary'").get() !== undefined;
  }

  /** Builds every roll-up from the raw tables (inside the caller's transaction). */
  static build(db: DatabaseSync): void {
    for (const sql of r.BUILD_ROLLUPS_SQL) db.exec(sql);
  }

  /** Before the scan's insert: what this session had seen already. */
  seen(s: StoredScan): Seen {
    return r.seenFrom(this.#sql(r.SESSION_SEEN_SQL).get(...r.sessionSeenArgs(s))!);
  }

  /** After the scan's insert, with what `seen` said before it. */
  scanRecorded(s: StoredScan, seen: Seen): void {
    const code = [s.brandId, s.gtin, s.lot, s.serial] as const;
    const located = s.latitude !== null && s.longitude !== null;
    const newCountry = s.country !== null && Number(this.#sql(r.CODE_COUNTRY_SQL).run(...code, s.country).changes) > 0 ? 1 : 0;
    const newCell = located && Number(this.#sql(r.CODE_CELL_SQL).run(...code, s.latitude, s.longitude).changes) > 0 ? 1 : 0;
    const places = this.#sql(r.CODE_SUMMARY_SQL).get(...code, newCountry, newCell, seen.code ? 0 : 1, s.scannedAt, s.scannedAt) as { countries: number; cells: number };
    if (located) this.#sql(r.CELLS_SQL).run(...r.cellsArgs(s, seen));
    if (!r.isClone(places)) return;
    const crossed = !r.isClone({ countries: places.countries - newCountry, cells: places.cells - newCell });
    if (crossed) this.#sql(r.CLONE_BACKFILL_SQL).run(...code, s.gtin, s.gtin, s.lot);
    else this.#sql(r.DAILY_SQL).run(...r.dailyArgs(s.brandId, s.gtin, s.lot, r.dayOf(s.scannedAt), s.country, 0, 1));
  }

  counterfeitRecorded(brandId: string, gtin: string, lot: string, scannedAt: number, country: string | null): void {
    this.#sql(r.DAILY_SQL).run(...r.dailyArgs(brandId, gtin, lot, r.dayOf(scannedAt), country, 1, 0));
  }
}
