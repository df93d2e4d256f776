/** Brand alerts on PostgreSQL (migration 0009, alert-queries.ts); the SQLite twin is sqlite-alerts.ts. */
import type { Database } from "../../../store/postgres/database.ts";
import { numbered } from "../../../store/placeholders.ts";
import { ACTIVE_SQL, GET_SQL, INSERT_SQL, insertArgs, listSql, toAlert, WITHDRAW_SQL } from "./alert-queries.ts";
import type { Alert, AlertListQuery, AlertStore, NewAlert } from "./types.ts";

export class PgAlertTables implements AlertStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async raise(alert: NewAlert): Promise<Alert> {
    await this.#db.query(numbered(INSERT_SQL), insertArgs(alert));
    return (await this.get(alert.id))!;
  }

  async get(id: string): Promise<Alert | undefined> {
    const [row] = await this.#db.query(numbered(GET_SQL), [id]);
    return row && toAlert(row);
  }

  async list(orgId: string, query: AlertListQuery): Promise<Alert[]> {
    const { sql, args } = listSql(orgId, query);
    return (await this.#db.query(numbered(sql), args)).map(toAlert);
  }

  async withdraw(id: string, orgId: string, at: string): Promise<Alert | undefined> {
    await this.#db.query(numbered(WITHDRAW_SQL), [at, id, orgId]);
    const alert = await this.get(id);
    return alert?.orgId === orgId ? alert : undefined;
  }

  async active(now: string, gtin?: string): Promise<Alert[]> {
    return (await this.#db.query(numbered(ACTIVE_SQL), [now, gtin ?? null])).map(toAlert);
  }
}
