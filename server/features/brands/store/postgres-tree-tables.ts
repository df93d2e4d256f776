/**
 * Batches' Merkle trees on PostgreSQL, as pages (see ../../trees/stored-tree.ts); the SQLite twin is
 * sqlite-tree-tables.ts. A proof is three round trips: its `ranks` page, the `top` and `order` pages on its path
 * in one query, and the serials of the few leaves below the top in one query (their leaves are computed).
 */
import type { Hex } from "viem";
import { proofFromStorage, treePages, type PageKey, type StoredTree, type TreePage, type TreePageReader } from "../trees/stored-tree.ts";
import { BATCH_ROW, toBatch } from "../../../store/rows.ts";
import { itemLeaf } from "./item-leaves.ts";
import type { Batch, TreeStore } from "./types.ts";
import type { Database } from "../../../store/postgres/database.ts";

/** Rows per INSERT: a 1,000,000-item batch has about 12,000 pages. */
const ROWS_PER_INSERT = 2_000;

export class PgTreeTables implements TreeStore, TreePageReader {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  save(batchId: Hex, tree: StoredTree): Promise<void> {
    const pages = treePages(tree);
    return this.#db.transaction(async (tx) => {
      await tx.query("DELETE FROM tree_pages WHERE batch_id = $1", [batchId]);
      for (let at = 0; at < pages.length; at += ROWS_PER_INSERT) {
        const rows = pages.slice(at, at + ROWS_PER_INSERT);
        await tx.query("INSERT INTO tree_pages (batch_id, part, page, data) SELECT $1, * FROM unnest($2::smallint[], $3::int[], $4::bytea[])", [
          batchId,
          rows.map((row) => row.part),
          rows.map((row) => row.page),
          rows.map((row) => Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
        ]);
      }
    });
  }

  proof(batchId: Hex, size: number, index: number): Promise<Hex[] | undefined> {
    return proofFromStorage(this, batchId, size, index);
  }

  async batchesWithoutTree(): Promise<Batch[]> {
    const rows = await this.#db.query(
      `SELECT ${BATCH_ROW} FROM batches b WHERE state IN ('anchoring', 'submitted', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM tree_pages t WHERE t.batch_id = b.id AND t.part = 1 AND t.page = 0) ORDER BY created_at, seq`,
    );
    return rows.map(toBatch);
  }

  async pages(batchId: Hex, wanted: readonly PageKey[]): Promise<TreePage[]> {
    if (wanted.length === 0) return [];
    const rows = await this.#db.query<{ part: number; page: number; data: Buffer }>(
      "SELECT part, page, data FROM tree_pages WHERE batch_id = $1 AND (part, page) IN (SELECT * FROM unnest($2::smallint[], $3::int[]))",
      [batchId, wanted.map((key) => key.part), wanted.map((key) => key.page)],
    );
    return rows.map(({ part, page, data }) => ({ part, page, data }));
  }

  /** Computed from the items' serials (migration 0006): a proof needs at most 16, a few tens of microseconds of hashing. */
  async leaves(batchId: Hex, indexes: readonly number[]): Promise<Map<number, Uint8Array>> {
    if (indexes.length === 0) return new Map();
    const rows = await this.#db.query<{ idx: number; serial: string; expiry: number | null }>(
      "SELECT i.idx, i.serial, b.expiry FROM batches b JOIN items i ON i.batch_seq = b.seq WHERE b.id = $1 AND i.idx = ANY($2::int[])",
      [batchId, indexes],
    );
    return new Map(rows.map((row) => [row.idx, itemLeaf({ id: batchId, expiry: row.expiry ?? undefined }, row.serial)]));
  }
}
