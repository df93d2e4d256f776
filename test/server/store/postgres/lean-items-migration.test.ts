/**
 * Migration 0006 (items without leaves, a hash index for serials) converts the items a database already
 * holds: a batch issued under 0005's layout reads back the same after it, leaves included, and its proofs
 * and its serials' uniqueness still hold.
 */
import { expect } from "chai";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hexToBytes, type Hex } from "viem";
import { itemIdBytes, leafBytes } from "../../../../core/ids.ts";
import { ItemMerkleTree } from "../../../../core/merkle.ts";
import { storedTreeOf } from "../../../../server/features/brands/trees/stored-tree.ts";
import type { IssuedItem } from "../../../../server/features/brands/store/types.ts";
import { Database } from "../../../../server/store/postgres/database.ts";
import { listMigrations, migrate } from "../../../../server/store/postgres/migrate.ts";
import { PgStore } from "../../../../server/store/postgres/pg-store.ts";
import { startTestPostgres, type TestPostgres } from "../../../helpers/postgres.ts";

const GTIN = "09506000134352";
const EXPIRY = 271231;
const batchIdOf = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

describe("PostgreSQL migration 0006: lean items", function () {
  let server: TestPostgres;
  let dir: string;
  before(async function () {
    server = await startTestPostgres();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-migration-0006-"));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  /** A database at migration 0005 holding two batches (one with an expiry date) of items with their leaves, as 0005 stored them. */
  async function databaseAt0005(): Promise<{ url: string; batches: Array<{ id: Hex; serials: string[]; leaves: Uint8Array[]; signatures: Buffer[] }> }> {
    for (const migration of (await listMigrations()).filter((m) => m.version <= 5)) await copyFile(migration.file, path.join(dir, migration.name));
    const url = await server.createDatabase();
    const db = new Database(url);
    try {
      await migrate(db, dir);
      await db.query("INSERT INTO organisations (id, name, kind, metadata_uri, created_at) VALUES ('acme', 'Acme', 'brand', '', '2026-01-01T00:00:00Z')");
      const batches = [];
      for (const [n, expiry, count] of [[1, EXPIRY, 300], [2, null, 5]] as const) {
        const id = batchIdOf(n);
        await db.query(
          `INSERT INTO batches (id, org_id, brand_id, gtin, lot, expiry, quantity, metadata_uri, state, generated, signer, created_at)
           VALUES ($1, 'acme', $2, $3, $4, $5, $6, '', 'confirmed', $6, $7, '2026-01-01T00:00:00Z')`,
          [id, `0x${"a1".repeat(32)}`, GTIN, `L${n}`, expiry, count, `0x${"00".repeat(20)}`],
        );
        const serials = Array.from({ length: count }, (_, i) => `S${n}-${i}`);
        const leaves = serials.map((serial) => leafBytes(itemIdBytes(hexToBytes(id), serial), expiry ?? 0));
        const signatures = serials.map((_, i) => Buffer.alloc(64, i + n));
        await db.query(
          `INSERT INTO items (batch_seq, idx, serial, leaf, signature)
           SELECT (SELECT seq FROM batches WHERE id = $1), * FROM unnest($2::int[], $3::text[], $4::bytea[], $5::bytea[])`,
          [id, serials.map((_, i) => i), serials, leaves.map((leaf) => Buffer.from(leaf)), signatures],
        );
        batches.push({ id, serials, leaves, signatures });
      }
      return { url, batches };
    } finally {
      await db.close();
    }
  }

  it("keeps every item, whose leaves, read back, are the ones 0005 stored", async function () {
    const { url, batches } = await databaseAt0005();
    const store = await PgStore.open(url);
    try {
      for (const { id, serials, leaves, signatures } of batches) {
        const items: IssuedItem[] = [];
        for await (const page of store.iterateItems(id, 100)) items.push(...page);
        expect(items.map((item) => [item.index, item.serial, hex(item.signature)])).to.deep.equal(serials.map((serial, i) => [i, serial, hex(signatures[i]!)]));
        expect(hex(await store.leaves(id))).to.equal(leaves.map(hex).join(""));
        const found = await store.findItem(`0x${"a1".repeat(32)}`, GTIN, id === batchIdOf(1) ? "L1" : "L2", serials[3]!);
        expect(found?.item && [found.item.index, hex(found.item.leaf), hex(found.item.signature)]).to.deep.equal([3, hex(leaves[3]!), hex(signatures[3]!)]);
      }
    } finally {
      await store.close();
    }
  });

  it("serves the proofs of the tree over the old leaves, and still refuses a serial twice in a batch", async function () {
    const { url, batches } = await databaseAt0005();
    const { id, serials, leaves } = batches[0]!;
    const tree = ItemMerkleTree.fromLeaves(leaves);
    const store = await PgStore.open(url);
    try {
      await store.trees.save(id, storedTreeOf(tree));
      for (const index of [0, 1, 150, 298, 299]) expect(await store.trees.proof(id, serials.length, index), `proof ${index}`).to.deep.equal(tree.proof(index));
      const again = { index: serials.length, serial: serials[0]!, leaf: leaves[0]!, signature: new Uint8Array(64) };
      const refused = await store.appendItems(id, [again]).then(() => false, () => true);
      expect(refused).to.equal(true);
      expect((await store.getBatch(id))?.generated).to.equal(serials.length);
    } finally {
      await store.close();
    }
  });
});
