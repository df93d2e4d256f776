/** The intelligence page's reads on PostgreSQL (intelligence-queries.ts); `"raw"`: from the raw tables (raw-intelligence-queries.ts). */
import type { Database } from "../../../store/postgres/database.ts";
import { numbered } from "../../../store/placeholders.ts";
import type { Row } from "../../../store/rows.ts";
import * as q from "./intelligence-queries.ts";
import * as raw from "./raw-intelligence-queries.ts";
import type { CloneCluster, Hotspot, IntelligenceFilter, IntelligenceStore, SeizureRoute, VerdictsByDay } from "./types.ts";

export class PgIntelligenceQueries implements IntelligenceStore {
  readonly #db: Database;
  readonly #raw: boolean;

  constructor(db: Database, source: "rollups" | "raw" = "rollups") {
    this.#db = db;
    this.#raw = source === "raw";
  }

  #all(sql: string, args: unknown[]): Promise<Row[]> {
    return this.#db.query(numbered(sql), args);
  }

  async verdicts(f: IntelligenceFilter): Promise<VerdictsByDay[]> {
    return q.toVerdicts(await (this.#raw ? this.#all(raw.RAW_VERDICTS_SQL, raw.rawVerdictArgs(f)) : this.#all(q.VERDICTS_SQL, q.levelArgs(f))));
  }

  async hotspots(f: IntelligenceFilter): Promise<Hotspot[]> {
    return q.toHotspots(await (this.#raw ? this.#all(raw.RAW_HOTSPOTS_SQL, raw.rawArgs(f)) : this.#all(q.HOTSPOTS_SQL, q.levelArgs(f))));
  }

  async cloneClusters(f: IntelligenceFilter): Promise<CloneCluster[]> {
    return q.toClones(await (this.#raw ? this.#all(raw.RAW_CLONES_SQL, raw.rawCloneArgs(f)) : this.#all(q.CLONES_SQL, q.cloneArgs(f))));
  }

  async seizures(f: IntelligenceFilter): Promise<SeizureRoute[]> {
    return q.toSeizures(await this.#all(q.SEIZURES_SQL, q.seizureArgs(f)));
  }
}
