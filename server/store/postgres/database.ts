/**
 * The pool of connections the PostgreSQL store works through: queries, one-transaction units of work, and
 * the mapping of a server that is away to DATABASE_UNAVAILABLE (faults.ts). `pg`'s pool drops a connection
 * that failed and opens a new one on the next query, so the store recovers by itself once the server is back.
 */
import pg from "pg";
import { asDatabaseError } from "./faults.ts";
import type { Row } from "../rows.ts";

/** What a query can run on: the pool, or one transaction's connection. */
export type Queryable = { query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> };

export type { Row };

const INT8_OID = 20;
/**
 * BIGINT columns (ms times, block numbers, counts) come back as JS numbers, as from SQLite: every value the
 * service keeps stays below 2^53. pg's default (a string) is for values that do not.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary" ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export type DatabaseOptions = {
  /** Connections at most (default 10). */
  max?: number;
  /** How long a query waits for a connection before it counts as the database being away (default 5 s). */
  connectionTimeoutMs?: number;
  /** Told when an idle connection fails (the server restarted): the pool has dropped it already. */
  onIdleError?: (error: Error) => void;
};

export class Database {
  readonly pool: pg.Pool;

  constructor(url: string, options: DatabaseOptions = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      types,
      // Socket keep-alive so that a server gone without a word is noticed, not waited on forever.
      keepAlive: true,
    });
    // An idle connection's failure is emitted here; without a listener it would crash the process.
    this.pool.on("error", (error) => options.onIdleError?.(error));
  }

  async query<R extends Row = Row>(sql: string, values?: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, values)).rows;
    } catch (error) {
      throw asDatabaseError(error);
    }
  }

  /** The first row, or undefined. */
  async one<R extends Row = Row>(sql: string, values?: unknown[]): Promise<R | undefined> {
    return (await this.query<R>(sql, values))[0];
  }

  /**
   * Runs `work` in one transaction on one connection: committed whole or not at all. A connection that
   * failed is destroyed rather than returned to the pool.
   */
  async transaction<T>(work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw asDatabaseError(error);
    }
    // A checked-out connection has no pool listener: a socket error mid-COPY (EPIPE as the server goes
    // away) would be an uncaught exception. The failing statement reports it; this only keeps it caught.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost ??= error);
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      client.off("error", onError);
      client.release();
      return result;
    } catch (error) {
      const broken =
        lost !== undefined ||
        (await client.query("ROLLBACK").then(
          () => false,
          () => true,
        ));
      client.off("error", onError);
      client.release(broken ? (lost ?? (error instanceof Error ? error : new Error(String(error)))) : undefined);
      throw asDatabaseError(error);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
