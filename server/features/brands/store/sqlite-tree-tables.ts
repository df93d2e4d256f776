/**
 * Batches' Merkle trees on SQLite, as pages (see ../trees/stored-tree.ts for what the pages hold). A rowid
 * table with the key as a unique index: 1 KiB rows sit in the table's leaf pages, where a WITHOUT ROWID
 * table would spill each one to an overflow page.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Hex } from "viem";
import { TimeSlice } from "../../../time-slice.ts";
import { proofFromStorage, TREE_PARTS, treePages, type PageKey, type StoredTree, type TreePage, type TreePageReader } from "../trees/stored-tree.ts";
import { BATCH_ROW, toBatch, type Row } from "../../../store/rows.ts";
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

/** Pages stored between two looks at the clock in `save`. */
const PAGES_PER_CLOCK = 16;

export class TreeTables implements TreeStore, TreePageReader {
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #transaction: <T>(work: () => T) => T;

  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    db.exec(SCHEMA);
    this.#sql = statementCache(db);
    this.#transaction = transaction;
  }

  /**
   * A million items' tree is 12,000 pages, which one transaction wrote in 0.2-1 s of the thread every
   * request waits for: the pages go in one transaction per time slice instead, `ranks` last and its page 0
   * (what `batchesWithoutTree` looks for) very last. A tree cut short by a crash therefore reads as no tree
   * (a proof whose `ranks` page is missing has the tree rebuilt), never as a tree with holes.
   */
  async save(batchId: Hex, tree: StoredTree): Promise<void> {
    const pages = treePages(tree);
    const ranks = pages.filter((p) => p.part === TREE_PARTS.ranks).reverse();
    const ordered = [...pages.filter((p) => p.part !== TREE_PARTS.ranks), ...ranks];
    const insert = this.#sql("INSERT INTO tree_pages (batch_id, part, page, data) VALUES (?, ?, ?, ?)");
    const slice = new TimeSlice();
    this.#transaction(() => this.#sql("DELETE FROM tree_pages WHERE batch_id = ?").run(batchId));
    for (let from = 0; from < ordered.length; ) {
      await slice.giveWay();
      from = this.#transaction(() => {
        let at = from;
        while (at < ordered.length && (at === from || at % PAGES_PER_CLOCK !== 0 || !slice.due)) {
          const { part, page, data } = ordered[at++]!;
          insert.run(batchId, part, page, data);
        }
        return at;
      });
    }
  }

  proof(batchId: Hex, size: number, index: number): Promise<Hex[] | undefined> {
    return proofFromStorage(this, batchId, size, index);
  }

  async batchesWithoutTree(): Promise<Batch[]> {
    return this.#sql(
      `SELECT ${BATCH_ROW} FROM batches b WHERE state IN ('anchoring', 'submitted', 'confirmed')
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
