/**
 * Batches' Merkle trees on SQLite, as pages (see ../trees/stored-tree.ts for what the pages hold). A rowid
 * table with the key as a unique index: 1 KiB rows sit in the table's leaf pages, where a WITHOUT ROWID
 * table would spill each one to an overflow page.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Hex } from "viem";
import { proofFromStorage, treePages, type PageKey, type StoredTree, type TreePage, type TreePageReader } from "../trees/stored-tree.ts";
import { toBatch, type Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import type { Batch, TreeStore } from "./types.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tree_pages (
  batch_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  page INTEGER NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (batch_id, part, page)
);
`;

export class TreeTables implements TreeStore, TreePageReader {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #transaction: <T>(work: () => T) => T;

  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    db.exec(SCHEMA);
    this.#sql = statementCache(db);
    this.#transaction = transaction;
  }

  async save(batchId: Hex, tree: StoredTree): Promise<void> {
    this.#transaction(() => {
      this.#sql("DELETE FROM tree_pages WHERE batch_id = ?").run(batchId);
      const insert = this.#sql("INSERT INTO tree_pages (batch_id, part, page, data) VALUES (?, ?, ?, ?)");
      for (const { part, page, data } of treePages(tree)) insert.run(batchId, part, page, data);
    });
  }

  proof(batchId: Hex, size: number, index: number): Promise<Hex[] | undefined> {
    return proofFromStorage(this, batchId, size, index);
  }

  async batchesWithoutTree(): Promise<Batch[]> {
    return this.#sql(
      `SELECT * FROM batches b WHERE state IN ('anchoring', 'submitted', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM tree_pages t WHERE t.batch_id = b.id AND t.part = 1 AND t.page = 0) ORDER BY created_at`,
    )
      .all()
      .map((row) => toBatch(row as Row));
  }

  /** Point reads, each a few microseconds in process: no need to batch them as PostgreSQL does. */
  async pages(batchId: Hex, wanted: readonly PageKey[]): Promise<TreePage[]> {
    const read = this.#sql("SELECT data FROM tree_pages WHERE batch_id = ? AND part = ? AND page = ?");
    const found: TreePage[] = [];
    for (const { part, page } of wanted) {
      const row = read.get(batchId, part, page);
      if (row !== undefined) found.push({ part, page, data: row.data as Uint8Array });
    }
    return found;
  }

  async leaves(batchId: Hex, indexes: readonly number[]): Promise<Map<number, Uint8Array>> {
    const read = this.#sql("SELECT leaf FROM items WHERE batch_seq = (SELECT seq FROM batches WHERE id = ?) AND idx = ?");
    const leaves = new Map<number, Uint8Array>();
    for (const index of indexes) {
      const row = read.get(batchId, index);
      if (row !== undefined) leaves.set(index, row.leaf as Uint8Array);
    }
    return leaves;
  }
}
