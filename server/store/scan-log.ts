/**
 * The scan log, in the store's SQLite file. Keyed by the item's GS1 key (GTIN, lot, serial), not by the
 * full URI or an item id: a clone copies the whole label, so that key is what repeats, and it is known even
 * for codes whose signer or batch the chain does not know.
 *
 * Privacy: locations are stored rounded to 0.1° (about 11 km), never as the browser gave them.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ItemKey, NewScan, Scan } from "./store.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scans (
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  serial TEXT NOT NULL,
  session_id TEXT NOT NULL,
  scanned_at INTEGER NOT NULL,
  latitude REAL,
  longitude REAL,
  country TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country)))
);
CREATE INDEX IF NOT EXISTS scans_by_item ON scans (gtin, lot, serial, scanned_at);
`;

/** The newest scans of one code that the history looks at; a code scanned more often is a clone anyway. */
const MAX_SCANS_READ = 1_000;

/** 0.1° steps, so that a stored location never says more than the coarse grid cell. */
export const coarse = (degrees: number) => Math.round(degrees * 10) / 10;

export class ScanLog {
  readonly #insert: StatementSync;
  readonly #select: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.#insert = db.prepare(
      "INSERT INTO scans (gtin, lot, serial, session_id, scanned_at, latitude, longitude, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.#select = db.prepare(
      `SELECT session_id, scanned_at, latitude, longitude, country FROM
         (SELECT * FROM scans WHERE gtin = ? AND lot = ? AND serial = ? ORDER BY scanned_at DESC LIMIT ${MAX_SCANS_READ})
       ORDER BY scanned_at`,
    );
  }

  record(key: ItemKey, scan: NewScan): void {
    const located = scan.location !== undefined;
    this.#insert.run(
      key.gtin,
      key.lot,
      key.serial,
      scan.sessionId,
      scan.scannedAt,
      located ? coarse(scan.location!.latitude) : null,
      located ? coarse(scan.location!.longitude) : null,
      scan.country ?? null,
    );
  }

  list(key: ItemKey): Scan[] {
    return this.#select.all(key.gtin, key.lot, key.serial).map((r) => ({
      sessionId: r.session_id as string,
      scannedAt: r.scanned_at as number,
      ...(r.latitude === null ? {} : { latitude: r.latitude as number, longitude: r.longitude as number }),
      ...(r.country === null ? {} : { country: r.country as string }),
    }));
  }
}
