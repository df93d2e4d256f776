/**
 * The roll-ups against the raw tables: random scans and counterfeit scans recorded one by one through the
 * store (so the roll-ups are kept as the service keeps them), then every view, for the brand, each GTIN,
 * each lot and random periods, equal to its recomputation from the raw tables
 * (raw-intelligence-queries.ts). Then the same after building the roll-ups from scratch, as a database
 * from before them gets them (SQLite at start, PostgreSQL's migration 0008). On SQLite and PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { expect } from "chai";
import pg from "pg";
import type { Hex } from "viem";
import { SqliteStore } from "../../../../server/store/sqlite-store.ts";
import { PgStore } from "../../../../server/store/postgres/pg-store.ts";
import { Database } from "../../../../server/store/postgres/database.ts";
import { numbered } from "../../../../server/store/placeholders.ts";
import type { Store } from "../../../../server/store/store.ts";
import { IntelligenceQueries } from "../../../../server/features/intelligence/store/sqlite-intelligence.ts";
import { PgIntelligenceQueries } from "../../../../server/features/intelligence/store/postgres-intelligence.ts";
import { BUILD_ROLLUPS_SQL } from "../../../../server/features/intelligence/store/rollup-sql.ts";
import type { IntelligenceFilter, IntelligenceStore } from "../../../../server/features/intelligence/store/types.ts";
import { sharedTestPostgres } from "../../../helpers/postgres.ts";
import { MIGRATIONS_DIR } from "../../../../server/store/postgres/migrate.ts";

const ACME = `0x${"a1".repeat(32)}` as Hex;
const OTHER = `0x${"b2".repeat(32)}` as Hex;
const DAY = 86_400_000;
const T0 = Date.parse("2026-05-01T00:00:00Z");
const GTINS = ["09506000134352", "09506000134369"];
const LOTS = ["L1", "L2"];
const COUNTRIES = ["FR", "DE", "JP", "US", undefined];
const CELLS = [{ latitude: 48.86, longitude: 2.35 }, { latitude: 52.52, longitude: 13.4 }, { latitude: 35.68, longitude: 139.7 }, { latitude: 40.71, longitude: -74.0 }, undefined];
const ROLLUP_TABLES = ["scan_daily", "scan_cells", "code_countries", "code_cells", "code_summary"];

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

async function recordRandomScans(store: Store, seed: number, scans: number): Promise<void> {
  const pick = random(seed);
  for (let i = 0; i < scans; i++) {
    const brandId = pick(10) === 0 ? OTHER : ACME;
    const [gtin, lot] = [GTINS[pick(2)]!, LOTS[pick(2)]!];
    const scannedAt = T0 + pick(6) * DAY + pick(DAY);
    const country = COUNTRIES[pick(COUNTRIES.length)];
    if (pick(5) === 0) {
      await store.recordCounterfeitScan({ brandId, gtin, lot, serial: `X${pick(5)}`, reason: "UNSIGNED", sessionId: `s${pick(20)}`, network: "n", country, scannedAt });
    } else {
      const location = CELLS[pick(CELLS.length)];
      await store.recordScan({ brandId, gtin, lot, serial: `S${pick(16)}` }, { sessionId: `s${pick(20)}`, network: "n", scannedAt, country, location });
    }
  }
}

/** Every filter the page can ask: brand, GTINs, lots, whole period and random whole-day periods. */
function filters(seed: number): IntelligenceFilter[] {
  const pick = random(seed);
  const out: IntelligenceFilter[] = [];
  const periods = [{ from: T0, to: T0 + 6 * DAY }, ...Array.from({ length: 4 }, () => {
    const first = pick(6);
    return { from: T0 + first * DAY, to: T0 + (first + 1 + pick(6 - first)) * DAY };
  })];
  for (const period of periods) {
    out.push({ brandId: ACME, gtin: undefined, lot: undefined, ...period }, { brandId: OTHER, gtin: undefined, lot: undefined, ...period });
    for (const gtin of GTINS) {
      out.push({ brandId: ACME, gtin, lot: undefined, ...period });
      for (const lot of LOTS) out.push({ brandId: ACME, gtin, lot, ...period });
    }
  }
  return out;
}

