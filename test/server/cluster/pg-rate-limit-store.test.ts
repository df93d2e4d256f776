/**
 * Two instances behind a load balancer share one public budget per client, counted in PostgreSQL (a real
 * server): a client cannot double its allowance by landing on both.
 */
import { expect } from "chai";
import express from "express";
import pg from "pg";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { publicRateLimit } from "../../../server/http/rate-limit.ts";
import { PgRateLimitStore } from "../../../server/cluster/pg-rate-limit-store.ts";
import { pino } from "pino";
import { errorHandler } from "../../../server/http/error-handler.ts";
import { createMetrics } from "../../../server/metrics.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";
import { Database } from "../../../server/store/postgres/database.ts";
import { migrate } from "../../../server/store/postgres/migrate.ts";

describe("the public rate limit shared across instances (PostgreSQL)", function () {
  let postgres: TestPostgres;
  let pools: pg.Pool[] = [];
  let servers: Server[] = [];
  let storeErrors: unknown[] = [];

  before(async function () {
    postgres = await startTestPostgres();
  });

  after(async function () {
    await postgres?.stop();
  });

  afterEach(async function () {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    for (const pool of pools) await pool.end();
    servers = [];
    pools = [];
    storeErrors = [];
  });

  async function instance(url: string, max: number): Promise<string> {
    const pool = new pg.Pool({ connectionString: url });
    pools.push(pool);
    const app = express();
    app.use(publicRateLimit({ windowMs: 60_000, max, store: new PgRateLimitStore(pool, { onError: (error) => storeErrors.push(error) }) }));
    app.get("/hit", (_req, res) => res.json({ ok: true }));
    app.use(errorHandler(pino({ level: "silent" }), createMetrics({ batchesByState: async () => ({ pending: 0, submitted: 0, confirmed: 0, failed: 0 }) })));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function database(): Promise<string> {
    const url = await postgres.createDatabase();
    // The table comes from the store's migrations, as in a service on PostgreSQL.
    const db = new Database(url);
    await migrate(db);
    await db.close();
    return url;
  }

  it("answers 429 on either instance once the client's hits on both reach the budget", async function () {
    const url = await database();
    const [a, b] = [await instance(url, 4), await instance(url, 4)];
    const statuses = [];
    for (const base of [a, b, a, b, a, b]) statuses.push((await fetch(`${base}/hit`)).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 429, 429]);
    const over = await fetch(`${b}/hit`);
    expect(((await over.json()) as { error: string }).error).to.equal("RATE_LIMITED");
    expect(Number(over.headers.get("retry-after"))).to.be.within(1, 60);
  });

  it("loses no hit when instances count the same client at once", async function () {
    const url = await database();
    const pools2 = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
    pools.push(...pools2);
    const stores = pools2.map((pool) => new PgRateLimitStore(pool, { onError: (error) => storeErrors.push(error) }));
    for (const store of stores) store.init({ windowMs: 60_000 } as never);
    const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % 2]!.increment("203.0.113.9")));
    expect(counts.map((c) => c.totalHits).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 60 }, (_, i) => i + 1));
    expect((await stores[0]!.get("203.0.113.9"))?.totalHits).to.equal(60);
    expect(await stores[1]!.get("198.51.100.1")).to.equal(undefined);
    for (const store of stores) store.shutdown();
  });

  it("starts a client's count afresh once its window has passed", async function () {
    const url = await database();
    const pool = new pg.Pool({ connectionString: url });
    pools.push(pool);
    const store = new PgRateLimitStore(pool, { onError: (error) => storeErrors.push(error) });
    store.init({ windowMs: 300 } as never);
    expect((await store.increment("k")).totalHits).to.equal(1);
    expect((await store.increment("k")).totalHits).to.equal(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const fresh = await store.increment("k");
    expect(fresh.totalHits).to.equal(1);
    expect(fresh.resetTime!.getTime()).to.be.greaterThan(Date.now());
    store.shutdown();
  });

  it("lets requests through when the database cannot count (the limit protects, it does not fail verify)", async function () {
    const url = await database();
    const base = await instance(url, 1);
    await pools[0]!.end();
    pools = [];
    expect((await fetch(`${base}/hit`)).status).to.equal(200);
    expect((await fetch(`${base}/hit`)).status).to.equal(200);
    // Each uncounted hit reported, for the service to log in its own format.
    expect(storeErrors.map((e) => (e as Error).message)).to.deep.equal(Array(2).fill("Cannot use a pool after calling end on the pool"));
  });
});
