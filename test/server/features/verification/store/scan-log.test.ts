import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { SqliteStore } from "../../../../../server/store/sqlite-store.ts";

const ACME = `0x${"a1".repeat(32)}` as Hex;
const GLOBEX = `0x${"b2".repeat(32)}` as Hex;
const ITEM = { gtin: "09506000134352", lot: "L1", serial: "S1" };
const MIN = 60_000;
const HOUR = 60 * MIN;
const BUDGET = { perNetwork: 3, windowMs: HOUR };
const T0 = Date.parse("2026-03-01T10:00:00Z");

describe("ScanLog (in SqliteStore)", function () {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-scans-"));
    store = new SqliteStore(path.join(dir, "veritrace.db"));
  });
  afterEach(async function () {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe("issueSession", function () {
    it("counts the first 3 sessions a network gets within the window, and not the 4th", async function () {
      const counted = [];
      for (const i of [0, 1, 2, 3]) counted.push((await store.issueSession(`s${i}`, "203.0.113.0/24", T0 + i * MIN, BUDGET)).counted);
      expect(counted).to.deep.equal([true, true, true, false]);
      expect(await store.getSession("s3")).to.deep.equal({ id: "s3", network: "203.0.113.0/24", issuedAt: T0 + 3 * MIN, counted: false });
    });

    it("keeps each network's budget apart", async function () {
      for (let i = 0; i < 3; i++) await store.issueSession(`a${i}`, "203.0.113.0/24", T0, BUDGET);
      expect((await store.issueSession("b0", "198.51.100.0/24", T0, BUDGET)).counted).to.equal(true);
    });

    it("slides: a network counts again once its counted sessions are older than the window", async function () {
      for (let i = 0; i < 3; i++) await store.issueSession(`a${i}`, "203.0.113.0/24", T0 + i * MIN, BUDGET);
      expect((await store.issueSession("late", "203.0.113.0/24", T0 + HOUR - 1, BUDGET)).counted).to.equal(false);
      expect((await store.issueSession("later", "203.0.113.0/24", T0 + HOUR + 30_000, BUDGET)).counted).to.equal(true);
    });

    it("never lets uncounted sessions use up the budget, and forgets them after the window (counted ones are kept)", async function () {
      for (let i = 0; i < 50; i++) await store.issueSession(`a${i}`, "203.0.113.0/24", T0 + i * 1_000, BUDGET);
      expect((await store.getSession("a10"))?.counted).to.equal(false);
      expect((await store.issueSession("next-hour", "203.0.113.0/24", T0 + 2 * HOUR, BUDGET)).counted).to.equal(true);
      expect(await store.getSession("a10")).to.equal(undefined);
      expect((await store.getSession("a0"))?.counted).to.equal(true);
    });
  });

  describe("recordScan and listScans", function () {
    it("keeps two brands' histories of the same GTIN, lot and serial apart, whatever the case of the brand id", async function () {
      await store.recordScan({ brandId: ACME, ...ITEM }, { sessionId: "s1", network: "n1", scannedAt: T0, location: { latitude: 48.8566, longitude: 2.3522 } });
      await store.recordScan({ brandId: GLOBEX, ...ITEM }, { sessionId: "s2", network: "n2", scannedAt: T0, country: "JP" });
      expect(await store.listScans({ brandId: ACME.toUpperCase().replace("0X", "0x") as Hex, ...ITEM })).to.deep.equal([
        { sessionId: "s1", network: "n1", scannedAt: T0, latitude: 48.9, longitude: 2.4 },
      ]);
      expect(await store.listScans({ brandId: GLOBEX, ...ITEM })).to.deep.equal([{ sessionId: "s2", network: "n2", scannedAt: T0, country: "JP" }]);
    });
  });

  describe("countCounterfeitScans", function () {
    it("aggregates a brand's sightings per product, per day and country, and per reason", async function () {
      const sighting = (serial: string, sessionId: string, network: string, country: string | undefined, scannedAt: number, reason = "UNSIGNED") =>
        store.recordCounterfeitScan({ brandId: ACME, gtin: ITEM.gtin, lot: "L1", serial, reason, sessionId, network, country, scannedAt });
      await sighting("X1", "s1", "n1", "FR", T0);
      await sighting("X1", "s1", "n1", "FR", T0 + MIN);
      await sighting("X2", "s2", "n2", undefined, T0 + 25 * HOUR, "BAD_SIGNATURE");
      await store.recordCounterfeitScan({ brandId: GLOBEX, gtin: "09506000134369", lot: "G", serial: "1", reason: "UNSIGNED", sessionId: "s9", network: "n9", country: "DE", scannedAt: T0 });
      const counts = await store.countCounterfeitScans(ACME);
      expect(counts.total).to.deep.equal({ scans: 3, sessions: 2, networks: 2 });
      expect(counts.byProduct).to.deep.equal([
        { gtin: ITEM.gtin, lot: "L1", scans: 3, sessions: 2, networks: 2, serials: 2, firstScanAt: T0, lastScanAt: T0 + 25 * HOUR },
      ]);
      expect(counts.byDayAndCountry).to.deep.equal([
        { day: "2026-03-02", country: null, scans: 1, sessions: 1 },
        { day: "2026-03-01", country: "FR", scans: 2, sessions: 1 },
      ]);
      expect(counts.byReason).to.deep.equal([
        { reason: "UNSIGNED", scans: 2 },
        { reason: "BAD_SIGNATURE", scans: 1 },
      ]);
      expect((await store.countCounterfeitScans(ACME, T0 + HOUR)).total.scans).to.equal(1);
    });
  });

  describe("an older database file", function () {
    it("opens one whose scans table predates brands and networks, keeping its rows aside as scans_v1", async function () {
      await store.close();
      const file = path.join(dir, "old.db");
      const old = new DatabaseSync(file);
      old.exec(`CREATE TABLE scans (gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL, session_id TEXT NOT NULL,
          scanned_at INTEGER NOT NULL, latitude REAL, longitude REAL, country TEXT);
        CREATE INDEX scans_by_item ON scans (gtin, lot, serial, scanned_at);
        INSERT INTO scans VALUES ('09506000134352', 'L1', 'S1', 'old-session', 1, NULL, NULL, 'FR');`);
      old.close();
      store = new SqliteStore(file);
      await store.recordScan({ brandId: ACME, ...ITEM }, { sessionId: "s1", network: "n1", scannedAt: T0 });
      expect(await store.listScans({ brandId: ACME, ...ITEM })).to.have.length(1);
      await store.close();
      const check = new DatabaseSync(file);
      expect(check.prepare("SELECT session_id FROM scans_v1").all()).to.deep.equal([{ session_id: "old-session" }]);
      check.close();
      // And it opens again, migrated.
      store = new SqliteStore(file);
      expect(await store.listScans({ brandId: ACME, ...ITEM })).to.have.length(1);
    });
  });
});
