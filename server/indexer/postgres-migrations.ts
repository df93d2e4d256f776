/**
 * Applies the chain index's numbered SQL files (`migrations/NNN_name.sql`) once each, in order, each in
 * its own transaction, under an advisory lock so that instances starting together do not race. A
 * stop-gap until the main PostgreSQL store's runner (server/store/postgres/) takes these files.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Pool } from "pg";

const FOLDER = path.join(import.meta.dirname, "migrations");
/** pg_advisory_xact_lock key of this runner: any constant distinct from the follower's. */
const MIGRATION_LOCK = 7_203_114_001;

export async function migrateChainIndex(pool: Pool): Promise<void> {
  const files = (await readdir(FOLDER)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS chain_index_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    const applied = new Set((await client.query<{ version: number }>("SELECT version FROM chain_index_migrations")).rows.map((r) => r.version));
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (applied.has(version)) continue;
      await client.query(await readFile(path.join(FOLDER, file), "utf8"));
      await client.query("INSERT INTO chain_index_migrations (version, name) VALUES ($1, $2)", [version, file]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
