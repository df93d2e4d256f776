/**
 * The anchoring worker's hold on a batch (server/features/brands/batch-lease.ts) over a real store: the heartbeat
 * keeps the claim past its first end, and once another instance holds the batch the worker is told to stop,
 * both at its next check between chunks and right before a send.
 */
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { Hex } from "viem";
import { SqliteStore } from "../../../../server/store/sqlite-store.ts";
import { BatchLease, LeaseLostError } from "../../../../server/features/brands/batch-lease.ts";

const ID = `0x${"01".repeat(32)}` as Hex;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("BatchLease", function () {
  let dir: string;
  let store: SqliteStore;
  let lease: BatchLease | undefined;

  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-lease-"));
    store = new SqliteStore(path.join(dir, "veritrace.db"));
    await store.createOrganisation({ id: "acme", name: "Acme", kind: "brand", brandId: "0x01", parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() }, [], "h");
    await store.createBatch({ id: ID, orgId: "acme", brandId: "0x01", gtin: "09506000134352", lot: "L1", expiry: undefined, quantity: 1, metadataUri: "", signer: `0x${"09".repeat(20)}`, serials: undefined });
  });
  afterEach(async function () {
    lease?.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the claim, by its heartbeat, well past the lease while the worker works", async function () {
    await store.claimBatchWork("instance-a", 300);
    lease = new BatchLease({ store, batchId: ID, owner: "instance-a", leaseMs: 300, logger: pino({ level: "silent" }) });
    await sleep(1_000);
    expect(await store.claimBatchWork("instance-b", 300)).to.equal(undefined);
    lease.check();
    await lease.confirm();
  });

  it("tells the worker to stop once another instance took the batch over, before a send and between chunks", async function () {
    await store.claimBatchWork("instance-a", 300);
    lease = new BatchLease({ store, batchId: ID, owner: "instance-a", leaseMs: 300, logger: pino({ level: "silent" }) });
    // The holder stalls (its heartbeat stopped), the claim runs out, and another instance claims the batch.
    lease.stop();
    await sleep(400);
    expect((await store.claimBatchWork("instance-b", 60_000))?.id).to.equal(ID);
    let lost: unknown;
    await lease.confirm().catch((error: unknown) => (lost = error));
    expect(lost).to.be.instanceOf(LeaseLostError);
    expect(() => lease!.check()).to.throw(LeaseLostError);
    // The new holder's claim is untouched: the batch stays unclaimable for a third instance.
    expect(await store.claimBatchWork("instance-c", 60_000)).to.equal(undefined);
  });
});
