import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import type { Hex } from "viem";
import { ItemMerkleTree } from "../../../../../core/merkle.ts";
import { SqliteStore } from "../../../../../server/store/sqlite-store.ts";
import type { Batch } from "../../../../../server/features/brands/store/types.ts";
import { ProofSource } from "../../../../../server/features/brands/trees/proof-source.ts";
import { closeTreeBuilds } from "../../../../../server/features/brands/trees/tree-builder.ts";

const batchId = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;

describe("ProofSource", function () {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-proofs-"));
    store = new SqliteStore(path.join(dir, "veritrace.db"));
    await store.createOrganisation({ id: "acme", name: "Acme", kind: "brand", brandId: batchId(99), parentId: undefined, metadataUri: "", createdAt: new Date().toISOString() }, [], "h");
  });
  afterEach(async function () {
    await store.close();
    await closeTreeBuilds();
    await rm(dir, { recursive: true, force: true });
  });

  /** A confirmed batch stored as one anchored before trees were stored: items, no tree. */
  async function olderBatch(n: number, count: number): Promise<{ batch: Batch; tree: ItemMerkleTree }> {
    await store.createBatch({ id: batchId(n), orgId: "acme", brandId: batchId(99), gtin: "09506000134352", lot: `L${n}`, expiry: undefined, quantity: count, metadataUri: "", signer: `0x${"00".repeat(20)}`, serials: undefined });
    const leaves = randomBytes(count * 32);
    await store.appendItems(batchId(n), Array.from({ length: count }, (_, i) => ({ index: i, serial: `S${i}`, leaf: leaves.subarray(i * 32, i * 32 + 32), signature: new Uint8Array(64) })));
    await store.updateBatch(batchId(n), { state: "confirmed" });
    return { batch: (await store.getBatch(batchId(n)))!, tree: ItemMerkleTree.fromLeafBytes(new Uint8Array(leaves)) };
  }

  context("when a batch has no stored tree", function () {
    it("builds it once on the tree thread, stores it, and answers the same proofs as the in-memory tree", async function () {
      const { batch, tree } = await olderBatch(1, 1025);
      const proofs = new ProofSource(store, pino({ level: "silent" }));
      const asked = await Promise.all([0, 1, 512, 1024].map((i) => proofs.proof(batch, i)));
      expect(asked).to.deep.equal([0, 1, 512, 1024].map((i) => tree.proof(i)));
      expect(await store.trees.proof(batch.id, 1025, 700)).to.deep.equal(tree.proof(700));
    });

    it("stores the trees of every such batch in the background from start", async function () {
      const first = await olderBatch(1, 30);
      const second = await olderBatch(2, 3);
      const proofs = new ProofSource(store, pino({ level: "silent" }));
      await proofs.startBackfill();
      expect(await store.trees.batchesWithoutTree()).to.deep.equal([]);
      expect(await store.trees.proof(first.batch.id, 30, 29)).to.deep.equal(first.tree.proof(29));
      expect(await store.trees.proof(second.batch.id, 3, 2)).to.deep.equal(second.tree.proof(2));
    });
  });

  it("refuses an index outside the batch with MERKLE_BAD_INDEX", async function () {
    const { batch } = await olderBatch(1, 4);
    const proofs = new ProofSource(store, pino({ level: "silent" }));
    const error = await proofs.proof(batch, 4).catch((e: unknown) => e);
    expect(error).to.have.property("code", "MERKLE_BAD_INDEX");
  });
});
