/**
 * What the registrar has said about each brand beyond its admission, as this service asked the chain to
 * record it: the brand's country, its GS1 company prefixes and the hosts its labels may point to. The chain
 * is the record; these rows are the service's intent, which `ensureBrandOnChain` applies again to a reset
 * local chain (as it does for signers).
 */
import type { DatabaseSync } from "node:sqlite";
import { statementCache } from "../../../store/statements.ts";
import type { BrandStore } from "./types.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS brand_profiles (
  org_id TEXT PRIMARY KEY REFERENCES organisations(id),
  country TEXT
);
CREATE TABLE IF NOT EXISTS brand_prefixes (
  prefix TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  assigned_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS brand_prefixes_by_org ON brand_prefixes (org_id, prefix);
CREATE TABLE IF NOT EXISTS brand_label_domains (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  host TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (org_id, host)
) WITHOUT ROWID;
`;

export class BrandTables implements BrandStore {
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.#sql = statementCache(db);
  }

  async setBrandCountry(orgId: string, country: string | undefined): Promise<void> {
    this.#sql("INSERT INTO brand_profiles (org_id, country) VALUES (?, ?) ON CONFLICT (org_id) DO UPDATE SET country = excluded.country").run(
      orgId,
      country ?? null,
    );
  }

  async brandCountry(orgId: string): Promise<string | undefined> {
    const row = this.#sql("SELECT country FROM brand_profiles WHERE org_id = ?").get(orgId);
    return row?.country == null ? undefined : String(row.country);
  }

  /** Gives the prefix to a brand (or moves it there). */
  async setPrefixHolder(prefix: string, orgId: string, at: string): Promise<void> {
    this.#sql("INSERT INTO brand_prefixes (prefix, org_id, assigned_at) VALUES (?, ?, ?) ON CONFLICT (prefix) DO UPDATE SET org_id = excluded.org_id, assigned_at = excluded.assigned_at").run(
      prefix,
      orgId,
      at,
    );
  }

  async removePrefix(prefix: string): Promise<void> {
    this.#sql("DELETE FROM brand_prefixes WHERE prefix = ?").run(prefix);
  }

  async prefixHolder(prefix: string): Promise<string | undefined> {
    const row = this.#sql("SELECT org_id FROM brand_prefixes WHERE prefix = ?").get(prefix);
    return row === undefined ? undefined : String(row.org_id);
  }

  async listPrefixes(orgId: string): Promise<string[]> {
    return this.#sql("SELECT prefix FROM brand_prefixes WHERE org_id = ? ORDER BY prefix").all(orgId).map((row) => String(row.prefix));
  }

  async addLabelDomain(orgId: string, host: string, at: string): Promise<void> {
    this.#sql("INSERT OR IGNORE INTO brand_label_domains (org_id, host, added_at) VALUES (?, ?, ?)").run(orgId, host, at);
  }

  async removeLabelDomain(orgId: string, host: string): Promise<void> {
    this.#sql("DELETE FROM brand_label_domains WHERE org_id = ? AND host = ?").run(orgId, host);
  }

  async listLabelDomains(orgId: string): Promise<string[]> {
    return this.#sql("SELECT host FROM brand_label_domains WHERE org_id = ? ORDER BY host").all(orgId).map((row) => String(row.host));
  }
}
