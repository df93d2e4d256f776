/**
 * The chain index on Node's built-in SQLite, in a file of its own beside the service's database
 * (`chain-index.db`): the index is a copy of the chain, so it can be deleted and rebuilt at any time, and
 * its writes never wait behind the store's. One follower only: a SQLite data folder has one service.
 */
import { closeSync, openSync } from "node:fs";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { Hex } from "viem";
import { statementCache } from "../store/statements.ts";
import { EVENT_COLUMNS, KEY_COLUMNS, eventOf, rowValues, whereOf } from "./columns.ts";
import type { BlockRef, EventFilter, EventPage, EventPosition, IndexChunk, IndexCursor, IndexStore } from "./index-store.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chain_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chain_blocks (
  block_number INTEGER PRIMARY KEY,
  block_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chain_events (
  block_number INTEGER NOT NULL,
  log_index INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  transaction_hash TEXT NOT NULL,
  contract TEXT NOT NULL,
  event_name TEXT NOT NULL,
  args TEXT NOT NULL,
  ${KEY_COLUMNS.map(([, column]) => `${column} TEXT`).join(",\n  ")},
  PRIMARY KEY (block_number, log_index)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chain_events_by_name ON chain_events (event_name, block_number, log_index);
${KEY_COLUMNS.map(([, column]) => `CREATE INDEX IF NOT EXISTS chain_events_by_${column} ON chain_events (${column}, event_name, block_number, log_index) WHERE ${column} IS NOT NULL;`).join("\n")}
`;

export class SqliteIndexStore implements IndexStore {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(file: string) {
    // Owner-only before SQLite opens it, like the service's database (its -wal and -shm files follow).
    if (file !== ":memory:") closeSync(openSync(file, "a", 0o600));
    this.#db = new DatabaseSync(file);
    this.#sql = statementCache(this.#db);
    this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
    this.#db.exec(SCHEMA);
  }

  #transaction(work: () => void): void {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  async cursor(): Promise<IndexCursor | undefined> {
    const row = this.#sql("SELECT block_number, block_hash FROM chain_cursor WHERE id = 1").get();
    return row === undefined ? undefined : { number: Number(row.block_number), hash: row.block_hash as Hex };
  }

  async recentBlocks(from: number): Promise<BlockRef[]> {
    return this.#sql("SELECT block_number, block_hash FROM chain_blocks WHERE block_number >= ? ORDER BY block_number DESC")
      .all(from)
      .map((row) => ({ number: Number(row.block_number), hash: row.block_hash as Hex }));
  }

  async addChunk(chunk: IndexChunk, pruneBelow: number): Promise<void> {
    const insertEvent = this.#sql(
      `INSERT INTO chain_events (${EVENT_COLUMNS.join(", ")}) VALUES (${EVENT_COLUMNS.map(() => "?").join(", ")}) ON CONFLICT DO NOTHING`,
    );
    const insertBlock = this.#sql("INSERT INTO chain_blocks (block_number, block_hash) VALUES (?, ?) ON CONFLICT (block_number) DO UPDATE SET block_hash = excluded.block_hash");
    this.#transaction(() => {
      for (const event of chunk.events) insertEvent.run(...(rowValues(event) as SQLInputValue[]));
      for (const block of chunk.blocks) insertBlock.run(block.number, block.hash);
      this.#sql("DELETE FROM chain_blocks WHERE block_number < ?").run(pruneBelow);
      this.#sql(
        "INSERT INTO chain_cursor (id, block_number, block_hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash",
      ).run(chunk.cursor.number, chunk.cursor.hash);
    });
  }

  async rollBackTo(to: IndexCursor | undefined): Promise<void> {
    const above = to === undefined ? -1 : to.number;
    this.#transaction(() => {
      this.#sql("DELETE FROM chain_events WHERE block_number > ?").run(above);
      this.#sql("DELETE FROM chain_blocks WHERE block_number > ?").run(above);
      if (to === undefined) this.#sql("DELETE FROM chain_cursor").run();
      else this.#sql("UPDATE chain_cursor SET block_number = ?, block_hash = ? WHERE id = 1").run(to.number, to.hash);
    });
  }

  async events(filter: EventFilter, page: { after?: EventPosition | undefined; limit: number }): Promise<EventPage> {
    const where = whereOf(filter, page.after, (i) => `?${i}`);
    const rows = this.#sql(`SELECT * FROM chain_events WHERE ${where.sql} ORDER BY block_number, log_index LIMIT ?${where.params.length + 1}`).all(...where.params, page.limit + 1);
    const events = rows.slice(0, page.limit).map(eventOf);
    const last = events.at(-1);
    return { events, next: rows.length > page.limit && last !== undefined ? { blockNumber: last.blockNumber, logIndex: last.logIndex } : null };
  }

  async count(): Promise<number> {
    return Number(this.#sql("SELECT count(*) AS n FROM chain_events").get()!.n);
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
