/**
 * Retrying and discarding failed batches on PostgreSQL (sqlite-failed-batches.ts is the twin). Each is one
 * transaction that first locks the batch's row (FOR UPDATE) and reads its state and claim, so a retry and a
 * discard (or two of either, from any instances) never both go ahead, and neither while an instance's
 * worker still holds the batch. The claim is compared with the database's clock, as claims are made.
 */
import type pg from "pg";
import type { Address, Hex } from "viem";
import type { Database } from "../../../store/postgres/database.ts";
import { toBatch, type Row } from "../../../store/rows.ts";
import type { Batch, FailedBatchRefusal } from "./types.ts";

type Locked = Row & { seq: string; org_id: string; requested_serials: string | null; generated: number };

export class PgFailedBatches {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  retry(id: Hex, signer: Address): Promise<{ batch: Batch } | { refused: FailedBatchRefusal }> {
    return this.#db.transaction(async (tx) => {
      const found = await failed(tx, id);
      if ("refused" in found) return found;
      const { seq, requested_serials: requested, generated } = found.row;
      // The serials made so far are kept (a brand's own list is kept as it is): a retry issues the same ones.
      const kept =
        requested === null && generated > 0
          ? JSON.stringify((await tx.query<{ serial: string }>("SELECT serial FROM items WHERE batch_seq = $1 ORDER BY idx", [seq])).rows.map((row) => row.serial))
          : requested;
      await deleteIssued(tx, id, seq);
      const { rows } = await tx.query(
        `UPDATE batches SET state = 'generating', generated = 0, merkle_root = NULL, transaction_hash = NULL, raw_transaction = NULL,
           block_number = NULL, error = NULL, confirmed_at = NULL, signer = $1, requested_serials = $2, claimed_by = NULL, claim_expires_at = NULL
         WHERE id = $3 RETURNING *`,
        [signer, kept, id],
      );
      return { batch: toBatch(rows[0]!) };
    });
  }

  discard(id: Hex): Promise<{ discarded: true } | { refused: FailedBatchRefusal }> {
    return this.#db.transaction(async (tx) => {
      const found = await failed(tx, id);
      if ("refused" in found) return found;
      await deleteIssued(tx, id, found.row.seq);
      // A replay of the request that made the batch would answer with a batch that is gone.
      await tx.query("DELETE FROM idempotency WHERE org_id = $1 AND (body::jsonb ->> 'id') = $2", [found.row.org_id, id]);
      await tx.query("DELETE FROM batches WHERE id = $1", [id]);
      return { discarded: true as const };
    });
  }
}

/** The batch's row, locked, when it is failed and unclaimed (or its claim has run out); else why not. */
async function failed(tx: pg.PoolClient, id: Hex): Promise<{ row: Locked } | { refused: FailedBatchRefusal }> {
  const { rows } = await tx.query<Locked & { claimed: boolean }>(
    "SELECT *, (claimed_by IS NOT NULL AND claim_expires_at > now()) AS claimed FROM batches WHERE id = $1 FOR UPDATE",
    [id],
  );
  const row = rows[0];
  if (row === undefined || row.state !== "failed") return { refused: "not-failed" };
  if (row.claimed) return { refused: "claimed" };
  return { row };
}

async function deleteIssued(tx: pg.PoolClient, id: Hex, seq: string): Promise<void> {
  await tx.query("DELETE FROM items WHERE batch_seq = $1", [seq]);
  await tx.query("DELETE FROM tree_pages WHERE batch_id = $1", [id]);
}
