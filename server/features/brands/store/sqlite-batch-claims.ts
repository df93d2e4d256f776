/**
 * Batch claims on SQLite: the same lease as on PostgreSQL (postgres-batch-claims.ts), in two columns of
 * `batches`, `claimed_by` and `claim_expires_at` (ms since the epoch). A SQLite file has one writer, and a
 * claim is read and written in one BEGIN IMMEDIATE transaction, so no two owners can take one batch.
 *
 * A SQLite file serves one process (one `npm start` per data folder: scripts/data-folder-lock.ts), so a claim
 * found when the file is opened was left by a process that is gone: it is cleared then, and a restart after a
 * crash resumes at once instead of waiting out the dead process's lease.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Hex } from "viem";
import { BATCH_ROW, toBatch, type Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import { UNFINISHED_BATCH_STATES, type Batch } from "./types.ts";

const ADDED_COLUMNS = { claimed_by: "TEXT", claim_expires_at: "INTEGER" } as const;
const UNFINISHED = UNFINISHED_BATCH_STATES.map((state) => `'${state}'`).join(", ");

export class BatchClaims {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #transaction: <T>(work: () => T) => T;

  /** Needs the `batches` table made (the store's schema); adds the columns it lacks. */
  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    const present = new Set(db.prepare("SELECT name FROM pragma_table_info('batches')").all().map((row) => String(row.name)));
    for (const [column, type] of Object.entries(ADDED_COLUMNS)) {
      if (!present.has(column)) db.exec(`ALTER TABLE batches ADD COLUMN ${column} ${type}`);
    }
    db.exec("UPDATE batches SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by IS NOT NULL");
    this.#sql = statementCache(db);
    this.#transaction = transaction;
  }

  claim(owner: string, leaseMs: number): Batch | undefined {
    return this.#transaction(() => {
      const now = Date.now();
      const row = this.#sql(
        `SELECT ${BATCH_ROW} FROM batches
         WHERE state IN (${UNFINISHED}) AND (claimed_by IS NULL OR claimed_by = ? OR claim_expires_at <= ?)
         ORDER BY claimed_by IS ? DESC, created_at, rowid
         LIMIT 1`,
      ).get(owner, now, owner);
      if (row === undefined) return undefined;
      this.#sql("UPDATE batches SET claimed_by = ?, claim_expires_at = ? WHERE id = ?").run(owner, now + leaseMs, row.id as string);
      return toBatch(row as Row);
    });
  }

  renew(id: Hex, owner: string, leaseMs: number): boolean {
    return this.#sql("UPDATE batches SET claim_expires_at = ? WHERE id = ? AND claimed_by = ?").run(Date.now() + leaseMs, id, owner).changes === 1;
  }

  release(id: Hex, owner: string): void {
    this.#sql("UPDATE batches SET claimed_by = NULL, claim_expires_at = NULL WHERE id = ? AND claimed_by = ?").run(id, owner);
  }
}
