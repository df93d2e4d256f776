/**
 * Batch claims on PostgreSQL (migration 0002_batch_claims.sql): a lease in two columns of `batches`,
 * `claimed_by` and `claim_expires_at`, always compared with and set from the database's `now()`, so
 * that instances on machines whose clocks disagree still agree on who holds a batch.
 *
 * A claim is one statement: the subquery picks the oldest claimable batch `FOR UPDATE SKIP LOCKED` and the
 * UPDATE around it writes the claim, in one implicit transaction. SKIP LOCKED makes a second instance
 * claiming at the same moment pass over the row the first has locked and take the next one; a plain FOR
 * UPDATE would wait for the first, then find the row claimed and return nothing at all.
 */
import type { Hex } from "viem";
import { BATCH_ROW, toBatch } from "../../../store/rows.ts";
import { UNFINISHED_BATCH_STATES, type Batch } from "./types.ts";
import type { Database } from "../../../store/postgres/database.ts";

const UNFINISHED = UNFINISHED_BATCH_STATES.map((state) => `'${state}'`).join(", ");
const LEASE_END = "now() + $2::double precision * interval '1 millisecond'";

export class PgBatchClaims {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async claim(owner: string, leaseMs: number): Promise<Batch | undefined> {
    const row = await this.#db.one(
      `UPDATE batches SET claimed_by = $1, claim_expires_at = ${LEASE_END}
       WHERE id = (
         SELECT id FROM batches
         WHERE state IN (${UNFINISHED}) AND (claimed_by IS NULL OR claimed_by = $1 OR claim_expires_at <= now())
         ORDER BY claimed_by IS NOT DISTINCT FROM $1 DESC, created_at, seq
         LIMIT 1
         FOR UPDATE SKIP LOCKED
       )
       RETURNING ${BATCH_ROW}`,
      [owner, leaseMs],
    );
    return row && toBatch(row);
  }

  async renew(id: Hex, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.#db.query(`UPDATE batches SET claim_expires_at = ${LEASE_END} WHERE id = $3 AND claimed_by = $1 RETURNING id`, [owner, leaseMs, id]);
    return rows.length === 1;
  }

  async release(id: Hex, owner: string): Promise<void> {
    await this.#db.query("UPDATE batches SET claimed_by = NULL, claim_expires_at = NULL WHERE id = $1 AND claimed_by = $2", [id, owner]);
  }
}
