/** The intelligence page's reads on SQLite (intelligence-queries.ts); `"raw"`: from the raw tables (raw-intelligence-queries.ts). */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import * as q from "./intelligence-queries.ts";
import * as raw from "./raw-intelligence-queries.ts";
import type { CloneCluster, Hotspot, IntelligenceFilter, IntelligenceStore, SeizureRoute, VerdictsByDay } from "./types.ts";

export class IntelligenceQueries implements IntelligenceStore {
  readonly #sql: (sql: string) => StatementSync;
  readonly #raw: boolean;

  constructor(db: DatabaseSync, source: "rollups" | "raw" = "rollups") {
    this.#sql = statementCache(db);
    this.#raw = source === "raw";
  }

  #all(sql: string, args: unknown[]): Row[] {
    return this.#sql(sql).all(...(args as Array<string | number | null>)) as Row[];
  }

  async verdicts(f: IntelligenceFilter): Promise<VerdictsByDay[]> {
    return q.toVerdicts(this.#raw ? this.#all(raw.RAW_VERDICTS_SQL, raw.rawVerdictArgs(f)) : this.#all(q.VERDICTS_SQL, q.levelArgs(f)));
  }

  async hotspots(f: IntelligenceFilter): Promise<Hotspot[]> {
    return q.toHotspots(this.#raw ? this.#all(raw.RAW_HOTSPOTS_SQL, raw.rawArgs(f)) : this.#all(q.HOTSPOTS_SQL, q.levelArgs(f)));
  }

  async cloneClusters(f: IntelligenceFilter): Promise<CloneCluster[]> {
    return q.toClones(this.#raw ? this.#all(raw.RAW_CLONES_SQL, raw.rawCloneArgs(f)) : this.#all(q.CLONES_SQL, q.cloneArgs(f)));
  }

  async seizures(f: IntelligenceFilter): Promise<SeizureRoute[]> {
    return q.toSeizures(this.#all(q.SEIZURES_SQL, q.seizureArgs(f)));
  }
}
