import { expect } from "chai";
import pg from "pg";
import { pino } from "pino";
import { ChainIndexer } from "../../../server/indexer/chain-indexer.ts";
import type { IndexStore } from "../../../server/indexer/index-store.ts";
import { PostgresFollowerLock } from "../../../server/indexer/postgres-follower-lock.ts";
import { PostgresIndexStore } from "../../../server/indexer/postgres-index-store.ts";
import { startIndexerChain, type IndexerChain } from "../../helpers/indexer-chain.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";

const silent = pino({ level: "silent" });

async function accounts(store: IndexStore, eventName: string): Promise<(string | null)[]> {
  const seen = [];
  let after;
  do {
    const page = await store.events({ eventName }, { after, limit: 7 });
    seen.push(...page.events.map((e) => e.account));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return seen;
}

describe("chain indexer on PostgreSQL (real server, anvil)", function () {
  this.timeout(180_000);
  let chain: IndexerChain;
  let server: TestPostgres;
  let db: { url: string; stop(): Promise<void> };
  const opened: { stop(): Promise<unknown> }[] = [];

  before(async () => {
    [chain, server] = await Promise.all([startIndexerChain(), startTestPostgres()]);
    db = { url: await server.createDatabase(), stop: () => server.stop() };
  });
  after(async () => {
    for (const o of opened.reverse()) await o.stop().catch(() => undefined);
    await chain?.stop();
    await db?.stop();
  });

  async function follower(options: { chunkBlocks?: number } = {}) {
    const store = await PostgresIndexStore.open(db.url);
    const lock = new PostgresFollowerLock(db.url);
    const indexer = new ChainIndexer({
      client: chain.client,
      store,
      addresses: chain.addresses,
      startBlock: chain.startBlock,
      confirmations: 0,
      chunkBlocks: options.chunkBlocks ?? 2_000,
      pollMs: 60_000,
      lock,
      logger: silent,
    });
    opened.push({ stop: () => indexer.stop().then(() => store.close()) });
    return { store, lock, indexer };
  }

  it("catches up in small chunks, rolls back a reorg and re-follows, each event once", async () => {
    const a = await follower({ chunkBlocks: 3 });
    const kept = await chain.admitHolders(4, { label: "pg-kept" });
    const snapshot = await chain.rpc<string>("evm_snapshot");
    const orphaned = await chain.admitHolders(3, { label: "pg-orphan" });
    await a.indexer.catchUp();
    expect((await accounts(a.store, "RightsHolderAdmitted")).filter((x) => [...kept, ...orphaned].includes(x as never))).to.deep.equal([...kept, ...orphaned]);

    await chain.rpc("evm_revert", [snapshot]);
    const replacing = await chain.admitHolders(5, { label: "pg-new" });
    expect((await a.indexer.catchUp())!.reorg).to.equal(true);
    const seen = await accounts(a.store, "RightsHolderAdmitted");
    expect(seen.filter((x) => [...kept, ...orphaned, ...replacing].includes(x as never))).to.deep.equal([...kept, ...replacing]);
    expect(new Set(seen).size).to.equal(seen.length);
    const head = await chain.client.getBlock({ blockTag: "latest" });
    expect(await a.store.cursor()).to.deep.equal({ number: Number(head.number), hash: head.hash });
    await a.indexer.stop();
  });

  it("lets one follower run at a time, and another take over when the holder's connection dies", async () => {
    const first = await follower();
    const second = await follower();
    expect(await first.indexer.catchUp()).to.not.equal(undefined);
    expect(first.lock.held).to.equal(true);
    // The second instance does not follow while the first holds the lock.
    expect(await second.indexer.catchUp()).to.equal(undefined);
    expect(second.lock.held).to.equal(false);

    // The holder dies: its session ends (as when its process is killed), and the lock goes with it.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
    await admin.end();
    expect(rowCount).to.equal(1);

    const holders = await chain.admitHolders(2, { label: "pg-takeover" });
    const round = await second.indexer.catchUp();
    expect(round).to.not.equal(undefined);
    expect(second.lock.held).to.equal(true);
    expect((await accounts(second.store, "RightsHolderAdmitted")).slice(-2)).to.deep.equal(holders);
    // The old holder learnt it lost the lock, and does not follow beside the new one.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.lock.held).to.equal(false);
    expect(await first.indexer.catchUp()).to.equal(undefined);
  });
});
