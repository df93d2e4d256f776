/** Works' region hashes on PostgreSQL (migration 0007); the SQLite twin is sqlite-work-regions.ts. */
import type { Hex } from "viem";
import type { Database } from "../../../store/postgres/database.ts";
import { regionsText, toKeptRegions, workKey } from "./region-rows.ts";
import type { KeptWorkRegions, WorkRegions, WorkRegionStore } from "./types.ts";

export class PgWorkRegionTables implements WorkRegionStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async save(regions: WorkRegions): Promise<void> {
    await this.#db.query("INSERT INTO work_regions (work_id, hashes) VALUES ($1, $2) ON CONFLICT (work_id) DO NOTHING", [
      workKey(regions.workId),
      regionsText(regions),
    ]);
  }

  async has(workId: Hex): Promise<boolean> {
    return (await this.#db.query("SELECT 1 FROM work_regions WHERE work_id = $1", [workKey(workId)])).length > 0;
  }

  async after(afterSeq: number, limit: number): Promise<KeptWorkRegions[]> {
    const rows = await this.#db.query<{ seq: string; work_id: string; hashes: string }>(
      "SELECT seq, work_id, hashes FROM work_regions WHERE seq > $1 ORDER BY seq LIMIT $2",
      [afterSeq, limit],
    );
    return rows.map(toKeptRegions);
  }
}
