/**
 * The store the configuration asks for: PostgreSQL when DATABASE_URL is set (several instances may share
 * it; the schema's migrations are applied before this returns), else the SQLite file in the data folder.
 */
import path from "node:path";
import type { Config } from "../config.ts";
import { PgStore } from "./postgres/pg-store.ts";
import { SqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

export async function openStore(config: Pick<Config, "dataDir" | "databaseUrl">): Promise<Store> {
  if (config.databaseUrl !== undefined) return PgStore.open(config.databaseUrl);
  return new SqliteStore(path.join(config.dataDir, "veritrace.db"));
}
