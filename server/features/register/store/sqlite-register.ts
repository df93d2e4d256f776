/** The register's reads on SQLite (register-queries.ts). */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import { COUNTERFEIT_SQL, filterArgs, SEIZURES_SQL, toCounterfeit, toSeizures } from "./register-queries.ts";
import type { CounterfeitByCountry, RegisterFilter, RegisterStore, SeizuresByRoute } from "./types.ts";

export class RegisterQueries implements RegisterStore {
  readonly #sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.#sql = statementCache(db);
  }

  async seizures(filter: RegisterFilter): Promise<SeizuresByRoute[]> {
    return toSeizures(this.#sql(SEIZURES_SQL).all(...filterArgs(filter)) as Row[]);
  }

  async counterfeitScans(filter: RegisterFilter): Promise<CounterfeitByCountry[]> {
    return toCounterfeit(this.#sql(COUNTERFEIT_SQL).all(...filterArgs(filter)) as Row[]);
  }
}
