/**
 * The change feed across instances on one PostgreSQL database: NOTIFY on a channel, each instance
 * LISTENing on a connection of its own. PostgreSQL delivers a notification to every listener after the
 * sending transaction commits, in commit order. The sender tells its own listeners at once instead (so a
 * verify on the instance that took the scan is never stale) and skips its notification when it comes back:
 * each payload names the instance that sent it.
 *
 * A notification sent while an instance's listening connection is down is lost to it; so the feed reports
 * a gap when the connection drops and again once it listens anew, and the verdict cache forgets all it
 * holds each time. Between the two, scans are seldom recorded anywhere: the connection usually drops
 * because the database is down, and a scan is recorded in that database. Reconnection backs off up to 5 s.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { ChangeFeed } from "./change-feed.ts";

export const SCAN_CHANNEL = "veritrace_scan_recorded";
const MAX_BACKOFF_MS = 5_000;

export class PgChangeFeed implements ChangeFeed {
  readonly #url: string;
  readonly #pool: pg.Pool;
  readonly #scanListeners: Array<(item: string) => void> = [];
  readonly #gapListeners: Array<() => void> = [];
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  /** Names this instance's notifications, so that it does not hear its own twice. */
  readonly #instance = randomUUID();

  private constructor(url: string, pool: pg.Pool) {
    this.#url = url;
    this.#pool = pool;
  }

  /** Resolves once this instance listens, so that no scan recorded after start-up is missed. */
  static async open(url: string, pool: pg.Pool): Promise<PgChangeFeed> {
    const feed = new PgChangeFeed(url, pool);
    await feed.#listen();
    return feed;
  }

  async scanRecorded(item: string): Promise<void> {
    for (const listener of this.#scanListeners) listener(item);
    await this.#pool.query("SELECT pg_notify($1, $2)", [SCAN_CHANNEL, `${this.#instance} ${item}`]);
  }

  onScanRecorded(listener: (item: string) => void): void {
    this.#scanListeners.push(listener);
  }

  onGap(listener: () => void): void {
    this.#gapListeners.push(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on("notification", (message) => {
      if (message.channel !== SCAN_CHANNEL || message.payload === undefined) return;
      const space = message.payload.indexOf(" ");
      if (space < 0 || message.payload.slice(0, space) === this.#instance) return;
      const item = message.payload.slice(space + 1);
      for (const listener of this.#scanListeners) listener(item);
    });
    client.on("error", () => this.#lost(client, 0));
    client.on("end", () => this.#lost(client, 0));
    try {
      await client.connect();
      await client.query(`LISTEN ${SCAN_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#client = client;
  }

  #gap(): void {
    for (const listener of this.#gapListeners) listener();
  }

  #lost(client: pg.Client, attempt: number): void {
    if (this.#closed || (this.#client !== client && attempt === 0)) return;
    this.#client = undefined;
    if (attempt === 0) this.#gap();
    client.removeAllListeners();
    client.on("error", () => undefined);
    const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);
    this.#retry = setTimeout(() => {
      this.#listen().then(
        () => this.#gap(),
        () => this.#lost(client, attempt + 1),
      );
    }, delay);
    this.#retry.unref();
  }
}
