/** API keys on PostgreSQL (the SQLite twin explains them: sqlite-api-key-tables.ts). */
import type { ApiKeyRecord } from "./types.ts";
import { apiKeyIdOf, toApiKeyRecord } from "./sqlite-api-key-tables.ts";
import type { ApiKeyStore } from "./types.ts";
import type { Database } from "../../../store/postgres/database.ts";

const COLUMNS = "key_hash, org_id, label, created_at, last_used_at, revoked_at";

export class PgApiKeyTables implements ApiKeyStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.#db.one(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [hash]);
    return row && toApiKeyRecord(row);
  }

  /** Oldest first. */
  async list(orgId: string): Promise<ApiKeyRecord[]> {
    return (await this.#db.query(`SELECT ${COLUMNS} FROM api_keys WHERE org_id = $1 ORDER BY created_at, key_hash COLLATE "C"`, [orgId])).map(toApiKeyRecord);
  }

  async get(orgId: string, id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.#db.one(`SELECT ${COLUMNS} FROM api_keys WHERE org_id = $1 AND substr(key_hash, 1, 16) = $2`, [orgId, id]);
    return row && toApiKeyRecord(row);
  }

  async touch(hash: string, at: string): Promise<void> {
    await this.#db.query("UPDATE api_keys SET last_used_at = $1 WHERE key_hash = $2", [at, hash]);
  }

  /** Refuses (false) to revoke the organisation's last key not revoked; the org's keys are locked meanwhile. */
  async revoke(orgId: string, id: string, at: string): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const keys = await tx.query("SELECT key_hash, revoked_at FROM api_keys WHERE org_id = $1 FOR UPDATE", [orgId]);
      if (!keys.rows.some((r) => r.revoked_at === null && apiKeyIdOf(r.key_hash as string) !== id)) return false;
      await tx.query("UPDATE api_keys SET revoked_at = $1 WHERE org_id = $2 AND substr(key_hash, 1, 16) = $3", [at, orgId, id]);
      return true;
    });
  }

  /**
   * A new key for the organisation and the old one's end, in one transaction: never both or neither valid by
   * accident, and never two successors of one key (false when the old key was revoked or rotated already).
   */
  async replace(params: { orgId: string; oldId: string; newHash: string; label: string | undefined; createdAt: string; oldRevokedAt: string }): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const old = await tx.query("SELECT revoked_at FROM api_keys WHERE org_id = $1 AND substr(key_hash, 1, 16) = $2 FOR UPDATE", [params.orgId, params.oldId]);
      if (old.rows[0] === undefined || old.rows[0].revoked_at !== null) return false;
      await tx.query("INSERT INTO api_keys (key_hash, org_id, label, created_at) VALUES ($1, $2, $3, $4)", [params.newHash, params.orgId, params.label ?? null, params.createdAt]);
      await tx.query("UPDATE api_keys SET revoked_at = $1 WHERE org_id = $2 AND substr(key_hash, 1, 16) = $3", [params.oldRevokedAt, params.orgId, params.oldId]);
      return true;
    });
  }
}
