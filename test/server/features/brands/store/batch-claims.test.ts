/**
 * What only PostgreSQL's batch claims must do (the store contract covers what both stores do): pass over a
 * batch another instance is claiming at this moment instead of waiting for it, and time the lease by the
 * database's clock.
 */
import { expect } from "chai";
import pg from "pg";
import type { Hex } from "viem";
import { PgStore } from "../../../../../server/store/postgres/pg-store.ts";
import { sharedTestPostgres } from "../../../../helpers/postgres.ts";

const batchId = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const newBatch = (n: number) => ({
  id: batchId(n),
  orgId: "acme",
  brandId: `0x${"a1".repeat(32)}` as Hex,
  gtin: "09506000134352",
  lot: "L1",
  expiry: undefined,
  quantity: 10,
  metadataUri: "",
  signer: `0x${"09".repeat(20)}` as const,
  serials: undefined,
});

describe("PgStore batch claims", function () {
  let url: string;
  let store: PgStore;
  let other: pg.Client;

  beforeEach(async function () {
    url = await (await sharedTestPostgres()).createDatabase();
    store = await PgStore.open(url);
    await store.createOrganisation({ id: "acme", name: "Acme", kind: "brand", brandId: undefined, parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() }, [], "h");
    for (const n of [1, 2]) await store.createBatch(newBatch(n));
    other = new pg.Client({ connectionString: url });
    await other.connect();
  });
  afterEach(async function () {
    await other.end();
    await store.close();
  });

  it("takes the next batch, without waiting, while another instance holds the oldest one's row mid-claim", async function () {
    await other.query("BEGIN");
    await other.query("SELECT id FROM batches WHERE id = $1 FOR UPDATE", [batchId(1)]);
    const timeout = new Promise<"blocked">((resolve) => setTimeout(() => resolve("blocked"), 3_000));
    const claimed = await Promise.race([store.claimBatchWork("instance-b", 60_000), timeout]);
    await other.query("ROLLBACK");
    expect(claimed).to.not.equal("blocked");
    expect((claimed as Awaited<ReturnType<PgStore["claimBatchWork"]>>)?.id).to.equal(batchId(2));
  });

  it("sets and judges the claim's end by the database's clock", async function () {
    await store.claimBatchWork("instance-a", 60_000);
    const { rows } = await other.query<{ left: number }>("SELECT EXTRACT(EPOCH FROM claim_expires_at - now())::float8 AS left FROM batches WHERE id = $1", [batchId(1)]);
    expect(rows[0]!.left).to.be.within(58, 60);
    // The database's clock passes the end (as it would after 60 s): the claim is free, whatever this process's clock says.
    await other.query("UPDATE batches SET claim_expires_at = now() - interval '1 millisecond' WHERE id = $1", [batchId(1)]);
    expect((await store.claimBatchWork("instance-b", 60_000))?.id).to.equal(batchId(1));
  });
});
