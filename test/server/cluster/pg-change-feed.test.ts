/**
 * Instances on one PostgreSQL database hear each other's scans (LISTEN/NOTIFY on a real server), and an
 * instance whose listening connection dropped says it may have missed some, so its cache forgets.
 */
import { expect } from "chai";
import pg from "pg";
import { PgChangeFeed } from "../../../server/cluster/pg-change-feed.ts";
import { LocalChangeFeed } from "../../../server/cluster/change-feed.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";

const until = async (check: () => boolean, what: string, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("the change feed across instances (PostgreSQL LISTEN/NOTIFY)", function () {
  let postgres: TestPostgres;
  let url: string;
  const opened: Array<{ close(): Promise<void> }> = [];

  before(async function () {
    postgres = await startTestPostgres();
    url = await postgres.createDatabase();
  });

  after(async function () {
    for (const thing of opened.reverse()) await thing.close();
    await postgres?.stop();
  });

  async function instance() {
    const pool = new pg.Pool({ connectionString: url });
    opened.push({ close: () => pool.end() });
    const feed = await PgChangeFeed.open(url, pool);
    opened.push(feed);
    const heard: string[] = [];
    let gaps = 0;
    feed.onScanRecorded((item) => heard.push(item));
    feed.onGap(() => gaps++);
    return { feed, pool, heard, gaps: () => gaps };
  }

  it("delivers a scan recorded through one instance to every instance once, to itself at once", async function () {
    const [a, b] = [await instance(), await instance()];
    await a.feed.scanRecorded("09506000134352|L1|S1");
    // Before any notification could come back: the sender's own cache must not wait for the database.
    expect(a.heard).to.deep.equal(["09506000134352|L1|S1"]);
    await b.feed.scanRecorded("09506000134352|L1|S2");
    await until(() => a.heard.length >= 2 && b.heard.length >= 2, "both scans on both instances");
    // Time for a sender's own notification to come back, which it must not hear a second time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.heard).to.deep.equal(["09506000134352|L1|S1", "09506000134352|L1|S2"]);
    expect([...b.heard].sort()).to.deep.equal(a.heard);
    expect([a.gaps(), b.gaps()]).to.deep.equal([0, 0]);
  });

  it("reports a gap when its listening connection is cut, listens again, and hears later scans", async function () {
    const [a, b] = [await instance(), await instance()];
    // An operator (or a failover) ends b's listening backend: whatever is sent meanwhile b cannot hear.
    await a.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN veritrace_scan_recorded' AND pid <> pg_backend_pid()");
    await until(() => b.gaps() >= 2, "b's gap at the drop and again once it listens anew");
    await a.feed.scanRecorded("after the cut");
    await until(() => b.heard.includes("after the cut"), "b hearing a scan after reconnecting");
  });
});

describe("the change feed of a single instance", function () {
  it("tells this process's listeners at once", async function () {
    const feed = new LocalChangeFeed();
    const heard: string[] = [];
    feed.onScanRecorded((item) => heard.push(item));
    await feed.scanRecorded("item");
    expect(heard).to.deep.equal(["item"]);
  });
});
