import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import os from "node:os";
import path from "node:path";
import { SqliteStore } from "../../../../../server/store/sqlite-store.ts";

describe("server/features/organisations/store/sqlite-api-key-tables", function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-keys-"));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("opens a database whose keys predate labels, last use and revocation, and keeps every key valid", async function () {
    const file = path.join(dir, "veritrace.db");
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        brand_id TEXT UNIQUE, parent_id TEXT, metadata_uri TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES organisations(id), created_at TEXT NOT NULL);
      INSERT INTO organisations VALUES ('b1', 'Acme', 'brand', '0x01', NULL, '', '2026-01-01T00:00:00Z');
      INSERT INTO api_keys VALUES ('${"ab".repeat(32)}', 'b1', '2026-01-01T00:00:00Z');`);
    old.close();

    const store = new SqliteStore(file);
    try {
      expect(await store.apiKeys.list("b1")).to.deep.equal([
        { id: "abababababababab", orgId: "b1", label: undefined, createdAt: "2026-01-01T00:00:00Z", lastUsedAt: undefined, revokedAt: undefined },
      ]);
      await store.apiKeys.touch("ab".repeat(32), "2026-03-01T00:00:00.000Z");
      expect((await store.apiKeys.get("b1", "abababababababab"))?.lastUsedAt).to.equal("2026-03-01T00:00:00.000Z");
    } finally {
      await store.close();
    }
    // A second open adds nothing twice.
    await new SqliteStore(file).close();
  });
});
