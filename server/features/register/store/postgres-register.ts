/** The register's reads on PostgreSQL (register-queries.ts). */
import type { Database } from "../../../store/postgres/database.ts";
import { numbered } from "../../../store/placeholders.ts";
import { COUNTERFEIT_SQL, filterArgs, SEIZURES_SQL, toCounterfeit, toSeizures } from "./register-queries.ts";
import type { CounterfeitByCountry, RegisterFilter, RegisterStore, SeizuresByRoute } from "./types.ts";

export class PgRegisterQueries implements RegisterStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async seizures(filter: RegisterFilter): Promise<SeizuresByRoute[]> {
    return toSeizures(await this.#db.query(numbered(SEIZURES_SQL), filterArgs(filter)));
  }

  async counterfeitScans(filter: RegisterFilter): Promise<CounterfeitByCountry[]> {
    return toCounterfeit(await this.#db.query(numbered(COUNTERFEIT_SQL), filterArgs(filter)));
  }
}
