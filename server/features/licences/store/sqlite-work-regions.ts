/** Works' region hashes on SQLite (see types.ts); the PostgreSQL twin is postgres-work-regions.ts. */
import type { DatabaseSync } from "node:sqlite";
import type { Hex } from "viem";
import { statementCache } from "../../../store/statements.ts";
import { regionsText, toKeptRegions, workKey } from "./region-rows.ts";
import type { KeptWorkRegions, WorkRegions, WorkRegionStore } from "./types.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS work_regions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  work_id TEXT NOT NULL UNIQUE,
  hashes TEXT NOT NULL
);
`;

export class WorkRegionTables implements WorkRegionStore {
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.#sql = statementCache(db);
  }

  async save(regions: WorkRegions): Promise<void> {
    this.#sql("INSERT INTO work_regions (work_id, hashes) VALUES (?, ?) ON CONFLICT (work_id) DO NOTHING").run(workKey(regions.workId), regionsText(regions));
  }

  async has(workId: Hex): Promise<boolean> {
    return this.#sql("SELECT 1 FROM work_regions WHERE work_id = ?").get(workKey(workId)) !== undefined;
  }

  async after(afterSeq: number, limit: number): Promise<KeptWorkRegions[]> {
    const rows = this.#sql("SELECT seq, work_id, hashes FROM work_regions WHERE seq > ? ORDER BY seq LIMIT ?").all(afterSeq, limit);
    return rows.map((row) => toKeptRegions(row as { seq: number; work_id: string; hashes: string }));
  }
}
