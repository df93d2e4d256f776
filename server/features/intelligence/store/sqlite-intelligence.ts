/** The intelligence page's reads on SQLite (intelligence-queries.ts). */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import * as q from "./intelligence-queries.ts";
import type { CloneCluster, Hotspot, IntelligenceFilter, IntelligenceStore, SeizureRoute, VerdictsByDay } from "./types.ts";

export class IntelligenceQueries implements IntelligenceStore {
  readonly #sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.#sql = statementCache(db);
  }

  async verdicts(filter: IntelligenceFilter): Promise<VerdictsByDay[]> {
    return q.toVerdicts(this.#sql(q.VERDICTS_SQL).all(...q.verdictArgs(filter)) as Row[]);
  }

  async hotspots(filter: IntelligenceFilter): Promise<Hotspot[]> {
    return q.toHotspots(this.#sql(q.HOTSPOTS_SQL).all(...q.scanArgs(filter)) as Row[]);
  }

  async cloneClusters(filter: IntelligenceFilter): Promise<CloneCluster[]> {
    return q.toClones(this.#sql(q.CLONES_SQL).all(...q.scanArgs(filter)) as Row[]);
  }

  async seizures(filter: IntelligenceFilter): Promise<SeizureRoute[]> {
    return q.toSeizures(this.#sql(q.SEIZURES_SQL).all(...q.seizureArgs(filter)) as Row[]);
  }
}
