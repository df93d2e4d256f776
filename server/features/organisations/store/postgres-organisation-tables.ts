/** Organisations and their chain accounts on PostgreSQL (the SQLite store, ../sqlite-store.ts, is the twin). */
import type { Address } from "viem";
import type { Account, Organisation } from "./types.ts";
import type { Database } from "../../../store/postgres/database.ts";
import { toAccount, toOrganisation } from "../../../store/rows.ts";

const ORGANISATION_COLUMNS = "id, name, kind, brand_id, parent_id, metadata_uri, created_at";
const ACCOUNT_COLUMNS = "address, org_id, role, encrypted_key, created_at, removed_at";

/** `run` is the pool's or a transaction's query. */
const insertAccount = (run: (sql: string, values: unknown[]) => Promise<unknown>, a: Account) =>
  run(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [a.address, a.orgId, a.role, a.encryptedKey, a.createdAt, a.removedAt ?? null]);

export class PgOrganisationTables {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** The organisation, its accounts and its first API key, in one transaction. */
  createOrganisation(org: Organisation, accounts: Account[], apiKeyHash: string): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await tx.query(`INSERT INTO organisations (${ORGANISATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        org.id,
        org.name,
        org.kind,
        org.brandId ?? null,
        org.parentId ?? null,
        org.metadataUri,
        org.createdAt,
      ]);
      for (const account of accounts) await insertAccount((sql, values) => tx.query(sql, values), account);
      await tx.query("INSERT INTO api_keys (key_hash, org_id, created_at) VALUES ($1, $2, $3)", [apiKeyHash, org.id, org.createdAt]);
    });
  }

  async getOrganisation(id: string): Promise<Organisation | undefined> {
    const row = await this.#db.one(`SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = $1`, [id]);
    return row && toOrganisation(row);
  }

  async findOrganisationByName(name: string): Promise<Organisation | undefined> {
    const row = await this.#db.one(`SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE name = $1`, [name]);
    return row && toOrganisation(row);
  }

  async findOrganisationByApiKeyHash(hash: string): Promise<Organisation | undefined> {
    const row = await this.#db.one("SELECT o.* FROM api_keys k JOIN organisations o ON o.id = k.org_id WHERE k.key_hash = $1", [hash]);
    return row && toOrganisation(row);
  }

  async listOrganisations(): Promise<Organisation[]> {
    return (await this.#db.query(`SELECT ${ORGANISATION_COLUMNS} FROM organisations ORDER BY created_at, seq`)).map(toOrganisation);
  }

  async addAccount(account: Account): Promise<void> {
    await insertAccount((sql, values) => this.#db.query(sql, values), account);
  }

  async listAccounts(orgId: string): Promise<Account[]> {
    return (await this.#db.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE org_id = $1 ORDER BY created_at, seq`, [orgId])).map(toAccount);
  }

  async getAccount(address: Address): Promise<Account | undefined> {
    const row = await this.#db.one(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE address = $1`, [address]);
    return row && toAccount(row);
  }

  async markAccountRemoved(address: Address, removedAt: string): Promise<void> {
    await this.#db.query("UPDATE accounts SET removed_at = $1 WHERE address = $2", [removedAt, address]);
  }
}
