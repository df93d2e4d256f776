/**
 * Versioned migrations: the numbered SQL files in `migrations/` (0001_initial.sql, …), each applied once,
 * in its own transaction, and recorded in `schema_migrations`. Every instance runs this at start-up; a
 * transaction-scoped advisory lock makes instances starting together take turns, so each file runs once
 * and none sees a half-made schema.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "./database.ts";

export const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
/** Any fixed 64-bit number, the same in every instance: the key of the migration lock. */
const MIGRATION_LOCK = 7_372_611_001;
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export type Migration = { version: number; name: string; file: string };

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  const migrations = names.map((name) => ({ version: Number(FILE_NAME.exec(name)![1]), name, file: path.join(dir, name) }));
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length) throw new Error(`Two migrations in ${dir} share a version number`);
  return migrations;
}

/** Applies the migrations not applied yet, oldest first; returns the names of those it applied. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of await listMigrations(dir)) {
    const sql = await readFile(migration.file, "utf8");
    const ran = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await tx.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      const done = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [migration.version]);
      if (done.rowCount !== 0) return false;
      await tx.query(sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return applied;
}
