/** Brands' countries, GS1 company prefixes and label hosts on PostgreSQL (the SQLite twin explains them: sqlite-brand-tables.ts). */
import type { BrandStore } from "./types.ts";
import type { Database } from "../../../store/postgres/database.ts";

export class PgBrandTables implements BrandStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async setBrandCountry(orgId: string, country: string | undefined): Promise<void> {
    await this.#db.query("INSERT INTO brand_profiles (org_id, country) VALUES ($1, $2) ON CONFLICT (org_id) DO UPDATE SET country = excluded.country", [orgId, country ?? null]);
  }

  async brandCountry(orgId: string): Promise<string | undefined> {
    const row = await this.#db.one<{ country: string | null }>("SELECT country FROM brand_profiles WHERE org_id = $1", [orgId]);
    return row?.country ?? undefined;
  }

  /** Gives the prefix to a brand (or moves it there). */
  async setPrefixHolder(prefix: string, orgId: string, at: string): Promise<void> {
    await this.#db.query(
      "INSERT INTO brand_prefixes (prefix, org_id, assigned_at) VALUES ($1, $2, $3) ON CONFLICT (prefix) DO UPDATE SET org_id = excluded.org_id, assigned_at = excluded.assigned_at",
      [prefix, orgId, at],
    );
  }

  async removePrefix(prefix: string): Promise<void> {
    await this.#db.query("DELETE FROM brand_prefixes WHERE prefix = $1", [prefix]);
  }

  async prefixHolder(prefix: string): Promise<string | undefined> {
    return (await this.#db.one<{ org_id: string }>("SELECT org_id FROM brand_prefixes WHERE prefix = $1", [prefix]))?.org_id;
  }

  async listPrefixes(orgId: string): Promise<string[]> {
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    return (await this.#db.query<{ prefix: string }>(`SELECT prefix FROM brand_prefixes WHERE org_id = $1 ORDER BY prefix COLLATE "C"`, [orgId])).map((r) => r.prefix);
  }

  async addLabelDomain(orgId: string, host: string, at: string): Promise<void> {
    await this.#db.query("INSERT INTO brand_label_domains (org_id, host, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [orgId, host, at]);
  }

  async removeLabelDomain(orgId: string, host: string): Promise<void> {
    await this.#db.query("DELETE FROM brand_label_domains WHERE org_id = $1 AND host = $2", [orgId, host]);
  }

  async listLabelDomains(orgId: string): Promise<string[]> {
    return (await this.#db.query<{ host: string }>(`SELECT host FROM brand_label_domains WHERE org_id = $1 ORDER BY host COLLATE "C"`, [orgId])).map((r) => r.host);
  }
}
