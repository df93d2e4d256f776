/** The intelligence page's reads on PostgreSQL (intelligence-queries.ts). */
import type { Database } from "../../../store/postgres/database.ts";
import { numbered } from "../../../store/placeholders.ts";
import * as q from "./intelligence-queries.ts";
import type { CloneCluster, Hotspot, IntelligenceFilter, IntelligenceStore, SeizureRoute, VerdictsByDay } from "./types.ts";

export class PgIntelligenceQueries implements IntelligenceStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async verdicts(filter: IntelligenceFilter): Promise<VerdictsByDay[]> {
    return q.toVerdicts(await this.#db.query(numbered(q.VERDICTS_SQL), q.verdictArgs(filter)));
  }

  async hotspots(filter: IntelligenceFilter): Promise<Hotspot[]> {
    return q.toHotspots(await this.#db.query(numbered(q.HOTSPOTS_SQL), q.scanArgs(filter)));
  }

  async cloneClusters(filter: IntelligenceFilter): Promise<CloneCluster[]> {
    return q.toClones(await this.#db.query(numbered(q.CLONES_SQL), q.scanArgs(filter)));
  }

  async seizures(filter: IntelligenceFilter): Promise<SeizureRoute[]> {
    return q.toSeizures(await this.#db.query(numbered(q.SEIZURES_SQL), q.seizureArgs(filter)));
  }
}
