/** Which store the configuration opens: PostgreSQL with DATABASE_URL, else the SQLite file in the data folder. */
import { expect } from "chai";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openStore } from "../../../server/store/open-store.ts";
import { PgStore } from "../../../server/store/postgres/pg-store.ts";
import { SqliteStore } from "../../../server/store/sqlite-store.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";

describe("openStore", function () {
  let server: TestPostgres;
  let dir: string;
  before(async function () {
    server = await startTestPostgres();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-open-store-"));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("opens the SQLite file in the data folder without DATABASE_URL", async function () {
    const store = await openStore({ dataDir: dir, databaseUrl: undefined });
    expect(store).to.be.instanceOf(SqliteStore);
    await store.close();
    expect(existsSync(path.join(dir, "veritrace.db"))).to.equal(true);
  });

  it("opens PostgreSQL, migrated, with DATABASE_URL, and writes nothing in the data folder", async function () {
    const store = await openStore({ dataDir: dir, databaseUrl: await server.createDatabase() });
    expect(store).to.be.instanceOf(PgStore);
    await store.ping();
    expect(await store.listOrganisations()).to.deep.equal([]);
    await store.close();
    expect(existsSync(path.join(dir, "veritrace.db"))).to.equal(false);
  });
});
