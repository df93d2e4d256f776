/** Opens the store the configuration names. Today: the SQLite file in the data folder. */
import path from "node:path";
import type { Config } from "../config.ts";
import { SqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

export async function openStore(config: Pick<Config, "dataDir">): Promise<Store> {
  return new SqliteStore(path.join(config.dataDir, "veritrace.db"));
}
