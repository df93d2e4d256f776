/**
 * A PostgreSQL server that goes away and comes back: queries meanwhile fail as 503 DATABASE_UNAVAILABLE
 * (never a crash, never a half-written chunk), and the same store works again once the server is back.
 */
import { expect } from "chai";
import type { Hex } from "viem";
import { AppError } from "../../../../server/errors.ts";
import { PgStore } from "../../../../server/store/postgres/pg-store.ts";
import type { StoredItem } from "../../../../server/features/brands/store/types.ts";
import { itemLeaf, itemLeaves } from "../../../../server/features/brands/store/item-leaves.ts";
import { startTestPostgres, type TestPostgres } from "../../../helpers/postgres.ts";

const BATCH = `0x${"0b".repeat(32)}` as Hex;
const CHUNK = 20_000;
const CHUNKS = 12;

/** The items of chunk `n`, with their true leaves: PostgreSQL keeps no leaves and computes them from the serials. */
const chunk = (n: number): StoredItem[] => {
  const serials = Array.from({ length: CHUNK }, (_, i) => `S${n * CHUNK + i}`);
  const leaves = itemLeaves({ id: BATCH, expiry: undefined }, serials);
  return serials.map((serial, i) => ({ index: n * CHUNK + i, serial, leaf: leaves.slice(i * 32, i * 32 + 32), signature: new Uint8Array(64).fill(7) }));
};

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );
}

function expectUnavailable(error: unknown) {
  expect(error).to.be.instanceOf(AppError);
  const e = error as AppError;
  expect([e.status, e.code, e.headers?.["Retry-After"]]).to.deep.equal([503, "DATABASE_UNAVAILABLE", "5"]);
}

describe("PgStore when the database restarts", function () {
  let server: TestPostgres;
  let store: PgStore;
  before(async function () {
    server = await startTestPostgres();
  });
  after(async function () {
    await store?.close().catch(() => undefined);
    await server.stop();
  });

  it("keeps a statement's own error (a constraint the server enforces) apart from an unavailable database", async function () {
    const local = await PgStore.open(await server.createDatabase());
    try {
      const org = { id: "acme", name: "Acme", kind: "brand" as const, brandId: undefined, parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() };
      await local.createOrganisation(org, [], "h");
      const error = await failure(local.createOrganisation({ ...org, id: "acme-2" }, [], "h2"));
      expect(error).not.to.be.instanceOf(AppError);
      expect((error as { code?: string }).code).to.equal("23505");
    } finally {
      await local.close();
    }
  });

  it("answers 503 DATABASE_UNAVAILABLE while the server is down, loses no chunk half-way, and reconnects when it is back", async function () {
    store = await PgStore.open(await server.createDatabase(), { connectionTimeoutMs: 2_000 });
    await store.createOrganisation({ id: "acme", name: "Acme", kind: "brand", brandId: undefined, parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() }, [], "h");
    await store.createBatch({ id: BATCH, orgId: "acme", brandId: BATCH, gtin: "09506000134352", lot: "L", expiry: undefined, quantity: CHUNK * CHUNKS, metadataUri: "", signer: `0x${"00".repeat(20)}`, serials: undefined });

    // The generation loop the anchoring worker runs, with the server stopped under it after two chunks.
    let written = 0;
    let stopping: Promise<void> | undefined;
    let writeError: unknown;
    for (let n = 0; n < CHUNKS; n++) {
      if (n === 2) stopping = new Promise((resolve) => setTimeout(resolve, 20)).then(() => server.stopServer());
      try {
        await store.appendItems(BATCH, chunk(n));
        written++;
      } catch (error) {
        writeError = error;
        break;
      }
    }
    await stopping;
    expectUnavailable(writeError);
    expectUnavailable(await failure(store.getBatch(BATCH)));
    expectUnavailable(await failure(store.ping()));

    await server.startServer();
    const batch = await store.getBatch(BATCH);
    // Whole chunks only: the count and the rows agree, and every chunk that was acknowledged is there.
    expect(batch!.generated % CHUNK).to.equal(0);
    expect(batch!.generated).to.be.at.least(written * CHUNK);
    expect((await store.leaves(BATCH)).length).to.equal(batch!.generated * 32);

    // And the loop resumes where the store says it stopped, to the end.
    for (let n = batch!.generated / CHUNK; n < CHUNKS; n++) await store.appendItems(BATCH, chunk(n));
    const leaves = await store.leaves(BATCH);
    expect(leaves.length).to.equal(CHUNK * CHUNKS * 32);
    for (const index of [0, CHUNK - 1, CHUNK * 5 + 3, CHUNK * CHUNKS - 1]) {
      expect(Buffer.from(leaves.subarray(index * 32, index * 32 + 32))).to.deep.equal(Buffer.from(itemLeaf({ id: BATCH, expiry: undefined }, `S${index}`)));
    }
  });
});