async function expectSameViews(rollups: IntelligenceStore, raw: IntelligenceStore, seed: number): Promise<number> {
  let clones = 0;
  for (const f of filters(seed)) {
    const where = JSON.stringify({ ...f, from: new Date(f.from).toISOString(), to: new Date(f.to).toISOString() });
    expect(await rollups.verdicts(f), `verdicts ${where}`).to.deep.equal(await raw.verdicts(f));
    expect(await rollups.hotspots(f), `hotspots ${where}`).to.deep.equal(await raw.hotspots(f));
    const found = await rollups.cloneClusters(f);
    expect(found, `clones ${where}`).to.deep.equal(await raw.cloneClusters(f));
    clones += found.length;
  }
  return clones;
}

describe("intelligence roll-ups against the raw tables", function () {
  this.timeout(300_000);

  describe("SQLite", function () {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "rollups-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    for (const seed of [1, 2, 3]) {
      it(`gives every view as the raw tables do, kept scan by scan and built from scratch (seed ${seed})`, async function () {
        const file = path.join(dir, "veritrace.db");
        const store = new SqliteStore(file);
        await recordRandomScans(store, seed, 400);
        await store.close();
        const db = new DatabaseSync(file);
        const clones = await expectSameViews(new IntelligenceQueries(db), new IntelligenceQueries(db, "raw"), seed);
        expect(clones, "the random scans make clones").to.be.greaterThan(0);
        // A database from before the roll-ups: the store builds them at start.
        db.exec(ROLLUP_TABLES.map((t) => `DROP TABLE ${t};`).join(" "));
        db.close();
        await new SqliteStore(file).close();
        const rebuilt = new DatabaseSync(file);
        await expectSameViews(new IntelligenceQueries(rebuilt), new IntelligenceQueries(rebuilt, "raw"), seed);
        rebuilt.close();
      });
    }
  });

  describe("PostgreSQL", function () {
    let url: string;
    const open: Array<{ close(): Promise<void> }> = [];
    beforeEach(async () => (url = await (await sharedTestPostgres()).createDatabase()));
    afterEach(async () => {
      for (const o of open.splice(0)) await o.close();
    });
    const database = () => {
      const db = new Database(url);
      open.push({ close: () => db.pool.end() });
      return db;
    };

    it("builds the roll-ups in migration 0008 with the very statements tested here", function () {
      const words = (sql: string) => sql.replace(/\s+/g, " ").trim();
      const migration = words(readFileSync(path.join(MIGRATIONS_DIR, "0008_scan_rollups.sql"), "utf8"));
      for (const sql of BUILD_ROLLUPS_SQL) expect(migration).to.contain(`${words(sql)};`);
    });

    it("gives every view as the raw tables do, with two instances writing at once, and after migration 0008's build", async function () {
      const [a, b] = [await PgStore.open(url), await PgStore.open(url)];
      open.push(a, b);
      // Two instances at once: the roll-ups' fixed lock order means no deadlock, and their counts stay exact.
      await Promise.all([recordRandomScans(a, 11, 200), recordRandomScans(b, 12, 200), recordRandomScans(a, 13, 100)]);
      const db = database();
      const seeds = [11, 12];
      for (const seed of seeds) expect(await expectSameViews(new PgIntelligenceQueries(db), new PgIntelligenceQueries(db, "raw"), seed)).to.be.greaterThan(0);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`TRUNCATE ${ROLLUP_TABLES.join(", ")}`);
        for (const sql of BUILD_ROLLUPS_SQL) await client.query(numbered(sql));
      } finally {
        await client.end();
      }
      for (const seed of seeds) await expectSameViews(new PgIntelligenceQueries(db), new PgIntelligenceQueries(db, "raw"), seed);
    });
  });
});
