/**
 * The public rate limit's counters in PostgreSQL, so that every instance behind a load balancer draws on
 * the same budget per client: a scraper cannot multiply its allowance by the number of instances.
 *
 * PostgreSQL rather than Redis: the consortium already runs it for the store, and one more server to
 * secure, back up and watch costs more than one upsert per public request (measured in `npm run bench`).
 * The table (`rate_limit_hits`, made by the store's migration 0004) is UNLOGGED: not written to the WAL, so
 * cheap to update on every request; emptied after a crash, which only forgives one window.
 * One statement per hit, atomic in itself, so two instances counting the same client never lose a hit.
 */
import type { Pool } from "pg";
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from "express-rate-limit";

const INCREMENT = `
INSERT INTO rate_limit_hits AS r (key, hits, reset_at) VALUES ($1, 1, now() + make_interval(secs => $2))
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
  reset_at = CASE WHEN r.reset_at <= now() THEN now() + make_interval(secs => $2) ELSE r.reset_at END
RETURNING hits, reset_at`;

/** Rows whose window ended are deleted now and then, so the table holds only the clients of the last window. */
const SWEEP_EVERY_MS = 60_000;

export class PgRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #pool: Pool;
  readonly #onError: (error: unknown) => void;
  #windowSeconds = 60;
  #sweeper: NodeJS.Timeout | undefined;

  /**
   * `onError` hears of a hit that could not be counted: the request is let through (the limit protects the
   * service; verify still answers, or says UNVERIFIED, on its own), and the service logs it in its own format.
   * `prefix` keeps two limits apart in the one table.
   */
  constructor(pool: Pool, { onError, prefix = "public:" }: { onError: (error: unknown) => void; prefix?: string }) {
    this.#pool = pool;
    this.#onError = onError;
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.#windowSeconds = options.windowMs / 1000;
    this.#sweeper = setInterval(() => void this.#sweep(), SWEEP_EVERY_MS);
    this.#sweeper.unref();
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.#pool.query<{ hits: number; reset_at: Date }>(
      "SELECT hits, reset_at FROM rate_limit_hits WHERE key = $1 AND reset_at > now()",
      [this.prefix + key],
    );
    return rows[0] === undefined ? undefined : { totalHits: rows[0].hits, resetTime: rows[0].reset_at };
  }

  async increment(key: string): Promise<IncrementResponse> {
    try {
      const { rows } = await this.#pool.query<{ hits: number; reset_at: Date }>(INCREMENT, [this.prefix + key, this.#windowSeconds]);
      return { totalHits: rows[0]!.hits, resetTime: rows[0]!.reset_at };
    } catch (error) {
      this.#onError(error);
      // As if it were the client's first hit: let through (express-rate-limit takes no count below 1).
      return { totalHits: 1, resetTime: undefined };
    }
  }

  async decrement(key: string): Promise<void> {
    await this.#pool.query("UPDATE rate_limit_hits SET hits = greatest(hits - 1, 0) WHERE key = $1", [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.#pool.query("DELETE FROM rate_limit_hits WHERE key = $1", [this.prefix + key]);
  }

  shutdown(): void {
    clearInterval(this.#sweeper);
  }

  async #sweep(): Promise<void> {
    // A failed sweep is retried at the next one; the counters stay right meanwhile (expired rows restart at 1).
    await this.#pool.query("DELETE FROM rate_limit_hits WHERE reset_at <= now()").catch(() => undefined);
  }
}
