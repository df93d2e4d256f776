import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { SqliteStore } from "../../../server/store/sqlite-store.ts";
import type { NewBatch } from "../../../server/features/brands/store/types.ts";
import type { Store } from "../../../server/store/store.ts";

/**
 * With an asynchronous store another request can run between a caller's read and its write, so these
 * checks live in the store, in the write's own transaction. Each is raced here by calls made at once.
 */
describe("Store: checks made in the write's own transaction", function () {
  let dir: string;
  let store: Store;
  const at = "2026-01-01T00:00:00.000Z";
  const BRAND = `0x${"01".repeat(32)}` as Hex;

  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-claims-"));
    store = new SqliteStore(path.join(dir, "veritrace.db"));
    await store.createOrganisation(
      { id: "b1", name: "Acme", kind: "brand", brandId: BRAND, parentId: undefined, metadataUri: "", createdAt: at },
      [],
      "a".repeat(64),
    );
  });
  afterEach(async function () {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const batch = (lot: string): NewBatch => ({
    id: `0x${lot.padStart(64, "0")}` as Hex,
    orgId: "b1",
    brandId: BRAND,
    gtin: "09506000134352",
    lot,
    expiry: undefined,
    quantity: 3,
    metadataUri: "",
    signer: "0x0000000000000000000000000000000000000001",
    serials: undefined,
  });
  const response = (requestHash: string) => ({ requestHash, status: 202, body: { id: requestHash } });

  describe("createBatch", function () {
    it("stores one of two batches made at once under one id, and answers undefined to the other", async function () {
      const results = await Promise.all([store.createBatch(batch("11")), store.createBatch(batch("11"))]);
      expect(results.filter((r) => r !== undefined)).to.have.length(1);
      expect(await store.listBatches("b1")).to.have.length(1);
    });

    it("keeps the first response under an idempotency key and writes no second batch under it", async function () {
      const [first, second] = await Promise.all([
        store.createBatch(batch("21"), { orgId: "b1", key: "k", response: response("first") }),
        store.createBatch(batch("22"), { orgId: "b1", key: "k", response: response("second") }),
      ]);
      expect(first?.lot).to.equal("21");
      expect(second).to.equal(undefined);
      expect((await store.getIdempotentResponse("b1", "k"))?.requestHash).to.equal("first");
      expect((await store.listBatches("b1")).map((b) => b.lot)).to.deep.equal(["21"]);
    });
  });

  describe("recordScan", function () {
    it("records at most `perSession` of one session's scans of an item, however many arrive at once", async function () {
      const key = { brandId: BRAND, gtin: "09506000134352", lot: "L1", serial: "S1" };
      const scan = (i: number) => ({ sessionId: "s1", network: "n1", scannedAt: 1_000 + i });
      const recorded = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => store.recordScan(key, scan(i), 3)));
      expect(recorded.filter(Boolean)).to.have.length(3);
      expect(await store.listScans(key)).to.have.length(3);
      // Another session of the same item still counts; without a cap a scan is always recorded.
      expect(await store.recordScan(key, { sessionId: "s2", network: "n2", scannedAt: 2_000 }, 3)).to.equal(true);
      expect(await store.recordScan(key, scan(9))).to.equal(true);
      expect(await store.listScans(key)).to.have.length(5);
    });
  });

  describe("apiKeys", function () {
    it("refuses to revoke an organisation's last key not revoked, and revokes one with a successor", async function () {
      expect(await store.apiKeys.revoke("b1", "a".repeat(16), at)).to.equal(false);
      expect((await store.apiKeys.get("b1", "a".repeat(16)))?.revokedAt).to.equal(undefined);
      await store.apiKeys.replace({ orgId: "b1", oldId: "a".repeat(16), newHash: "b".repeat(64), label: undefined, createdAt: at, oldRevokedAt: "2099-01-01T00:00:00.000Z" });
      // The old key is in its grace period (revoked later): the new one is the last active key.
      expect(await store.apiKeys.revoke("b1", "b".repeat(16), at)).to.equal(false);
      expect(await store.apiKeys.revoke("b1", "a".repeat(16), at)).to.equal(true);
      expect((await store.apiKeys.get("b1", "a".repeat(16)))?.revokedAt).to.equal(at);
    });

    it("makes one successor of a key when two rotations race", async function () {
      const rotate = (hash: string) =>
        store.apiKeys.replace({ orgId: "b1", oldId: "a".repeat(16), newHash: hash.repeat(64), label: undefined, createdAt: at, oldRevokedAt: at });
      const results = await Promise.all([rotate("e"), rotate("f")]);
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await store.apiKeys.list("b1")).to.have.length(2);
    });
  });
});
