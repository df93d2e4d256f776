/**
 * One store, two implementations: every behaviour here runs against SqliteStore and PgStore alike, so that
 * the service behaves the same on either. PostgreSQL is a real private server (test/helpers/postgres.ts);
 * each test gets a fresh database.
 */
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hexToBytes, type Address, type Hex } from "viem";
import { randomBytes } from "node:crypto";
import { itemIdBytes, leafBytes } from "../../../core/ids.ts";
import { ItemMerkleTree } from "../../../core/merkle.ts";
import { PgStore } from "../../../server/store/postgres/pg-store.ts";
import { storedTreeOf } from "../../../server/features/brands/trees/stored-tree.ts";
import { SqliteStore } from "../../../server/store/sqlite-store.ts";
import type { Account, Organisation } from "../../../server/features/organisations/store/types.ts";
import type { Inspection, Party, Shipment } from "../../../server/features/shipments/store/types.ts";
import type { Batch, IssuedItem, NewBatch, StoredItem } from "../../../server/features/brands/store/types.ts";
import type { Store } from "../../../server/store/store.ts";
import type { IntelligenceFilter } from "../../../server/features/intelligence/store/types.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";

const ACME = `0x${"a1".repeat(32)}` as Hex;
const GLOBEX = `0x${"b2".repeat(32)}` as Hex;
const GTIN = "09506000134352";
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse("2026-03-01T10:00:00Z");
const BUDGET = { perNetwork: 3, windowMs: HOUR };

const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const batchId = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const iso = (ms: number) => new Date(ms).toISOString();
/** The leaf of batch `n`'s item `serial` (no expiry), as issuing computes it: PostgreSQL computes it again when read. */
const leafOf = (n: number, serial: string) => leafBytes(itemIdBytes(hexToBytes(batchId(n)), serial), 0);
/** Item `index` of batch `n` (1 unless given). */
const item = (index: number, serial = `S${index}`, n = 1): StoredItem => ({ index, serial, leaf: leafOf(n, serial), signature: bytes(64, 200 - index) });
/** Items as plain values (bytes in hex), so that Buffer and Uint8Array compare alike. */
const plain = (items: Array<IssuedItem & { leaf?: Uint8Array }>) =>
  items.map((i) => ({ index: i.index, serial: i.serial, ...(i.leaf ? { leaf: hex(i.leaf) } : {}), signature: hex(i.signature) }));
const withoutLeaf = ({ index, serial, signature }: StoredItem): IssuedItem => ({ index, serial, signature });

function organisation(id: string, overrides: Partial<Organisation> = {}): Organisation {
  return { id, name: `Org ${id}`, kind: "brand", brandId: undefined, parentId: undefined, metadataUri: `ipfs://${id}`, createdAt: iso(T0), ...overrides };
}
function account(n: number, orgId: string, overrides: Partial<Account> = {}): Account {
  return { address: address(n), orgId, role: "signer", encryptedKey: bytes(48, n), createdAt: iso(T0), removedAt: undefined, ...overrides };
}
function newBatch(n: number, orgId: string, overrides: Partial<NewBatch> = {}): NewBatch {
  return { id: batchId(n), orgId, brandId: ACME, gtin: GTIN, lot: "L1", expiry: undefined, quantity: 10, metadataUri: "ipfs://batch", signer: address(900), serials: undefined, ...overrides };
}

type Implementation = {
  name: string;
  before?: () => Promise<void>;
  after?: () => Promise<void>;
  open: () => Promise<Store>;
  /** The database `open` last made, opened again (as after a restart). */
  reopen: () => Promise<Store>;
  cleanup: () => Promise<void>;
};

