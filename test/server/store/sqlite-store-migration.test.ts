import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import os from "node:os";
import path from "node:path";
import { SqliteStore } from "../../../server/store/sqlite-store.ts";

describe("SqliteStore migration", function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-store-"));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("opens a database made before retailers existed, keeps its organisations and accepts every kind now", async function () {
    const file = path.join(dir, "veritrace.db");
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE organisations (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('registrar', 'brand')),
      brand_id TEXT UNIQUE, metadata_uri TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organisations(id), created_at TEXT NOT NULL);
      INSERT INTO organisations VALUES ('b1', 'Acme', 'brand', '0x01', 'ipfs://acme', '2026-01-01T00:00:00Z');
      INSERT INTO api_keys VALUES ('h1', 'b1', '2026-01-01T00:00:00Z');`);
    old.close();

    const store = new SqliteStore(file);
    try {
      expect(await store.findOrganisationByApiKeyHash("h1")).to.include({ id: "b1", name: "Acme", kind: "brand", brandId: "0x01" });
      await store.createOrganisation(
        { id: "r1", name: "Corner Shop", kind: "retailer", brandId: undefined, parentId: "b1", metadataUri: "", createdAt: "2026-02-01T00:00:00Z" },
        [],
        "h2",
      );
      expect(await store.findOrganisationByApiKeyHash("h2")).to.include({ kind: "retailer", parentId: "b1" });
      await store.createOrganisation(
        { id: "c1", name: "Douane", kind: "customs", brandId: undefined, parentId: undefined, metadataUri: "", createdAt: "2026-02-01T00:00:00Z" },
        [],
        "h3",
      );
      expect((await store.getOrganisation("c1"))?.kind).to.equal("customs");
    } finally {
      await store.close();
    }
  });

  it("rebuilds a database of the retailer version, keeping its retailers' parent", async function () {
    const file = path.join(dir, "veritrace.db");
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE organisations (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('registrar', 'brand', 'retailer')),
      brand_id TEXT UNIQUE, parent_id TEXT REFERENCES organisations(id), metadata_uri TEXT NOT NULL, created_at TEXT NOT NULL);
      INSERT INTO organisations VALUES ('b1', 'Acme', 'brand', '0x01', NULL, '', '2026-01-01T00:00:00Z');
      INSERT INTO organisations VALUES ('r1', 'Shop', 'retailer', NULL, 'b1', '', '2026-01-01T00:00:00Z');`);
    old.close();
    const store = new SqliteStore(file);
    try {
      expect(await store.getOrganisation("r1")).to.include({ kind: "retailer", parentId: "b1" });
    } finally {
      await store.close();
    }
  });

  it("frees, when the file is opened again, a batch claim that a killed process left (one process per file)", async function () {
    const file = path.join(dir, "veritrace.db");
    const before = new SqliteStore(file);
    await before.createOrganisation({ id: "b1", name: "Acme", kind: "brand", brandId: "0x01", parentId: undefined, metadataUri: "", createdAt: "2026-01-01T00:00:00Z" }, [], "h1");
    const id = `0x${"01".repeat(32)}` as const;
    await before.createBatch({ id, orgId: "b1", brandId: "0x01", gtin: "09506000134352", lot: "L1", expiry: undefined, quantity: 1, metadataUri: "", signer: `0x${"09".repeat(20)}`, serials: undefined });
    expect((await before.claimBatchWork("killed-process", 3_600_000))?.id).to.equal(id);
    await before.close();

    const after = new SqliteStore(file);
    try {
      expect((await after.claimBatchWork("restarted-process", 3_600_000))?.id).to.equal(id);
    } finally {
      await after.close();
    }
  });

  it("moves items kept under the batch's text id to the compact table, keeping every item findable", async function () {
    const file = path.join(dir, "veritrace.db");
    const store0 = new SqliteStore(file);
    await store0.close();
    // The tables as they were before batches had a seq: items keyed by the batch's text id.
    const old = new DatabaseSync(file);
    old.exec(`DROP TABLE items; DROP INDEX batches_by_seq; ALTER TABLE batches DROP COLUMN seq;
      CREATE TABLE items (batch_id TEXT NOT NULL, idx INTEGER NOT NULL, serial TEXT NOT NULL, leaf BLOB NOT NULL, signature BLOB NOT NULL,
        PRIMARY KEY (batch_id, idx), UNIQUE (batch_id, serial)) WITHOUT ROWID;
      INSERT INTO organisations (id, name, kind, metadata_uri, created_at) VALUES ('b1', 'Acme', 'brand', '', '2026-01-01T00:00:00Z');
      INSERT INTO batches (id, org_id, brand_id, gtin, lot, quantity, metadata_uri, state, generated, signer, created_at)
        VALUES ('0x01', 'b1', '0xaa', '09506000134352', 'L1', 2, '', 'confirmed', 2, '0x00', '2026-01-01T00:00:00Z'),
               ('0x02', 'b1', '0xaa', '09506000134352', 'L2', 1, '', 'confirmed', 1, '0x00', '2026-01-02T00:00:00Z');
      INSERT INTO items VALUES ('0x01', 0, 'A', zeroblob(32), zeroblob(64)), ('0x01', 1, 'B', randomblob(32), zeroblob(64)), ('0x02', 0, 'A', randomblob(32), zeroblob(64));`);
    old.close();

    const store = new SqliteStore(file);
    try {
      expect((await store.findItems("09506000134352", "L1", "B")).map(({ batch, item }) => [batch.id, item.index])).to.deep.equal([["0x01", 1]]);
      expect(await store.leaves("0x01")).to.have.length(64);
      expect([...(await store.storedSerials("0x02"))]).to.deep.equal(["A"]);
      // A batch made after the move gets the next seq: its items never mix with the older ones.
      await store.createBatch({ id: "0x03", orgId: "b1", brandId: "0xaa", gtin: "09506000134352", lot: "L3", expiry: undefined, quantity: 1, metadataUri: "", signer: "0x00", serials: undefined });
      await store.appendItems("0x03", [{ index: 0, serial: "A", leaf: new Uint8Array(32), signature: new Uint8Array(64) }]);
      expect(await store.leaves("0x03")).to.have.length(32);
      expect(await store.leaves("0x01")).to.have.length(64);
    } finally {
      await store.close();
    }
  });
});
