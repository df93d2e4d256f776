/**
 * Retrying and discarding failed batches on SQLite (postgres-failed-batches.ts is the twin). Each is one
 * BEGIN IMMEDIATE transaction that first reads the batch's state and claim, so a retry and a discard (or two
 * of either) never both go ahead, and neither while an instance's worker still holds the batch.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Address, Hex } from "viem";
import { toBatch, type Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import type { Batch, FailedBatchRefusal } from "./types.ts";

type Locked = Row & { seq: number; org_id: string; requested_serials: string | null; generated: number };

export class FailedBatches {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #transaction: <T>(work: () => T) => T;

  /** Needs the store's tables made: batches (with its claim columns), items, tree pages, idempotency. */
  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    this.#sql = statementCache(db);
    this.#transaction = transaction;
  }

  retry(id: Hex, signer: Address): { batch: Batch } | { refused: FailedBatchRefusal } {
    return this.#transaction(() => {
      const found = this.#failed(id);
      if ("refused" in found) return found;
      const { seq, requested_serials: requested, generated } = found.row;
      // The serials made so far are kept (a brand's own list is kept as it is): a retry issues the same ones.
      const kept =
        requested === null && Number(generated) > 0
          ? JSON.stringify(this.#sql("SELECT serial FROM items WHERE batch_seq = ? ORDER BY idx").all(seq).map((row) => row.serial))
          : requested;
      this.#deleteIssued(id, seq);
      this.#sql(
        `UPDATE batches SET state = 'generating', generated = 0, merkle_root = NULL, transaction_hash = NULL, raw_transaction = NULL,
           block_number = NULL, error = NULL, confirmed_at = NULL, signer = ?, requested_serials = ?, claimed_by = NULL, claim_expires_at = NULL
         WHERE id = ?`,
      ).run(signer, kept, id);
      return { batch: toBatch(this.#sql("SELECT * FROM batches WHERE id = ?").get(id) as Row) };
    });
  }

  discard(id: Hex): { discarded: true } | { refused: FailedBatchRefusal } {
    return this.#transaction(() => {
      const found = this.#failed(id);
      if ("refused" in found) return found;
      this.#deleteIssued(id, found.row.seq);
      // A replay of the request that made the batch would answer with a batch that is gone.
      this.#sql("DELETE FROM idempotency WHERE org_id = ? AND json_extract(body, '$.id') = ?").run(found.row.org_id, id);
      this.#sql("DELETE FROM batches WHERE id = ?").run(id);
      return { discarded: true as const };
    });
  }

  /** The batch's row when it is failed and unclaimed (or its claim has run out); else why not. */
  #failed(id: Hex): { row: Locked } | { refused: FailedBatchRefusal } {
    const row = this.#sql("SELECT * FROM batches WHERE id = ?").get(id) as Locked | undefined;
    if (row === undefined || row.state !== "failed") return { refused: "not-failed" };
    if (row.claimed_by !== null && Number(row.claim_expires_at) > Date.now()) return { refused: "claimed" };
    return { row };
  }

  #deleteIssued(id: Hex, seq: number): void {
    this.#sql("DELETE FROM items WHERE batch_seq = ?").run(seq);
    this.#sql("DELETE FROM tree_pages WHERE batch_id = ?").run(id);
  }
}
