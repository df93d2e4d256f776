/**
 * The chain index on PostgreSQL, shared by every instance on the database (one of them follows: see
 * `postgres-follower-lock.ts`). A chunk's events go in with one multi-row INSERT over arrays (`unnest`).
 * A database that cannot be reached makes a list a named 503 (DATABASE_UNAVAILABLE), never a 500.
 */
import type { Hex } from "viem";
import { Database, type Queryable, type Row } from "../store/postgres/database.ts";
import { migrate } from "../store/postgres/migrate.ts";
import { EVENT_COLUMNS, eventOf, rowValues, whereOf } from "./columns.ts";
import type { BlockRef, EventFilter, EventPage, EventPosition, IndexChunk, IndexCursor, IndexStore } from "./index-store.ts";

/** The SQL types of `EVENT_COLUMNS`, for the unnest insert. */
const COLUMN_TYPES = ["bigint", "integer", "text", "text", "text", "text", "jsonb", ...Array<string>(9).fill("text")];
/** The arrays go in as text[] for jsonb (pg has no literal for jsonb[] from JS strings), cast per row. */
const UNNEST_ARRAYS = COLUMN_TYPES.map((type, i) => `$${i + 1}::${type === "jsonb" ? "text" : type}[]`).join(", ");
const SELECT_LIST = EVENT_COLUMNS.map((column, i) => (COLUMN_TYPES[i] === "jsonb" ? `${column}::jsonb` : column)).join(", ");

export class PostgresIndexStore implements IndexStore {
  readonly #db: Database;
  readonly #ownsDatabase: boolean;

  /** On the store's own connection pool (`PgStore.database`), whose migrations made the index's tables. */
  constructor(db: Database, { ownsDatabase = false }: { ownsDatabase?: boolean } = {}) {
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
  }

  /** Connects on a pool of its own and applies the database's migrations: for tests and benchmarks of the index alone. */
  static async open(connectionString: string): Promise<PostgresIndexStore> {
    const db = new Database(connectionString, { max: 4 });
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PostgresIndexStore(db, { ownsDatabase: true });
  }

  #query<R extends Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.#db.query<R>(sql, params);
  }

  async #transaction(work: (client: Queryable) => Promise<void>): Promise<void> {
    await this.#db.transaction(work);
  }

  async cursor(): Promise<IndexCursor | undefined> {
    const [row] = await this.#query<{ block_number: number; block_hash: Hex }>("SELECT block_number, block_hash FROM chain_cursor WHERE id = 1");
    return row === undefined ? undefined : { number: Number(row.block_number), hash: row.block_hash };
  }

  async recentBlocks(from: number): Promise<BlockRef[]> {
    const rows = await this.#query<{ block_number: number; block_hash: Hex }>(
      "SELECT block_number, block_hash FROM chain_blocks WHERE block_number >= $1 ORDER BY block_number DESC",
      [from],
    );
    return rows.map((row) => ({ number: Number(row.block_number), hash: row.block_hash }));
  }

  async addChunk(chunk: IndexChunk, pruneBelow: number): Promise<void> {
    const columns = EVENT_COLUMNS.map((_, i) => chunk.events.map((event) => rowValues(event)[i]));
    await this.#transaction(async (client) => {
      if (chunk.events.length > 0) {
        await client.query(
          `INSERT INTO chain_events (${EVENT_COLUMNS.join(", ")}) SELECT ${SELECT_LIST} FROM unnest(${UNNEST_ARRAYS}) AS t(${EVENT_COLUMNS.join(", ")})
           ON CONFLICT DO NOTHING`,
          columns,
        );
      }
      if (chunk.blocks.length > 0) {
        await client.query(
          `INSERT INTO chain_blocks (block_number, block_hash) SELECT * FROM unnest($1::bigint[], $2::text[])
           ON CONFLICT (block_number) DO UPDATE SET block_hash = excluded.block_hash`,
          [chunk.blocks.map((b) => b.number), chunk.blocks.map((b) => b.hash)],
        );
      }
      await client.query("DELETE FROM chain_blocks WHERE block_number < $1", [pruneBelow]);
      await client.query(
        `INSERT INTO chain_cursor (id, block_number, block_hash) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash`,
        [chunk.cursor.number, chunk.cursor.hash],
      );
    });
  }

  async rollBackTo(to: IndexCursor | undefined): Promise<void> {
    const above = to === undefined ? -1 : to.number;
    await this.#transaction(async (client) => {
      await client.query("DELETE FROM chain_events WHERE block_number > $1", [above]);
      await client.query("DELETE FROM chain_blocks WHERE block_number > $1", [above]);
      if (to === undefined) await client.query("DELETE FROM chain_cursor");
      else await client.query("UPDATE chain_cursor SET block_number = $1, block_hash = $2 WHERE id = 1", [to.number, to.hash]);
    });
  }

  async events(filter: EventFilter, page: { after?: EventPosition | undefined; limit: number }): Promise<EventPage> {
    const where = whereOf(filter, page.after, (i) => `$${i}`);
    const rows = await this.#query(
      `SELECT * FROM chain_events WHERE ${where.sql} ORDER BY block_number, log_index LIMIT $${where.params.length + 1}`,
      [...where.params, page.limit + 1],
    );
    const events = rows.slice(0, page.limit).map(eventOf);
    const last = events.at(-1);
    return { events, next: rows.length > page.limit && last !== undefined ? { blockNumber: last.blockNumber, logIndex: last.logIndex } : null };
  }

  async count(): Promise<number> {
    const [row] = await this.#query<{ n: number }>("SELECT count(*) AS n FROM chain_events");
    return Number(row!.n);
  }

  async close(): Promise<void> {
    if (this.#ownsDatabase) await this.#db.close();
  }
}
