/**
 * Batches, their items and idempotent responses on PostgreSQL (the SQLite store, ../sqlite-store.ts, is the
 * twin). Items are read a page at a time by their index (keyset paging), so a large batch never sits in
 * memory as rows. Items keep no leaf (migration 0006): it is computed from the batch and serial when read.
 */
import type { Hex } from "viem";
import type { Batch, BatchState, IdempotentResponse, IssuedItem, NewBatch, StoredItem } from "./types.ts";
import { itemLeaf } from "./item-leaves.ts";
import { copyItems } from "./postgres-copy-items.ts";
import { jsonListText, parseJsonList } from "../serial-list-json.ts";
import { leavesOfSerials } from "../trees/tree-builder.ts";
import type { Database } from "../../../store/postgres/database.ts";
import { BATCH_COLUMNS, BATCH_ROW, batchRowOf, toBatch, toIssuedItem, toItem, type Row } from "../../../store/rows.ts";

/** Rows per read when a whole batch's leaves or serials are gathered. */
const READ_PAGE = 50_000;


export class PgBatchTables {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** The batch and, when given, the idempotent response, in one transaction. */
  /** Undefined, writing nothing, when the batch id or the idempotency key is taken (checked by the inserts themselves). */
  async createBatch(batch: NewBatch, idempotency?: { orgId: string; key: string; response: IdempotentResponse }): Promise<Batch | undefined> {
    const createdAt = new Date().toISOString();
    const serials = batch.serials && (await jsonListText(batch.serials));
    const taken = Symbol("taken");
    try {
      return await this.#db.transaction(async (tx) => {
        if (idempotency) {
          const { orgId, key, response } = idempotency;
          const kept = await tx.query(
            "INSERT INTO idempotency (org_id, key, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            [orgId, key, response.requestHash, response.status, JSON.stringify(response.body), createdAt],
          );
          if (kept.rowCount === 0) throw taken;
        }
        const { rows } = await tx.query(
          `INSERT INTO batches (id, org_id, brand_id, gtin, lot, expiry, quantity, metadata_uri, requested_serials, state, signer, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'generating', $10, $11) ON CONFLICT (id) DO NOTHING RETURNING ${BATCH_ROW}`,
          [
            batch.id,
            batch.orgId,
            batch.brandId,
            batch.gtin,
            batch.lot,
            batch.expiry ?? null,
            batch.quantity,
            batch.metadataUri,
            serials ?? null,
            batch.signer,
            createdAt,
          ],
        );
        // Thrown, not returned, so that the idempotency row written above is rolled back with it.
        if (rows[0] === undefined) throw taken;
        return toBatch(rows[0]);
      });
    } catch (error) {
      if (error === taken) return undefined;
      throw error;
    }
  }

  async getBatch(id: Hex): Promise<Batch | undefined> {
    const row = await this.#db.one(`SELECT ${BATCH_ROW} FROM batches WHERE id = $1`, [id]);
    return row && toBatch(row);
  }

  async listBatches(orgId: string): Promise<Batch[]> {
    return (await this.#db.query(`SELECT ${BATCH_ROW} FROM batches WHERE org_id = $1 ORDER BY created_at DESC, seq DESC`, [orgId])).map(toBatch);
  }

  async listBatchesInState(...states: BatchState[]): Promise<Batch[]> {
    return (await this.#db.query(`SELECT ${BATCH_ROW} FROM batches WHERE state = ANY($1::text[]) ORDER BY created_at, seq`, [states])).map(toBatch);
  }

  async countBatchesByState(): Promise<Record<BatchState, number>> {
    const counts: Record<BatchState, number> = { generating: 0, anchoring: 0, submitted: 0, confirmed: 0, failed: 0 };
    for (const row of await this.#db.query("SELECT state, COUNT(*) AS n FROM batches GROUP BY state")) counts[row.state as BatchState] = row.n as number;
    return counts;
  }

  async requestedSerials(batchId: Hex): Promise<string[] | undefined> {
    const row = await this.#db.one<{ requested_serials: string | null }>("SELECT requested_serials FROM batches WHERE id = $1", [batchId]);
    const text = row?.requested_serials;
    return typeof text === "string" ? await parseJsonList(text) : undefined;
  }

  /** The items (by COPY) and the batch's `generated` count, in one transaction: both or neither. */
  appendItems(batchId: Hex, items: readonly StoredItem[]): Promise<void> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ seq: string | number }>("SELECT seq FROM batches WHERE id = $1", [batchId]);
      if (rows[0] === undefined) throw new Error(`No batch ${batchId} to add items to`);
      await copyItems(tx, String(rows[0].seq), items);
      await tx.query("UPDATE batches SET generated = generated + $1 WHERE id = $2", [items.length, batchId]);
    });
  }

  async storedSerials(batchId: Hex): Promise<Set<string>> {
    const serials = new Set<string>();
    for await (const page of this.#pages<{ idx: number; serial: string }>("idx, serial", batchId, READ_PAGE)) for (const row of page) serials.add(row.serial);
    return serials;
  }

  /** Computed from the serials on the tree thread: three keccak-256 per item, seconds for a million. */
  async leaves(batchId: Hex): Promise<Uint8Array> {
    const batch = await this.getBatch(batchId);
    if (batch === undefined) return new Uint8Array(0);
    const serials: string[] = [];
    for await (const page of this.#pages<{ idx: number; serial: string }>("idx, serial", batchId, READ_PAGE)) for (const row of page) serials.push(row.serial);
    return leavesOfSerials(batch, serials);
  }

  async *iterateItems(batchId: Hex, chunkSize = 1_000): AsyncGenerator<IssuedItem[]> {
    for await (const page of this.#pages("idx, serial, signature", batchId, chunkSize)) yield page.map(toIssuedItem);
  }

  /** The batch's item rows in index order, `size` at a time. */
  async *#pages<R extends Row & { idx: number }>(columns: string, batchId: Hex, size: number): AsyncGenerator<R[]> {
    for (let from = 0; ; ) {
      const rows = await this.#db.query<R>(`SELECT ${columns} FROM items WHERE batch_seq = (SELECT seq FROM batches WHERE id = $1) AND idx >= $2 ORDER BY idx LIMIT $3`, [batchId, from, size]);
      if (rows.length === 0) return;
      yield rows;
      from = rows.at(-1)!.idx + 1;
    }
  }

  async findItem(brandId: Hex, gtin: string, lot: string, serial: string): Promise<{ batch: Batch; item: StoredItem } | undefined> {
    return (await this.findItems(gtin, lot, serial)).find(({ batch }) => batch.brandId.toLowerCase() === brandId.toLowerCase());
  }

  async findItems(gtin: string, lot: string, serial: string): Promise<Array<{ batch: Batch; item: StoredItem }>> {
    // The key written as the items_serial constraint's index has it, so that this reads that index.
    const rows = await this.#db.query(
      `SELECT ${batchRowOf("b")}, i.idx, i.serial, i.signature FROM batches b
       JOIN items i ON ROW(i.batch_seq, i.serial)::item_key = ROW(b.seq, $1)::item_key
       WHERE b.gtin = $2 AND b.lot = $3 ORDER BY b.created_at, b.seq`,
      [serial, gtin, lot],
    );
    return rows.map((row) => {
      const batch = toBatch(row);
      return { batch, item: { ...toIssuedItem(row), leaf: itemLeaf(batch, row.serial as string) } };
    });
  }

  async updateBatch(id: Hex, changes: Partial<Omit<Batch, "id" | "orgId">>): Promise<void> {
    const entries = Object.entries(changes).filter(([key]) => BATCH_COLUMNS[key as keyof Batch] !== undefined);
    if (entries.length === 0) return;
    const sets = entries.map(([key], i) => `${BATCH_COLUMNS[key as keyof Batch]} = $${i + 1}`).join(", ");
    const values = entries.map(([, value]) => (value === undefined ? null : value));
    await this.#db.query(`UPDATE batches SET ${sets} WHERE id = $${entries.length + 1}`, [...values, id]);
  }

  async getIdempotentResponse(orgId: string, key: string): Promise<IdempotentResponse | undefined> {
    const row = await this.#db.one("SELECT request_hash, status, body FROM idempotency WHERE org_id = $1 AND key = $2", [orgId, key]);
    if (!row) return undefined;
    return { requestHash: row.request_hash as string, status: row.status as number, body: JSON.parse(row.body as string) };
  }
}