function sqlite(): Implementation {
  let dir: string | undefined;
  return {
    name: "SqliteStore",
    async open() {
      dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-contract-"));
      return new SqliteStore(path.join(dir, "veritrace.db"));
    },
    async reopen() {
      return new SqliteStore(path.join(dir!, "veritrace.db"));
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function postgres(): Implementation {
  let server: TestPostgres | undefined;
  let database: Awaited<ReturnType<TestPostgres["createDatabase"]>> | undefined;
  return {
    name: "PgStore",
    async before() {
      server = await startTestPostgres();
    },
    async after() {
      await server?.stop();
    },
    async open() {
      database = await server!.createDatabase();
      return PgStore.open(database);
    },
    async reopen() {
      return PgStore.open(database!);
    },
    async cleanup() {},
  };
}

for (const implementation of [sqlite(), postgres()]) {
  describe(`Store contract: ${implementation.name}`, function () {
    let store: Store;
    before(async function () {
      await implementation.before?.();
    });
    after(async function () {
      await implementation.after?.();
    });
    beforeEach(async function () {
      store = await implementation.open();
    });
    afterEach(async function () {
      await store.close();
      await implementation.cleanup();
    });

    /** A brand organisation with one signer, and its batch of `count` items stored. */
    async function brandWithBatch(orgId: string, n: number, count: number, overrides: Partial<NewBatch> = {}) {
      if ((await store.getOrganisation(orgId)) === undefined) await store.createOrganisation(organisation(orgId), [], `hash-${orgId}`);
      await store.createBatch(newBatch(n, orgId, overrides));
      await store.appendItems(batchId(n), Array.from({ length: count }, (_, i) => item(i, undefined, n)));
    }

    describe("organisations and accounts", function () {
      it("creates an organisation with its accounts and API key, found by id, name and key hash", async function () {
        const acme = organisation("acme", { brandId: ACME });
        await store.createOrganisation(acme, [account(1, "acme", { role: "admin" }), account(2, "acme")], "hash-acme");
        expect(await store.getOrganisation("acme")).to.deep.equal(acme);
        expect(await store.findOrganisationByName("Org acme")).to.deep.equal(acme);
        expect(await store.findOrganisationByApiKeyHash("hash-acme")).to.deep.equal(acme);
        expect(await store.getOrganisation("nobody")).to.equal(undefined);
        expect(await store.findOrganisationByApiKeyHash("hash-nobody")).to.equal(undefined);
        const accounts = await store.listAccounts("acme");
        expect(accounts.map((a) => [a.address, a.role, hex(a.encryptedKey), a.removedAt])).to.deep.equal([
          [address(1), "admin", hex(bytes(48, 1)), undefined],
          [address(2), "signer", hex(bytes(48, 2)), undefined],
        ]);
      });

      it("writes nothing of an organisation whose creation fails (one transaction)", async function () {
        await store.createOrganisation(organisation("acme"), [account(1, "acme")], "hash-acme");
        // The same account address again: the organisation row must not stay behind.
        const failed = await Promise.resolve()
          .then(() => store.createOrganisation(organisation("globex"), [account(1, "globex")], "hash-globex"))
          .then(() => false, () => true);
        expect(failed).to.equal(true);
        expect(await store.getOrganisation("globex")).to.equal(undefined);
        expect(await store.findOrganisationByApiKeyHash("hash-globex")).to.equal(undefined);
      });

      it("lists organisations oldest first, with a retailer's parent", async function () {
        await store.createOrganisation(organisation("b", { createdAt: iso(T0 + 1) }), [], "h-b");
        await store.createOrganisation(organisation("a", { createdAt: iso(T0) }), [], "h-a");
        await store.createOrganisation(organisation("r", { kind: "retailer", parentId: "a", createdAt: iso(T0 + 2) }), [], "h-r");
        const list = await store.listOrganisations();
        expect(list.map((o) => o.id)).to.deep.equal(["a", "b", "r"]);
        expect(list[2]!.parentId).to.equal("a");
      });

      it("adds accounts in order and marks one removed", async function () {
        await store.createOrganisation(organisation("acme"), [account(1, "acme")], "hash-acme");
        await store.addAccount(account(2, "acme"));
        await store.addAccount(account(3, "acme"));
        await store.markAccountRemoved(address(2), iso(T0 + HOUR));
        expect((await store.listAccounts("acme")).map((a) => [a.address, a.removedAt])).to.deep.equal([
          [address(1), undefined],
          [address(2), iso(T0 + HOUR)],
          [address(3), undefined],
        ]);
        const one = await store.getAccount(address(3));
        expect(one && { ...one, encryptedKey: hex(one.encryptedKey) }).to.deep.equal({ ...account(3, "acme"), encryptedKey: hex(bytes(48, 3)) });
        expect(await store.getAccount(address(99))).to.equal(undefined);
      });
    });

    describe("batches", function () {
      beforeEach(async function () {
        await store.createOrganisation(organisation("acme", { brandId: ACME }), [], "hash-acme");
      });

      it("refuses, writing nothing, a batch whose id or idempotency key is taken", async function () {
        const response = { requestHash: "h1", status: 202, body: { id: batchId(1) } };
        expect(await store.createBatch(newBatch(1, "acme"), { orgId: "acme", key: "k1", response })).to.not.equal(undefined);
        expect(await store.createBatch(newBatch(1, "acme"))).to.equal(undefined);
        // Same key, new batch: neither the batch nor a second key row is written.
        expect(await store.createBatch(newBatch(2, "acme"), { orgId: "acme", key: "k1", response: { ...response, requestHash: "h2" } })).to.equal(undefined);
        expect(await store.getBatch(batchId(2))).to.equal(undefined);
        expect((await store.getIdempotentResponse("acme", "k1"))?.requestHash).to.equal("h1");
        // Taken id, new key: the key is not kept either.
        expect(await store.createBatch(newBatch(1, "acme"), { orgId: "acme", key: "k2", response })).to.equal(undefined);
        expect(await store.getIdempotentResponse("acme", "k2")).to.equal(undefined);
      });

      it("creates a batch generating, with nothing generated and no chain fields", async function () {
        const created = await store.createBatch(newBatch(1, "acme", { expiry: 261231 }));
        expect(created).to.deep.include({ id: batchId(1), orgId: "acme", brandId: ACME, gtin: GTIN, lot: "L1", expiry: 261231, quantity: 10, state: "generating", generated: 0 });
        for (const field of ["merkleRoot", "transactionHash", "rawTransaction", "blockNumber", "error", "confirmedAt"] as const) expect(created![field]).to.equal(undefined);
        expect(await store.getBatch(batchId(1))).to.deep.equal(created);
        expect(await store.getBatch(batchId(2))).to.equal(undefined);
        expect(await store.requestedSerials(batchId(1))).to.equal(undefined);
      });

      it("keeps the brand's own serials in order", async function () {
        await store.createBatch(newBatch(1, "acme", { serials: ["z", "a", "m"], quantity: 3 }));
        expect(await store.requestedSerials(batchId(1))).to.deep.equal(["z", "a", "m"]);
      });

      it("updates chain fields (block numbers past 2^31 included) and clears them with undefined", async function () {
        await store.createBatch(newBatch(1, "acme"));
        const root = `0x${"cd".repeat(32)}` as Hex;
        await store.updateBatch(batchId(1), { state: "submitted", merkleRoot: root, transactionHash: root, rawTransaction: "0x02ff", blockNumber: 5_000_000_000, error: "boom" });
        expect(await store.getBatch(batchId(1))).to.deep.include({ state: "submitted", merkleRoot: root, transactionHash: root, rawTransaction: "0x02ff", blockNumber: 5_000_000_000, error: "boom" });
        await store.updateBatch(batchId(1), { error: undefined, state: "confirmed", confirmedAt: iso(T0) });
        const batch = await store.getBatch(batchId(1));
        expect(batch).to.deep.include({ state: "confirmed", confirmedAt: iso(T0), blockNumber: 5_000_000_000 });
        expect(batch!.error).to.equal(undefined);
      });

      it("lists an organisation's batches newest first, batches in given states oldest first, and counts them by state", async function () {
        for (const n of [1, 2, 3]) await store.createBatch(newBatch(n, "acme"));
        await store.updateBatch(batchId(2), { state: "confirmed" });
        await store.updateBatch(batchId(3), { state: "failed" });
        expect((await store.listBatches("acme")).map((b) => b.id)).to.deep.equal([batchId(3), batchId(2), batchId(1)]);
        expect((await store.listBatchesInState("generating", "failed")).map((b) => b.id)).to.deep.equal([batchId(1), batchId(3)]);
        expect(await store.countBatchesByState()).to.deep.equal({ generating: 1, anchoring: 0, submitted: 0, confirmed: 1, failed: 1 });
      });

      it("stores the idempotent response with the batch, and neither when the batch is refused", async function () {
        const response = { requestHash: "rh", status: 201, body: { id: batchId(1), nested: { b: 1, a: [2] } } };
        await store.createBatch(newBatch(1, "acme"), { orgId: "acme", key: "k1", response });
        expect(await store.getIdempotentResponse("acme", "k1")).to.deep.equal(response);
        expect(await store.getIdempotentResponse("acme", "k2")).to.equal(undefined);
        expect(await store.createBatch(newBatch(1, "acme"), { orgId: "acme", key: "k2", response })).to.equal(undefined);
        expect(await store.getIdempotentResponse("acme", "k2")).to.equal(undefined);
      });
    });

    describe("batch claims", function () {
      /** Long enough never to run out during a test, even on a loaded machine. */
      const LIVE = 60_000;
      /** Short enough to wait out: the claim has expired by the database's clock after SHORT + a margin. */
      const SHORT = 150;
      const expire = () => new Promise((resolve) => setTimeout(resolve, SHORT + 100));

      beforeEach(async function () {
        await store.createOrganisation(organisation("acme", { brandId: ACME }), [], "hash-acme");
      });

      it("gives the oldest unfinished batch to one owner; a second owner gets nothing while that claim is live", async function () {
        for (const n of [1, 2]) await store.createBatch(newBatch(n, "acme"));
        await store.updateBatch(batchId(1), { state: "confirmed" });
        const claimed = await store.claimBatchWork("instance-a", LIVE);
        expect(claimed).to.deep.include({ id: batchId(2), state: "generating" });
        expect(await store.claimBatchWork("instance-b", LIVE)).to.equal(undefined);
        // The holder gets its own batch again (it goes on with the next step).
        expect((await store.claimBatchWork("instance-a", LIVE))?.id).to.equal(batchId(2));
      });

      it("lets a second owner take a batch whose claim expired; the first owner's renewal then fails", async function () {
        await store.createBatch(newBatch(1, "acme"));
        expect((await store.claimBatchWork("instance-a", SHORT))?.id).to.equal(batchId(1));
        await expire();
        expect((await store.claimBatchWork("instance-b", LIVE))?.id).to.equal(batchId(1));
        expect(await store.renewBatchClaim(batchId(1), "instance-a", LIVE)).to.equal(false);
        expect(await store.renewBatchClaim(batchId(1), "instance-b", LIVE)).to.equal(true);
        // The loser's release leaves the winner's claim alone.
        await store.releaseBatchClaim(batchId(1), "instance-a");
        expect(await store.claimBatchWork("instance-c", LIVE)).to.equal(undefined);
      });

      it("keeps a renewed claim past its first end, and frees a released one at once", async function () {
        await store.createBatch(newBatch(1, "acme"));
        await store.claimBatchWork("instance-a", SHORT);
        expect(await store.renewBatchClaim(batchId(1), "instance-a", LIVE)).to.equal(true);
        await expire();
        expect(await store.claimBatchWork("instance-b", LIVE)).to.equal(undefined);
        await store.releaseBatchClaim(batchId(1), "instance-a");
        expect((await store.claimBatchWork("instance-b", LIVE))?.id).to.equal(batchId(1));
        expect(await store.renewBatchClaim(batchId(1), "instance-a", LIVE)).to.equal(false);
      });

      it("gives owners claiming at the same moment different batches, never one batch twice", async function () {
        for (const n of [1, 2, 3]) await store.createBatch(newBatch(n, "acme"));
        const owners = ["instance-a", "instance-b", "instance-c", "instance-d"];
        const claims = await Promise.all(owners.map((owner) => store.claimBatchWork(owner, LIVE)));
        const ids = claims.filter((batch) => batch !== undefined).map((batch) => batch.id);
        expect([...ids].sort()).to.deep.equal([batchId(1), batchId(2), batchId(3)]);
      });

      it("claims no finished batch, and an owner's own batch before an older free one", async function () {
        for (const n of [1, 2, 3]) await store.createBatch(newBatch(n, "acme"));
        await store.updateBatch(batchId(1), { state: "failed" });
        expect((await store.claimBatchWork("instance-a", LIVE))?.id).to.equal(batchId(2));
        await store.updateBatch(batchId(2), { state: "submitted" });
        await store.createBatch(newBatch(0, "acme"));
        // Batch 3 is free (and older than the new batch 0), but instance-a finishes its batch 2 first.
        expect((await store.claimBatchWork("instance-a", LIVE))?.id).to.equal(batchId(2));
        await store.updateBatch(batchId(2), { state: "confirmed" });
        expect((await store.claimBatchWork("instance-a", LIVE))?.id).to.equal(batchId(3));
      });
    });

    describe("items", function () {
      it("appends items, advancing generated, and gives leaves in item order", async function () {
        await store.createOrganisation(organisation("acme"), [], "h");
        await store.createBatch(newBatch(1, "acme"));
        await store.appendItems(batchId(1), [item(0), item(1), item(2)]);
        await store.appendItems(batchId(1), [item(3, "with\ttab\\and\nnewline")]);
        expect((await store.getBatch(batchId(1)))!.generated).to.equal(4);
        expect(hex(await store.leaves(batchId(1)))).to.equal(["S0", "S1", "S2", "with\ttab\\and\nnewline"].map((serial) => hex(leafOf(1, serial))).join(""));
        expect([...(await store.storedSerials(batchId(1)))].sort()).to.deep.equal(["S0", "S1", "S2", "with\ttab\\and\nnewline"].sort());
        expect(await store.leaves(batchId(2))).to.have.length(0);
      });

      it("iterates items in chunks of the size asked for", async function () {
        await brandWithBatch("acme", 1, 7);
        const chunks: IssuedItem[][] = [];
        for await (const chunk of store.iterateItems(batchId(1), 3)) chunks.push(chunk);
        expect(chunks.map((c) => c.length)).to.deep.equal([3, 3, 1]);
        expect(plain(chunks.flat())).to.deep.equal(plain(Array.from({ length: 7 }, (_, i) => withoutLeaf(item(i)))));
      });

      it("never counts an item it did not store: a repeated serial leaves neither items nor count", async function () {
        await brandWithBatch("acme", 1, 2);
        const failed = await Promise.resolve()
          .then(() => store.appendItems(batchId(1), [item(2), item(3, "S0")]))
          .then(() => false, () => true);
        expect(failed).to.equal(true);
        expect((await store.getBatch(batchId(1)))!.generated).to.equal(2);
        expect(await store.leaves(batchId(1))).to.have.length(64);
      });

      it("finds an item per brand, and every brand's item with the same GTIN, lot and serial, oldest first", async function () {
        await brandWithBatch("acme", 1, 2, { brandId: ACME });
        await brandWithBatch("globex", 2, 2, { brandId: GLOBEX });
        const found = await store.findItem(GLOBEX.toUpperCase().replace("0X", "0x") as Hex, GTIN, "L1", "S1");
        expect(found?.batch.id).to.equal(batchId(2));
        expect(plain([found!.item])).to.deep.equal(plain([item(1, "S1", 2)]));
        expect((await store.findItems(GTIN, "L1", "S1")).map(({ batch, item }) => [batch.id, batch.orgId, item.index])).to.deep.equal([
          [batchId(1), "acme", 1],
          [batchId(2), "globex", 1],
        ]);
        expect(await store.findItem(ACME, GTIN, "L2", "S1")).to.equal(undefined);
        expect(await store.findItems(GTIN, "L1", "S9")).to.deep.equal([]);
      });
    });

    describe("failed batches: retry and discard", function () {
      const LIVE = 60_000;
      const root = `0x${"cd".repeat(32)}` as Hex;

      beforeEach(async function () {
        await store.createOrganisation(organisation("acme", { brandId: ACME }), [], "hash-acme");
      });

      /** Batch 1 of acme, `count` items made by the service, failed after its root and a transaction were recorded. */
      async function failedBatch(count: number, overrides: Partial<NewBatch> = {}) {
        await brandWithBatch("acme", 1, count, overrides);
        await store.trees.save(batchId(1), storedTreeOf(ItemMerkleTree.fromLeafBytes(await store.leaves(batchId(1)))));
        await store.updateBatch(batchId(1), { state: "failed", merkleRoot: root, transactionHash: root, rawTransaction: "0x02ff", blockNumber: 7, error: "Signer removed" });
      }

      it("retries a failed batch: the same serials kept to issue again, items and tree gone, chain fields and error cleared, the new signer recorded", async function () {
        await failedBatch(3);
        const outcome = await store.retryFailedBatch(batchId(1), address(901));
        expect(outcome).to.have.property("batch");
        const batch = (outcome as { batch: Batch }).batch;
        expect(batch).to.deep.include({ state: "generating", generated: 0, signer: address(901), quantity: 10 });
        for (const field of ["merkleRoot", "transactionHash", "rawTransaction", "blockNumber", "error", "confirmedAt"] as const) expect(batch[field], field).to.equal(undefined);
        expect(await store.getBatch(batchId(1))).to.deep.equal(batch);
        expect(await store.requestedSerials(batchId(1))).to.deep.equal(["S0", "S1", "S2"]);
        expect(await store.storedSerials(batchId(1))).to.deep.equal(new Set());
        expect(await store.trees.proof(batchId(1), 3, 0)).to.equal(undefined);
        // Unfinished again: the anchoring worker claims it.
        expect((await store.claimBatchWork("instance-a", LIVE))?.id).to.equal(batchId(1));
        // Items can be appended again from index 0 under the same serials.
        await store.appendItems(batchId(1), [item(0)]);
        expect((await store.getBatch(batchId(1)))!.generated).to.equal(1);
      });

      it("keeps a brand's own serial list as it is when retrying", async function () {
        await failedBatch(1, { serials: ["z", "a", "m"], quantity: 3 });
        await store.retryFailedBatch(batchId(1), address(901));
        expect(await store.requestedSerials(batchId(1))).to.deep.equal(["z", "a", "m"]);
      });

      it("discards a failed batch with its items, tree and the idempotent response that answered with it; its id is free again", async function () {
        const response = { requestHash: "h1", status: 202, body: { id: batchId(1) } };
        await store.createBatch(newBatch(1, "acme"), { orgId: "acme", key: "k1", response });
        await store.createBatch(newBatch(2, "acme"), { orgId: "acme", key: "k2", response: { ...response, body: { id: batchId(2) } } });
        await store.appendItems(batchId(1), [item(0), item(1)]);
        await store.updateBatch(batchId(1), { state: "failed", error: "boom" });
        expect(await store.discardFailedBatch(batchId(1))).to.deep.equal({ discarded: true });
        expect(await store.getBatch(batchId(1))).to.equal(undefined);
        expect(await store.findItems(GTIN, "L1", "S0")).to.deep.equal([]);
        expect(await store.getIdempotentResponse("acme", "k1")).to.equal(undefined);
        expect(await store.getIdempotentResponse("acme", "k2")).to.not.equal(undefined);
        expect((await store.listBatches("acme")).map((b) => b.id)).to.deep.equal([batchId(2)]);
        expect(await store.createBatch(newBatch(1, "acme"), { orgId: "acme", key: "k1", response })).to.not.equal(undefined);
        expect(await store.storedSerials(batchId(1))).to.deep.equal(new Set());
      });

      it("refuses both, changing nothing, for a batch that is not failed, and a second of two racing requests", async function () {
        await brandWithBatch("acme", 1, 2);
        expect(await store.retryFailedBatch(batchId(1), address(901))).to.deep.equal({ refused: "not-failed" });
        expect(await store.discardFailedBatch(batchId(1))).to.deep.equal({ refused: "not-failed" });
        expect(await store.discardFailedBatch(batchId(9))).to.deep.equal({ refused: "not-failed" });
        await store.updateBatch(batchId(1), { state: "failed" });
        const outcomes = await Promise.all([store.retryFailedBatch(batchId(1), address(901)), store.discardFailedBatch(batchId(1))]);
        expect(outcomes.filter((o) => "refused" in o)).to.deep.equal([{ refused: "not-failed" }]);
      });

      it("refuses both while an instance holds an unexpired claim on the batch, and retries once it is released", async function () {
        await brandWithBatch("acme", 1, 2);
        expect((await store.claimBatchWork("instance-a", LIVE))?.id).to.equal(batchId(1));
        await store.updateBatch(batchId(1), { state: "failed" });
        expect(await store.retryFailedBatch(batchId(1), address(901))).to.deep.equal({ refused: "claimed" });
        expect(await store.discardFailedBatch(batchId(1))).to.deep.equal({ refused: "claimed" });
        expect((await store.getBatch(batchId(1)))!.generated).to.equal(2);
        await store.releaseBatchClaim(batchId(1), "instance-a");
        expect(await store.retryFailedBatch(batchId(1), address(901))).to.have.property("batch");
        // The claim is cleared with the retry: the old holder's renewal fails, so it never touches the batch again.
        expect(await store.renewBatchClaim(batchId(1), "instance-a", LIVE)).to.equal(false);
      });
    });

    describe("trees", function () {
      /** A batch of `count` items with random serials (so leaves in random order), its tree built in memory and stored. */
      async function batchWithTree(n: number, count: number): Promise<ItemMerkleTree> {
        if ((await store.getOrganisation("acme")) === undefined) await store.createOrganisation(organisation("acme"), [], "hash-acme");
        await store.createBatch(newBatch(n, "acme", { quantity: count }));
        const items = Array.from({ length: count }, (_, i) => item(i, randomBytes(8).toString("hex").toUpperCase(), n));
        for (let at = 0; at < count; at += 500) await store.appendItems(batchId(n), items.slice(at, at + 500));
        const tree = ItemMerkleTree.fromLeaves(items.map((i) => i.leaf));
        await store.trees.save(batchId(n), storedTreeOf(tree));
        return tree;
      }

      for (const count of [1, 2, 3, 16, 17, 1023, 1025]) {
        it(`gives every proof of a ${count}-item batch from storage as the in-memory tree does`, async function () {
          const tree = await batchWithTree(1, count);
          for (let index = 0; index < count; index++) {
            expect(await store.trees.proof(batchId(1), count, index), `proof ${index}`).to.deep.equal(tree.proof(index));
          }
        });
      }

      it("keeps the tree across a restart: proofs need no rebuild", async function () {
        const tree = await batchWithTree(1, 300);
        await store.close();
        store = await implementation.reopen();
        for (const index of [0, 1, 150, 298, 299]) expect(await store.trees.proof(batchId(1), 300, index)).to.deep.equal(tree.proof(index));
      });

      it("keeps each batch's tree apart, and saving a tree again replaces it", async function () {
        const first = await batchWithTree(1, 40);
        const second = await batchWithTree(2, 70);
        await store.trees.save(batchId(1), storedTreeOf(first));
        expect(await store.trees.proof(batchId(1), 40, 39)).to.deep.equal(first.proof(39));
        expect(await store.trees.proof(batchId(2), 70, 69)).to.deep.equal(second.proof(69));
      });

      it("knows which anchored batches have no stored tree, and says so for their proofs", async function () {
        await brandWithBatch("acme", 1, 5);
        await brandWithBatch("acme", 2, 5);
        await brandWithBatch("acme", 3, 5);
        await store.updateBatch(batchId(2), { state: "confirmed" });
        await store.updateBatch(batchId(3), { state: "anchoring" });
        expect((await store.trees.batchesWithoutTree()).map((b) => b.id)).to.deep.equal([batchId(2), batchId(3)]);
        expect(await store.trees.proof(batchId(2), 5, 0)).to.equal(undefined);
        await store.trees.save(batchId(2), storedTreeOf(ItemMerkleTree.fromLeafBytes(await store.leaves(batchId(2)))));
        expect((await store.trees.batchesWithoutTree()).map((b) => b.id)).to.deep.equal([batchId(3)]);
      });
    });

    describe("scan sessions and budgets", function () {
      it("counts the first sessions a network gets in the window, keeps networks apart, and slides", async function () {
        const counted = [];
        for (const i of [0, 1, 2, 3]) counted.push((await store.issueSession(`s${i}`, "203.0.113.0/24", T0 + i * MIN, BUDGET)).counted);
        expect(counted).to.deep.equal([true, true, true, false]);
        expect(await store.getSession("s3")).to.deep.equal({ id: "s3", network: "203.0.113.0/24", issuedAt: T0 + 3 * MIN, counted: false });
        expect((await store.issueSession("b0", "198.51.100.0/24", T0, BUDGET)).counted).to.equal(true);
        expect((await store.issueSession("late", "203.0.113.0/24", T0 + HOUR - 1, BUDGET)).counted).to.equal(false);
        expect((await store.issueSession("later", "203.0.113.0/24", T0 + HOUR + 30_000, BUDGET)).counted).to.equal(true);
        expect(await store.getSession("nope")).to.equal(undefined);
      });

      it("forgets uncounted sessions after the window and keeps counted ones", async function () {
        for (let i = 0; i < 5; i++) await store.issueSession(`a${i}`, "n", T0 + i * 1_000, BUDGET);
        expect((await store.getSession("a4"))?.counted).to.equal(false);
        expect((await store.issueSession("next", "n", T0 + 2 * HOUR, BUDGET)).counted).to.equal(true);
        expect(await store.getSession("a4")).to.equal(undefined);
        expect((await store.getSession("a0"))?.counted).to.equal(true);
      });

      it("never counts more than the budget, even when sessions are asked for all at once", async function () {
        // Several networks at once, many sessions each, so that interleaved transactions are all but certain.
        const networks = ["n1", "n2", "n3", "n4", "n5"];
        const sessions = await Promise.all(networks.flatMap((network) => Array.from({ length: 20 }, (_, i) => store.issueSession(`${network}-${i}`, network, T0, BUDGET))));
        for (const network of networks) expect(sessions.filter((s) => s.network === network && s.counted), network).to.have.length(3);
      });
    });

    describe("scans", function () {
      const ITEM = { gtin: GTIN, lot: "L1", serial: "S1" };

      it("keeps each brand's history of one code apart, oldest first, locations coarsened", async function () {
        await store.recordScan({ brandId: ACME, ...ITEM }, { sessionId: "s2", network: "n2", scannedAt: T0 + MIN, country: "JP" });
        await store.recordScan({ brandId: ACME, ...ITEM }, { sessionId: "s1", network: "n1", scannedAt: T0, location: { latitude: 48.8566, longitude: 2.3522 } });
        await store.recordScan({ brandId: GLOBEX, ...ITEM }, { sessionId: "s3", network: "n3", scannedAt: T0 });
        expect(await store.listScans({ brandId: ACME.toUpperCase().replace("0X", "0x") as Hex, ...ITEM })).to.deep.equal([
          { sessionId: "s1", network: "n1", scannedAt: T0, latitude: 48.9, longitude: 2.4 },
          { sessionId: "s2", network: "n2", scannedAt: T0 + MIN, country: "JP" },
        ]);
        expect(await store.listScans({ brandId: GLOBEX, ...ITEM })).to.deep.equal([{ sessionId: "s3", network: "n3", scannedAt: T0 }]);
        expect(await store.listScans({ brandId: GLOBEX, ...ITEM, serial: "S2" })).to.deep.equal([]);
      });

      it("aggregates a brand's counterfeit sightings per product, per day and country, and per reason", async function () {
        const sighting = (serial: string, sessionId: string, network: string, country: string | undefined, scannedAt: number, reason = "UNSIGNED") =>
          store.recordCounterfeitScan({ brandId: ACME, gtin: GTIN, lot: "L1", serial, reason, sessionId, network, country, scannedAt });
        await sighting("X1", "s1", "n1", "FR", T0);
        await sighting("X1", "s1", "n1", "FR", T0 + MIN);
        await sighting("X2", "s2", "n2", undefined, T0 + 25 * HOUR, "BAD_SIGNATURE");
        await sighting("X3", "s3", "n3", "DE", T0 + 25 * HOUR);
        await store.recordCounterfeitScan({ brandId: GLOBEX, gtin: "09506000134369", lot: "G", serial: "1", reason: "UNSIGNED", sessionId: "s9", network: "n9", country: "DE", scannedAt: T0 });
        const counts = await store.countCounterfeitScans(ACME);
        expect(counts.total).to.deep.equal({ scans: 4, sessions: 3, networks: 3 });
        expect(counts.byProduct).to.deep.equal([{ gtin: GTIN, lot: "L1", scans: 4, sessions: 3, networks: 3, serials: 3, firstScanAt: T0, lastScanAt: T0 + 25 * HOUR }]);
        expect(counts.byDayAndCountry).to.deep.equal([
          { day: "2026-03-02", country: null, scans: 1, sessions: 1 },
          { day: "2026-03-02", country: "DE", scans: 1, sessions: 1 },
          { day: "2026-03-01", country: "FR", scans: 2, sessions: 1 },
        ]);
        expect(counts.byReason).to.deep.equal([
          { reason: "UNSIGNED", scans: 3 },
          { reason: "BAD_SIGNATURE", scans: 1 },
        ]);
        expect((await store.countCounterfeitScans(ACME, T0 + HOUR)).total.scans).to.equal(2);
        expect(await store.countCounterfeitScans(`0x${"00".repeat(32)}`)).to.deep.equal({ total: { scans: 0, sessions: 0, networks: 0 }, byProduct: [], byDayAndCountry: [], byReason: [] });
      });

      it("counts counterfeit sightings by GTIN and country since a time, across brands, leaving out those with no country", async function () {
        const sighting = (brandId: Hex, gtin: string, country: string | undefined, scannedAt: number) =>
          store.recordCounterfeitScan({ brandId, gtin, lot: "L", serial: "X", reason: "UNSIGNED", sessionId: "s", network: "n", country, scannedAt });
        await sighting(ACME, GTIN, "FR", T0);
        await sighting(ACME, GTIN, "FR", T0 + HOUR);
        await sighting(ACME, GTIN, "DE", T0 + HOUR);
        await sighting(ACME, GTIN, undefined, T0 + HOUR);
        await sighting(GLOBEX, "09506000134369", "FR", T0 - HOUR);
        const sort = (rows: Array<{ gtin: string; country: string }>) => [...rows].sort((a, b) => `${a.gtin}${a.country}`.localeCompare(`${b.gtin}${b.country}`));
        expect(sort(await store.counterfeitScansByGtinAndCountry(T0 - HOUR))).to.deep.equal([
          { gtin: GTIN, country: "DE", scans: 1 },
          { gtin: GTIN, country: "FR", scans: 2 },
          { gtin: "09506000134369", country: "FR", scans: 1 },
        ]);
        expect(sort(await store.counterfeitScansByGtinAndCountry(T0 + MIN))).to.deep.equal([
          { gtin: GTIN, country: "DE", scans: 1 },
          { gtin: GTIN, country: "FR", scans: 1 },
        ]);
      });
    });

    describe("intelligence", function () {
      const period = (overrides: Partial<IntelligenceFilter> = {}): IntelligenceFilter => ({ brandId: ACME, gtin: undefined, lot: undefined, from: T0 - HOUR, to: T0 + 3 * DAY, ...overrides });
      const scan = (serial: string, sessionId: string, at: number, where: { country?: string; location?: { latitude: number; longitude: number } }, brandId = ACME) =>
        store.recordScan({ brandId, gtin: GTIN, lot: "L1", serial }, { sessionId, network: `net-${sessionId}`, scannedAt: at, ...where });
      const PARIS = { latitude: 48.8566, longitude: 2.3522 };

      beforeEach(async function () {
        // S1 is cloned: seen in FR, DE and JP. S2 is scanned three times in one Paris cell (a hotspot, not a clone).
        await scan("S1", "a", T0, { country: "FR", location: PARIS });
        await scan("S1", "b", T0 + DAY, { country: "DE" });
        await scan("S1", "c", T0 + DAY, { country: "JP" });
        for (const [i, session] of ["d", "e", "e"].entries()) await scan("S2", session, T0 + i * MIN, { country: "FR", location: { latitude: 48.86 + i * 0.001, longitude: 2.35 } });
        await scan("S9", "z", T0, { country: "US" }, GLOBEX);
        for (const [serial, country, at] of [["X1", "FR", T0], ["X1", "FR", T0 + MIN], ["X2", undefined, T0 + DAY]] as const) {
          await store.recordCounterfeitScan({ brandId: ACME, gtin: GTIN, lot: "L1", serial, reason: "UNSIGNED", sessionId: "s", network: "n", country, scannedAt: at });
        }
      });

      it("counts counterfeit scans and scans of cloned codes (suspicious) by day and country", async function () {
        expect(await store.intelligence.verdicts(period())).to.deep.equal([
          { day: "2026-03-01", country: "FR", counterfeit: 2, suspicious: 1 },
          { day: "2026-03-02", country: "DE", counterfeit: 0, suspicious: 1 },
          { day: "2026-03-02", country: "JP", counterfeit: 0, suspicious: 1 },
          { day: "2026-03-02", country: null, counterfeit: 1, suspicious: 0 },
        ]);
        // A clone stays one: its scans after the period that made it are still suspicious. Periods are whole UTC days.
        expect(await store.intelligence.verdicts(period({ from: Date.parse("2026-03-02") }))).to.deep.equal([
          { day: "2026-03-02", country: "DE", counterfeit: 0, suspicious: 1 },
          { day: "2026-03-02", country: "JP", counterfeit: 0, suspicious: 1 },
          { day: "2026-03-02", country: null, counterfeit: 1, suspicious: 0 },
        ]);
        expect(await store.intelligence.verdicts(period({ from: T0 + HOUR }))).to.deep.equal(await store.intelligence.verdicts(period()));
        expect(await store.intelligence.verdicts(period({ gtin: "09506000134369" }))).to.deep.equal([]);
      });

      it("shows 0.1° cells with at least 3 scans only, and codes seen in at least 3 countries or cells", async function () {
        expect(await store.intelligence.hotspots(period())).to.deep.equal([{ latitude: 48.9, longitude: 2.4, scans: 4, sessions: 3 }]);
        expect(await store.intelligence.hotspots(period({ lot: "L2", gtin: GTIN }))).to.deep.equal([]);
        expect(await store.intelligence.cloneClusters(period())).to.deep.equal([
          { gtin: GTIN, lot: "L1", serial: "S1", countries: 3, cells: 1, scans: 3, sessions: 3, firstDay: "2026-03-01", lastDay: "2026-03-02" },
        ]);
        expect(await store.intelligence.cloneClusters(period({ to: Date.parse("2026-03-02") }))).to.have.length(1);
        expect(await store.intelligence.cloneClusters(period({ from: Date.parse("2026-03-03") }))).to.deep.equal([]);
      });
    });

    describe("shipments and inspections", function () {
      const SHIPMENT = `0x${"5e".repeat(32)}` as Hex;
      const customs: Party = { address: address(50), orgId: "customs", kind: "customs", country: "FR", name: "Douane", createdAt: iso(T0) };
      const shipment: Shipment = {
        id: SHIPMENT,
        orgId: "acme",
        shipper: address(51),
        waybill: "WB-1",
        consignee: address(52),
        origin: "CN",
        destination: "FR",
        itemCount: 3,
        itemsRoot: `0x${"77".repeat(32)}` as Hex,
        state: "declaring",
        transactionHash: undefined,
        blockNumber: undefined,
        createdAt: iso(T0),
      };
      const itemIds = new Uint8Array(96).map((_, i) => Math.floor(i / 32) + 10);
      const inspection: Inspection = {
        id: "insp-1",
        shipmentId: SHIPMENT,
        officeOrgId: "customs",
        createdAt: iso(T0 + HOUR),
        report: '{"b":1,"a":2}',
        reportHash: `0x${"99".repeat(32)}` as Hex,
        outcome: undefined,
        brandIds: [],
        transactionHash: undefined,
        blockNumber: undefined,
      };

      beforeEach(async function () {
        await brandWithBatch("acme", 1, 3);
        await store.createOrganisation(organisation("customs", { kind: "customs" }), [], "hash-customs");
        await store.addParty(customs);
        await store.createShipment(shipment, itemIds, [0, 1, 2].map((i) => ({ batchId: batchId(1), serial: `S${2 - i}` })));
      });

      it("keeps parties, and a shipment with its item ids, item keys and confirmation", async function () {
        expect(await store.getParty(address(50))).to.deep.equal(customs);
        expect(await store.getParty(address(59))).to.equal(undefined);
        expect(await store.listParties()).to.deep.equal([customs]);
        expect(await store.getShipment(SHIPMENT)).to.deep.equal(shipment);
        expect(await store.listShipmentsInState("declaring")).to.deep.equal([shipment]);
        expect(hex(await store.shipmentItemIds(SHIPMENT))).to.equal(hex(itemIds));
        const keys = [];
        for await (const key of store.shipmentItemKeys(SHIPMENT)) keys.push(key);
        expect(keys).to.deep.equal(["S2", "S1", "S0"].map((serial) => ({ gtin: GTIN, lot: "L1", serial })));
        expect(await store.shipmentsWithItem(itemIds.subarray(32, 64))).to.deep.equal([{ shipmentId: SHIPMENT, index: 1 }]);
        expect(await store.shipmentsWithItem(bytes(32, 1))).to.deep.equal([]);
        await store.confirmShipment(SHIPMENT, `0x${"12".repeat(32)}`, 4_000_000_000);
        expect(await store.getShipment(SHIPMENT)).to.deep.equal({ ...shipment, state: "confirmed", transactionHash: `0x${"12".repeat(32)}`, blockNumber: 4_000_000_000 });
        expect(await store.listShipmentsInState("declaring")).to.deep.equal([]);
      });

      it("sets an inspection's outcome once, even when two claims race, and lists it until recorded", async function () {
        await store.createInspection(inspection);
        expect(await store.getInspection("insp-1")).to.deep.equal(inspection);
        expect(await store.listUnrecordedInspections()).to.deep.equal([]);
        const claims = await Promise.all([store.claimInspectionOutcome("insp-1", "seized", [ACME]), store.claimInspectionOutcome("insp-1", "cleared", [])]);
        expect(claims.filter(Boolean)).to.have.length(1);
        expect(await store.claimInspectionOutcome("insp-1", "held", [])).to.equal(false);
        const claimed = await store.getInspection("insp-1");
        expect(claimed!.outcome).to.equal(claims[0] ? "seized" : "cleared");
        expect(claimed!.brandIds).to.deep.equal(claims[0] ? [ACME] : []);
        expect((await store.listUnrecordedInspections()).map((i) => i.id)).to.deep.equal(["insp-1"]);
        await store.markInspectionRecorded("insp-1", `0x${"34".repeat(32)}`, 3_000_000_000);
        expect(await store.getInspection("insp-1")).to.deep.include({ transactionHash: `0x${"34".repeat(32)}`, blockNumber: 3_000_000_000 });
        expect(await store.listUnrecordedInspections()).to.deep.equal([]);
        expect(await store.getInspection("insp-2")).to.equal(undefined);
      });

      it("aggregates inspection outcomes for risk lanes by route, shipper and consignee, with when each party first appeared", async function () {
        // A second shipment by another shipper to the same consignee, carrying one of the first's items.
        const second: Shipment = { ...shipment, id: `0x${"5f".repeat(32)}` as Hex, shipper: address(53), waybill: "WB-2", origin: "VN", itemCount: 2, createdAt: iso(T0 + HOUR) };
        await store.createShipment(second, itemIds.slice(32, 96), [1, 2].map((i) => ({ batchId: batchId(1), serial: `S${2 - i}` })));
        await store.createInspection(inspection);
        await store.claimInspectionOutcome("insp-1", "seized", [ACME]);
        await store.createInspection({ ...inspection, id: "insp-2", shipmentId: second.id });
        await store.claimInspectionOutcome("insp-2", "held", []);
        await store.createInspection({ ...inspection, id: "insp-3", shipmentId: second.id }); // no outcome: not counted

        const history = await store.riskHistory();
        expect(history.all).to.deep.equal({ inspected: 2, seized: 1 });
        expect(Object.fromEntries(history.routes)).to.deep.equal({ "CN>FR": { inspected: 1, seized: 1 }, "VN>FR": { inspected: 1, seized: 0 } });
        expect(Object.fromEntries(history.shippers)).to.deep.equal({ [address(51)]: { inspected: 1, seized: 1 }, [address(53)]: { inspected: 1, seized: 0 } });
        expect(Object.fromEntries(history.consignees)).to.deep.equal({ [address(52)]: { inspected: 2, seized: 1 } });
        expect(Object.fromEntries(history.firstSeen)).to.deep.equal({ [address(51)]: iso(T0), [address(52)]: iso(T0), [address(53)]: iso(T0 + HOUR) });
        expect([...history.inspectedShipments].sort()).to.deep.equal([SHIPMENT, second.id].sort());

        // Its items per batch with the batch's GTIN; two of them the first shipment's other shipper declared too.
        expect(await store.shipmentRiskItems(second.id)).to.deep.equal({ batches: [{ batchId: batchId(1), gtin: GTIN, lot: "L1", brandId: ACME, items: 2 }], declaredElsewhere: 2 });
        expect(await store.shipmentRiskItems(SHIPMENT)).to.deep.equal({ batches: [{ batchId: batchId(1), gtin: GTIN, lot: "L1", brandId: ACME, items: 3 }], declaredElsewhere: 2 });
        expect(await store.shipmentRiskItems(`0x${"00".repeat(32)}`)).to.deep.equal({ batches: [], declaredElsewhere: 0 });
      });
      it("counts a brand's seizures by route within a period, for the intelligence page", async function () {
        await store.createInspection(inspection);
        await store.claimInspectionOutcome("insp-1", "seized", [ACME]);
        const filter: IntelligenceFilter = { brandId: ACME, gtin: GTIN, lot: undefined, from: T0, to: T0 + DAY };
        expect(await store.intelligence.seizures(filter)).to.deep.equal([{ origin: "CN", destination: "FR", seizures: 1, items: 3, firstAt: iso(T0 + HOUR), lastAt: iso(T0 + HOUR) }]);
        expect(await store.intelligence.seizures({ ...filter, from: T0 + 2 * HOUR })).to.deep.equal([]);
        expect(await store.intelligence.seizures({ ...filter, brandId: GLOBEX })).to.deep.equal([]);
      });
    });

    describe("brands", function () {
      beforeEach(async function () {
        await store.createOrganisation(organisation("acme"), [], "h-acme");
        await store.createOrganisation(organisation("globex"), [], "h-globex");
      });

      it("keeps a brand's country, and forgets it", async function () {
        expect(await store.brands.brandCountry("acme")).to.equal(undefined);
        await store.brands.setBrandCountry("acme", "FR");
        expect(await store.brands.brandCountry("acme")).to.equal("FR");
        await store.brands.setBrandCountry("acme", undefined);
        expect(await store.brands.brandCountry("acme")).to.equal(undefined);
      });

      it("gives GS1 prefixes to one brand at a time, moves and removes them, listed in order", async function () {
        await store.brands.setPrefixHolder("9506001", "acme", iso(T0));
        await store.brands.setPrefixHolder("0614141", "acme", iso(T0));
        await store.brands.setPrefixHolder("9506002", "acme", iso(T0));
        expect(await store.brands.listPrefixes("acme")).to.deep.equal(["0614141", "9506001", "9506002"]);
        await store.brands.setPrefixHolder("9506002", "globex", iso(T0 + 1));
        expect(await store.brands.prefixHolder("9506002")).to.equal("globex");
        expect(await store.brands.listPrefixes("acme")).to.deep.equal(["0614141", "9506001"]);
        await store.brands.removePrefix("9506001");
        expect(await store.brands.prefixHolder("9506001")).to.equal(undefined);
        expect(await store.brands.listPrefixes("acme")).to.deep.equal(["0614141"]);
      });

      it("adds label domains once each, removes them, listed in order", async function () {
        await store.brands.addLabelDomain("acme", "labels.acme.example", iso(T0));
        await store.brands.addLabelDomain("acme", "acme.example", iso(T0));
        await store.brands.addLabelDomain("acme", "acme.example", iso(T0 + 1));
        await store.brands.addLabelDomain("globex", "globex.example", iso(T0));
        expect(await store.brands.listLabelDomains("acme")).to.deep.equal(["acme.example", "labels.acme.example"]);
        await store.brands.removeLabelDomain("acme", "acme.example");
        expect(await store.brands.listLabelDomains("acme")).to.deep.equal(["labels.acme.example"]);
        expect(await store.brands.listLabelDomains("globex")).to.deep.equal(["globex.example"]);
      });
    });

    describe("API keys", function () {
      const first = "a".repeat(64);
      const second = "b".repeat(64);

      beforeEach(async function () {
        await store.createOrganisation(organisation("acme"), [], first);
      });

      it("finds a key by hash and by id, records its use, and never revokes the last one", async function () {
        const record = { id: first.slice(0, 16), orgId: "acme", label: undefined, createdAt: iso(T0), lastUsedAt: undefined, revokedAt: undefined };
        expect(await store.apiKeys.findByHash(first)).to.deep.equal(record);
        expect(await store.apiKeys.get("acme", first.slice(0, 16))).to.deep.equal(record);
        expect(await store.apiKeys.get("other", first.slice(0, 16))).to.equal(undefined);
        await store.apiKeys.touch(first, iso(T0 + MIN));
        // The organisation's last key is never revoked: it would be locked out.
        expect(await store.apiKeys.revoke("acme", first.slice(0, 16), iso(T0 + HOUR))).to.equal(false);
        expect(await store.apiKeys.findByHash(first)).to.deep.equal({ ...record, lastUsedAt: iso(T0 + MIN) });
        expect(await store.apiKeys.replace({ orgId: "acme", oldId: first.slice(0, 16), newHash: second, label: undefined, createdAt: iso(T0 + MIN), oldRevokedAt: iso(T0 + 2 * HOUR) })).to.equal(true);
        // The rotated key counts as revoked (its grace ends later): the successor is now the last.
        expect(await store.apiKeys.revoke("acme", second.slice(0, 16), iso(T0 + HOUR))).to.equal(false);
        expect((await store.apiKeys.findByHash(second))?.revokedAt).to.equal(undefined);
        // A key revoked or rotated already has no second successor.
        expect(await store.apiKeys.replace({ orgId: "acme", oldId: first.slice(0, 16), newHash: "c".repeat(64), label: undefined, createdAt: iso(T0 + MIN), oldRevokedAt: iso(T0 + HOUR) })).to.equal(false);
        expect(await store.apiKeys.findByHash("c".repeat(64))).to.equal(undefined);
      });

      it("rotates: the new key and the old key's end in one step, listed oldest first", async function () {
        await store.apiKeys.replace({ orgId: "acme", oldId: first.slice(0, 16), newHash: second, label: "ci", createdAt: iso(T0 + MIN), oldRevokedAt: iso(T0 + 2 * HOUR) });
        expect((await store.apiKeys.list("acme")).map((k) => [k.id, k.label, k.revokedAt])).to.deep.equal([
          [first.slice(0, 16), undefined, iso(T0 + 2 * HOUR)],
          [second.slice(0, 16), "ci", undefined],
        ]);
        expect((await store.findOrganisationByApiKeyHash(second))?.id).to.equal("acme");
        // A rotation whose new key exists already changes nothing: the old key is not revoked either.
        const failed = await Promise.resolve()
          .then(() => store.apiKeys.replace({ orgId: "acme", oldId: second.slice(0, 16), newHash: first, label: undefined, createdAt: iso(T0), oldRevokedAt: iso(T0) }))
          .then(() => false, () => true);
        expect(failed).to.equal(true);
        expect((await store.apiKeys.findByHash(second))?.revokedAt).to.equal(undefined);
      });
    });

    describe("work regions", function () {
      const work = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
      const regions = (n: number) => ({ workId: work(n), parts: [1n, 2n, 3n, 4n, BigInt(n)].map((h) => h << 40n), centre: (1n << 64n) - BigInt(n) });

      it("keeps a work's region hashes, reads them back in the order kept, and a second save changes nothing", async function () {
        expect(await store.workRegions.has(work(1))).to.equal(false);
        await store.workRegions.save(regions(1));
        await store.workRegions.save(regions(2));
        await store.workRegions.save({ ...regions(1), centre: 7n });
        expect(await store.workRegions.has(work(1))).to.equal(true);
        expect(await store.workRegions.has(work(1).toUpperCase().replace("0X", "0x") as Hex)).to.equal(true);
        const kept = await store.workRegions.after(0, 10);
        expect(kept.map(({ seq: _, ...rest }) => rest)).to.deep.equal([regions(1), regions(2)]);
        expect(kept[0]!.seq).to.be.lessThan(kept[1]!.seq);
        expect(await store.workRegions.after(kept[0]!.seq, 10)).to.deep.equal([kept[1]]);
        expect(await store.workRegions.after(0, 1)).to.deep.equal([kept[0]]);
        await store.close();
        store = await implementation.reopen();
        expect(await store.workRegions.after(0, 10)).to.deep.equal(kept);
      });
    });

    it("answers ping", async function () {
      await store.ping();
      await store.ping();
    });
  });
}
