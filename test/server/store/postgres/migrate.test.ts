/** Versioned migrations: each numbered file once, in order, whole or not at all, and instances starting together take turns. */
import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Database } from "../../../../server/store/postgres/database.ts";
import { listMigrations, migrate } from "../../../../server/store/postgres/migrate.ts";
import { PgStore } from "../../../../server/store/postgres/pg-store.ts";
import { startTestPostgres, type TestPostgres } from "../../../helpers/postgres.ts";

describe("PostgreSQL migrations", function () {
  let server: TestPostgres;
  let dir: string;
  const open: Database[] = [];
  const database = async (url: string) => {
    const db = new Database(url);
    open.push(db);
    return db;
  };
  before(async function () {
    server = await startTestPostgres();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-migrations-"));
  });
  afterEach(async function () {
    for (const db of open.splice(0)) await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const applied = async (db: Database) => (await db.query("SELECT version, name FROM schema_migrations ORDER BY version")).map((r) => `${r.version} ${r.name}`);

  it("applies the service's migrations at open, once, and records them", async function () {
    const url = await server.createDatabase();
    await (await PgStore.open(url)).close();
    await (await PgStore.open(url)).close();
    const db = await database(url);
    expect(await applied(db)).to.deep.equal((await listMigrations()).map((m) => `${m.version} ${m.name}`));
    expect(await applied(db)).to.include("1 0001_initial.sql");
  });

  it("lets instances that start together take turns: every file runs once", async function () {
    await writeFile(path.join(dir, "0001_counter.sql"), "CREATE TABLE runs (n INTEGER); INSERT INTO runs VALUES (1);");
    await writeFile(path.join(dir, "0002_more.sql"), "INSERT INTO runs VALUES (2);");
    const url = await server.createDatabase();
    const instances = await Promise.all(Array.from({ length: 6 }, () => database(url)));
    const results = await Promise.all(instances.map((db) => migrate(db, dir)));
    expect(results.flat().sort()).to.deep.equal(["0001_counter.sql", "0002_more.sql"]);
    expect((await instances[0]!.query("SELECT n FROM runs ORDER BY n")).map((r) => r.n)).to.deep.equal([1, 2]);
  });

  it("applies a failing file not at all, and stops there", async function () {
    await writeFile(path.join(dir, "0001_good.sql"), "CREATE TABLE a (n INTEGER);");
    await writeFile(path.join(dir, "0002_bad.sql"), "CREATE TABLE b (n INTEGER); SELECT no_such_function();");
    await writeFile(path.join(dir, "0003_after.sql"), "CREATE TABLE c (n INTEGER);");
    const db = await database(await server.createDatabase());
    const error = await migrate(db, dir).then(() => undefined, (e: unknown) => e);
    expect(String(error)).to.match(/no_such_function/);
    expect(await applied(db)).to.deep.equal(["1 0001_good.sql"]);
    const tables = (await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((r) => r.table_name);
    expect(tables).to.deep.equal(["a", "schema_migrations"]);
  });

  it("accepts a gap in the numbers, and applies a file numbered into the gap when it arrives later", async function () {
    // Helpers add migrations in parallel: 0009 may be applied before 0008 exists.
    await writeFile(path.join(dir, "0001_a.sql"), "CREATE TABLE a (n INTEGER);");
    await writeFile(path.join(dir, "0003_c.sql"), "CREATE TABLE c (n INTEGER);");
    const db = await database(await server.createDatabase());
    expect(await migrate(db, dir)).to.deep.equal(["0001_a.sql", "0003_c.sql"]);
    await writeFile(path.join(dir, "0002_b.sql"), "CREATE TABLE b (n INTEGER);");
    expect(await migrate(db, dir)).to.deep.equal(["0002_b.sql"]);
    expect(await applied(db)).to.deep.equal(["1 0001_a.sql", "2 0002_b.sql", "3 0003_c.sql"]);
  });

  it("refuses two files with one version number", async function () {
    await writeFile(path.join(dir, "0001_one.sql"), "SELECT 1;");
    await writeFile(path.join(dir, "0001_two.sql"), "SELECT 2;");
    const error = await listMigrations(dir).then(() => undefined, (e: unknown) => e);
    expect(String(error)).to.match(/share a version number/);
  });
});
