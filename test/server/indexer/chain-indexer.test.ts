import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { Registry } from "prom-client";
import { createPublicClient, type PublicClient } from "viem";
import { ChainIndexer } from "../../../server/indexer/chain-indexer.ts";
import { SoleFollowerLock } from "../../../server/indexer/follower-lock.ts";
import type { IndexStore } from "../../../server/indexer/index-store.ts";
import { createIndexerMetrics } from "../../../server/indexer/indexer-metrics.ts";
import { SqliteIndexStore } from "../../../server/indexer/sqlite-index-store.ts";
import { cappedTransport, startIndexerChain, type IndexerChain } from "../../helpers/indexer-chain.ts";

const silent = pino({ level: "silent" });

/** Every stored event of one name, all pages. */
async function all(store: IndexStore, eventName: string) {
  const events = [];
  let after;
  do {
    const page = await store.events({ eventName }, { after, limit: 50 });
    events.push(...page.events);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return events;
}

const admitted = async (store: IndexStore) => (await all(store, "RightsHolderAdmitted")).map((e) => e.account);

describe("chain indexer (SQLite index, anvil)", function () {
  this.timeout(120_000);
  let chain: IndexerChain;
  let dir: string;
  let stores: IndexStore[];

  before(async () => {
    chain = await startIndexerChain();
  });
  after(async () => {
    await chain?.stop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-index-"));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function indexer(options: { client?: PublicClient; confirmations?: number; chunkBlocks?: number; file?: string; metrics?: Registry } = {}) {
    const store = new SqliteIndexStore(path.join(dir, options.file ?? "chain-index.db"));
    stores.push(store);
    const follower = new ChainIndexer({
      client: options.client ?? chain.client,
      store,
      addresses: chain.addresses,
      startBlock: chain.startBlock,
      confirmations: options.confirmations ?? 0,
      chunkBlocks: options.chunkBlocks ?? 2_000,
      pollMs: 60_000,
      lock: new SoleFollowerLock(),
      logger: silent,
      metrics: options.metrics === undefined ? undefined : createIndexerMetrics(options.metrics),
    });
    return { store, follower };
  }

  it("catches up from the deployment block in chunks smaller than the range and stores every event exactly once", async () => {
    const holders = await chain.admitHolders(12, { label: "catch-up" });
    const head = Number(await chain.client.getBlockNumber());
    const { store, follower } = indexer({ chunkBlocks: 3 });
    const round = await follower.catchUp();
    expect(round!.indexedTo).to.equal(head);
    expect(await store.cursor()).to.deep.equal({ number: head, hash: (await chain.client.getBlock({ blockNumber: BigInt(head) })).hash });
    const seen = await admitted(store);
    expect(seen.filter((a) => holders.includes(a!))).to.deep.equal(holders);
    // A second round finds nothing new and duplicates nothing.
    expect((await follower.catchUp())!.events).to.equal(0);
    expect(await admitted(store)).to.deep.equal(seen);
    const event = (await all(store, "RightsHolderAdmitted")).find((e) => e.account === holders[0])!;
    expect(event.contract).to.equal(chain.deployment.licenceRegistry!.address.toLowerCase());
    expect(event.args).to.deep.include({ account: holders[0] === undefined ? undefined : event.args.account, name: "catch-up 0" });
    expect(event.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
  });

  it("works through an RPC that refuses log ranges over 4 blocks, halving its chunks", async () => {
    const holders = await chain.admitHolders(10, { label: "capped" });
    const capped = cappedTransport(chain.rpcUrl, 4);
    const client = createPublicClient({ transport: capped.transport }) as PublicClient;
    const { store, follower } = indexer({ client, chunkBlocks: 2_000 });
    await follower.catchUp();
    expect((await admitted(store)).filter((a) => holders.includes(a!))).to.deep.equal(holders);
    expect(capped.refusals()).to.be.greaterThan(0);
    expect(capped.getLogsCalls()).to.be.greaterThan(1);
  });

  it("holds back the last blocks under a confirmation depth", async () => {
    const holders = await chain.admitHolders(5, { label: "confirm" });
    const head = Number(await chain.client.getBlockNumber());
    const { store, follower } = indexer({ confirmations: 3 });
    expect((await follower.catchUp())!.indexedTo).to.equal(head - 3);
    expect((await admitted(store)).filter((a) => holders.includes(a!))).to.deep.equal(holders.slice(0, 2));
    await chain.rpc("anvil_mine", ["0x3"]);
    await follower.catchUp();
    expect((await admitted(store)).filter((a) => holders.includes(a!))).to.deep.equal(holders);
  });

  it("rolls back the events of orphaned blocks after a reorg and indexes the new ones", async () => {
    const metrics = new Registry();
    const { store, follower } = indexer({ metrics });
    const snapshot = await chain.rpc<string>("evm_snapshot");
    const orphaned = await chain.admitHolders(4, { label: "orphan" });
    await follower.catchUp();
    expect((await admitted(store)).filter((a) => orphaned.includes(a!))).to.deep.equal(orphaned);
    const before = Number(await chain.client.getBlockNumber());

    await chain.rpc("evm_revert", [snapshot]);
    // Different transactions mined in the same block numbers, and one more block: the same height is passed.
    const replacing = await chain.admitHolders(5, { label: "replacing" });
    expect(Number(await chain.client.getBlockNumber())).to.be.greaterThan(before);
    const round = await follower.catchUp();

    expect(round!.reorg).to.equal(true);
    const seen = await admitted(store);
    expect(seen.filter((a) => orphaned.includes(a!))).to.deep.equal([]);
    expect(seen.filter((a) => replacing.includes(a!))).to.deep.equal(replacing);
    const head = await chain.client.getBlock({ blockTag: "latest" });
    expect(await store.cursor()).to.deep.equal({ number: Number(head.number), hash: head.hash });
    // Every stored event's block is on the chain now.
    for (const event of await all(store, "RightsHolderAdmitted")) {
      expect((await chain.client.getBlock({ blockNumber: BigInt(event.blockNumber) })).hash).to.equal(event.blockHash);
    }
    expect(await metrics.getSingleMetricAsString("veritrace_indexer_reorgs_total")).to.match(/veritrace_indexer_reorgs_total 1$/m);
    expect(await metrics.getSingleMetricAsString("veritrace_indexer_lag_blocks")).to.match(/veritrace_indexer_lag_blocks 0$/m);
  });

  it("rolls back a reorg that leaves the chain shorter than the cursor", async () => {
    const { store, follower } = indexer();
    const snapshot = await chain.rpc<string>("evm_snapshot");
    const orphaned = await chain.admitHolders(3, { label: "shorter" });
    await follower.catchUp();
    await chain.rpc("evm_revert", [snapshot]);
    const replacing = await chain.admitHolders(1, { label: "shorter-new" });
    await follower.catchUp();
    const seen = await admitted(store);
    expect(seen.filter((a) => orphaned.includes(a!))).to.deep.equal([]);
    expect(seen.filter((a) => replacing.includes(a!))).to.deep.equal(replacing);
  });

  it("resumes from its cursor after a restart, reading only the new blocks", async () => {
    const first = indexer({ file: "restart.db" });
    await first.follower.catchUp();
    const cursor = (await first.store.cursor())!;
    const count = await first.store.count();
    await first.store.close();

    const holders = await chain.admitHolders(3, { label: "restart" });
    const capped = cappedTransport(chain.rpcUrl, 3);
    const again = indexer({ file: "restart.db", client: createPublicClient({ transport: capped.transport }) as PublicClient });
    expect(await again.store.cursor()).to.deep.equal(cursor);
    await again.follower.catchUp();
    // Three new blocks, read in one call: nothing before the cursor was read again.
    expect(capped.getLogsCalls()).to.equal(1);
    expect(capped.refusals()).to.equal(0);
    expect(await again.store.count()).to.equal(count + 3);
    expect((await admitted(again.store)).slice(-3)).to.deep.equal(holders);
  });

  it("keeps the key columns: works by owner, paged oldest first", async () => {
    const works = await chain.registerWorks(5, "paged");
    const { store, follower } = indexer();
    await follower.catchUp();
    const owner = (await all(store, "WorkRegistered")).find((e) => e.workId === works[0])!.account!;
    const first = await store.events({ eventName: "WorkRegistered", account: owner }, { limit: 2 });
    expect(first.events.map((e) => e.workId)).to.deep.equal(works.slice(0, 2));
    const second = await store.events({ eventName: "WorkRegistered", account: owner }, { after: first.next!, limit: 2 });
    expect(second.events.map((e) => e.workId)).to.deep.equal(works.slice(2, 4));
    const third = await store.events({ eventName: "WorkRegistered", account: owner }, { after: second.next!, limit: 2 });
    expect(third.events.map((e) => e.workId)).to.deep.equal(works.slice(4));
    expect(third.next).to.equal(null);
    expect((await store.events({ eventName: "WorkRegistered", workId: works[3]! }, { limit: 10 })).events).to.have.length(1);
  });
});
