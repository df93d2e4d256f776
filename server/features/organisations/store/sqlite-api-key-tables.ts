/**
 * API keys as stored: the SHA-256 of the secret (never the secret), the organisation, an optional label,
 * when it was made and last used, and from when it is refused. A key's id is the first 16 hex digits of
 * its hash: stable, safe to show, and needing no column of its own in databases made before ids existed.
 */
import type { DatabaseSync } from "node:sqlite";
import { opt, type Row } from "../../../store/rows.ts";
import type { ApiKeyRecord, ApiKeyStore } from "./types.ts";
import { statementCache } from "../../../store/statements.ts";


export const apiKeyIdOf = (hash: string): string => hash.slice(0, 16);

/** Columns the first `api_keys` table lacked, added in place (SQLite adds nullable columns without a rebuild). */
const ADDED_COLUMNS = { label: "TEXT", last_used_at: "TEXT", revoked_at: "TEXT" } as const;

const COLUMNS = "key_hash, org_id, label, created_at, last_used_at, revoked_at";

/** A row of `api_keys`, from either store. */
export function toApiKeyRecord(r: Row): ApiKeyRecord {
  return {
    id: apiKeyIdOf(r.key_hash as string),
    orgId: r.org_id as string,
    label: opt<string>(r.label),
    createdAt: r.created_at as string,
    lastUsedAt: opt<string>(r.last_used_at),
    revokedAt: opt<string>(r.revoked_at),
  };
}

export class ApiKeyTables implements ApiKeyStore {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #transaction: <T>(work: () => T) => T;

  /** Needs the `api_keys` table made (the store's schema); adds the columns it lacks. */
  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    const present = new Set(db.prepare("SELECT name FROM pragma_table_info('api_keys')").all().map((row) => String(row.name)));
    for (const [column, type] of Object.entries(ADDED_COLUMNS)) {
      if (!present.has(column)) db.exec(`ALTER TABLE api_keys ADD COLUMN ${column} ${type}`);
    }
    db.exec("CREATE INDEX IF NOT EXISTS api_keys_by_org ON api_keys (org_id, created_at)");
    this.#sql = statementCache(db);
    this.#transaction = transaction;
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.#sql(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`).get(hash);
    return row && toApiKeyRecord(row as Row);
  }

  /** Oldest first. */
  async list(orgId: string): Promise<ApiKeyRecord[]> {
    return this.#sql(`SELECT ${COLUMNS} FROM api_keys WHERE org_id = ? ORDER BY created_at, key_hash`)
      .all(orgId)
      .map((r) => toApiKeyRecord(r as Row));
  }

  async get(orgId: string, id: string): Promise<ApiKeyRecord | undefined> {
    const row = this.#sql(`SELECT ${COLUMNS} FROM api_keys WHERE org_id = ? AND substr(key_hash, 1, 16) = ?`).get(orgId, id);
    return row && toApiKeyRecord(row as Row);
  }

  async touch(hash: string, at: string): Promise<void> {
    this.#sql("UPDATE api_keys SET last_used_at = ? WHERE key_hash = ?").run(at, hash);
  }

  /** Refuses (false) to revoke the organisation's last key not revoked, checked in the same transaction as the write. */
  async revoke(orgId: string, id: string, at: string): Promise<boolean> {
    return this.#transaction(() => {
      const others = this.#sql("SELECT COUNT(*) AS n FROM api_keys WHERE org_id = ? AND substr(key_hash, 1, 16) != ? AND revoked_at IS NULL").get(orgId, id)!;
      if (Number(others.n) === 0) return false;
      this.#revoke(orgId, id, at);
      return true;
    });
  }

  #revoke(orgId: string, id: string, at: string): number {
    return Number(this.#sql("UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND substr(key_hash, 1, 16) = ?").run(at, orgId, id).changes);
  }

  /**
   * A new key for the organisation and the old one's end, in one transaction: never both or neither valid by
   * accident, and never two successors of one key (false when the old key was revoked or rotated already).
   */
  async replace(params: { orgId: string; oldId: string; newHash: string; label: string | undefined; createdAt: string; oldRevokedAt: string }): Promise<boolean> {
    return this.#transaction(() => {
      const old = this.#sql("SELECT revoked_at FROM api_keys WHERE org_id = ? AND substr(key_hash, 1, 16) = ?").get(params.orgId, params.oldId);
      if (old === undefined || old.revoked_at !== null) return false;
      this.#sql("INSERT INTO api_keys (key_hash, org_id, label, created_at) VALUES (?, ?, ?, ?)").run(params.newHash, params.orgId, params.label ?? null, params.createdAt);
      this.#revoke(params.orgId, params.oldId, params.oldRevokedAt);
      return true;
    });
  }
}
