/** Brand alerts on SQLite (alert-queries.ts); the PostgreSQL twin is postgres-alerts.ts (migration 0009). */
import type { DatabaseSync } from "node:sqlite";
import type { Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import { ACTIVE_SQL, GET_SQL, INSERT_SQL, insertArgs, listSql, toAlert, WITHDRAW_SQL } from "./alert-queries.ts";
import type { Alert, AlertListQuery, AlertStore, NewAlert } from "./types.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS brand_alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT,
  country TEXT NOT NULL,
  origin TEXT,
  reason TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX IF NOT EXISTS brand_alerts_by_org ON brand_alerts (org_id, seq);
CREATE INDEX IF NOT EXISTS brand_alerts_by_gtin ON brand_alerts (gtin, expires_at);
`;

export class AlertTables implements AlertStore {
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.#sql = statementCache(db);
  }

  async raise(alert: NewAlert): Promise<Alert> {
    this.#sql(INSERT_SQL).run(...insertArgs(alert));
    return (await this.get(alert.id))!;
  }

  async get(id: string): Promise<Alert | undefined> {
    const row = this.#sql(GET_SQL).get(id);
    return row && toAlert(row as Row);
  }

  async list(orgId: string, query: AlertListQuery): Promise<Alert[]> {
    const { sql, args } = listSql(orgId, query);
    return this.#sql(sql).all(...args).map((row) => toAlert(row as Row));
  }

  async withdraw(id: string, orgId: string, at: string): Promise<Alert | undefined> {
    this.#sql(WITHDRAW_SQL).run(at, id, orgId);
    const alert = await this.get(id);
    return alert?.orgId === orgId ? alert : undefined;
  }

  async active(now: string, gtin?: string): Promise<Alert[]> {
    return this.#sql(ACTIVE_SQL).all(now, gtin ?? null).map((row) => toAlert(row as Row));
  }
}
