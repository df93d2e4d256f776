/**
 * One follower across instances on PostgreSQL: a session-level advisory lock held on a connection of its
 * own. When the holder dies, or its connection drops, PostgreSQL ends the session and frees the lock; the
 * next instance to try takes it over. The holder notices a dropped connection (`error`/`end`) and stops
 * following until it wins the lock again.
 */
import pg from "pg";
import type { FollowerLock } from "./follower-lock.ts";

/** The advisory lock key of the chain follower: any constant the database's other users do not take. */
export const FOLLOWER_LOCK_KEY = 7_203_114_002;

export class PostgresFollowerLock implements FollowerLock {
  readonly #connectionString: string;
  #client: pg.Client | undefined;
  #held = false;

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  get held(): boolean {
    return this.#held;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.#held) return true;
    if (this.#client === undefined) {
      // Keep-alive: a holder whose host vanished is noticed by the server, which then frees the lock.
      const client = new pg.Client({ connectionString: this.#connectionString, keepAlive: true, connectionTimeoutMillis: 5_000 });
      const lost = () => {
        if (this.#client === client) this.#client = undefined;
        this.#held = false;
      };
      client.on("error", lost);
      client.on("end", lost);
      try {
        await client.connect();
      } catch {
        lost();
        return false;
      }
      this.#client = client;
    }
    try {
      const { rows } = await this.#client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [FOLLOWER_LOCK_KEY]);
      this.#held = rows[0]?.locked === true;
    } catch {
      this.#held = false;
    }
    return this.#held;
  }

  /** Ends the lock's session: the lock goes with it. */
  async release(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#held = false;
    await client?.end().catch(() => undefined);
  }
}
