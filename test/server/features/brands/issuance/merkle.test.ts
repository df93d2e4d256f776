import { SimpleMerkleTree, StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { bytesToHex, keccak256, toBytes, toHex, type Hex } from "viem";
import { batchIdOf, itemIdOf, LEAF_ENCODING, leafOf } from "../../../../../core/ids.ts";
import { ItemMerkleTree, verifyProof } from "../../../../../core/merkle.ts";
import { buildItemMerkleTree } from "../../../../../server/features/brands/issuance/merkle.ts";

function items(count: number, expiry = 270228) {
  const batchId = batchIdOf(keccak256(toHex("brand")), "09506000134352", "L1");
  return Array.from({ length: count }, (_, i) => {
    const itemId = itemIdOf(batchId, `S${i}`);
    return { itemId, expiry, leaf: leafOf(itemId, expiry) };
  });
}

function flat(leaves: readonly Hex[]): Uint8Array {
  const bytes = new Uint8Array(leaves.length * 32);
  leaves.forEach((leaf, i) => bytes.set(toBytes(leaf), i * 32));
  return bytes;
}

function expectSameTree(ours: ItemMerkleTree, theirs: { root: string; getProof(i: number): string[] }, count: number) {
  expect(ours.size).to.equal(count);
  expect(ours.root).to.equal(theirs.root);
  for (let i = 0; i < count; i += Math.max(1, Math.floor(count / 97))) {
    expect(ours.proof(i), `proof ${i}`).to.deep.equal(theirs.getProof(i));
  }
  expect(ours.proof(count - 1), "last proof").to.deep.equal(theirs.getProof(count - 1));
}

describe("server/features/brands/issuance/merkle", function () {
  describe("buildItemMerkleTree", function () {
    for (const count of [1, 2, 3, 5, 8, 33, 1000, 4097]) {
      it(`gives StandardMerkleTree's root and proofs for ${count} item(s), from flat leaf bytes`, async function () {
        this.timeout(30_000);
        const values = items(count);
        const theirs = StandardMerkleTree.of(
          values.map((v) => [v.itemId, v.expiry]),
          [...LEAF_ENCODING],
        );
        const ours = await buildItemMerkleTree(flat(values.map((v) => v.leaf)));
        expectSameTree(ours, theirs, count);
      });
    }

    it("gives the same tree from an array of leaves as from flat bytes, and core's default hash agrees", async function () {
      const leaves = items(300).map((v) => v.leaf);
      const fromArray = await buildItemMerkleTree(leaves);
      const fromBytes = await buildItemMerkleTree(flat(leaves));
      const core = ItemMerkleTree.fromLeafBytes(flat(leaves));
      expect(fromArray.root).to.equal(fromBytes.root).and.to.equal(core.root);
      expect(fromArray.proof(123)).to.deep.equal(core.proof(123));
      expect(verifyProof(fromBytes.root, leaves[123]!, fromBytes.proof(123))).to.equal(true);
    });

    it("orders leaves that share their first bytes, and duplicate leaves, as OpenZeppelin does", async function () {
      // Leaves equal in their first 4 bytes (the sort key) and some repeated, in a shuffled order.
      const leaves: Hex[] = [];
      for (let i = 0; i < 600; i++) {
        const bytes = crypto.getRandomValues(new Uint8Array(32));
        bytes.set([0xab, 0xcd, i % 3, i % 2 === 0 ? 0x01 : 0x00], 0);
        if (i % 5 === 0) bytes.fill(i % 7, 4, 30);
        leaves.push(bytesToHex(bytes));
      }
      leaves.push(leaves[10]!, leaves[20]!, leaves[10]!);
      const theirs = SimpleMerkleTree.of(leaves);
      const ours = await buildItemMerkleTree(flat(leaves));
      expectSameTree(ours, theirs, leaves.length);
      const core = ItemMerkleTree.fromLeaves(leaves);
      expectSameTree(core, theirs, leaves.length);
    });

    it("refuses no leaves and bytes that are not whole leaves", async function () {
      const refusal = (leaves: Uint8Array) =>
        buildItemMerkleTree(leaves).then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(await refusal(new Uint8Array(0))).to.have.property("code", "MERKLE_EMPTY");
      expect(await refusal(new Uint8Array(33))).to.have.property("code", "MERKLE_BAD_LEAF");
    });
  });
});
