import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toBytes, toHex, type Hex } from "viem";
import { batchIdOf, itemIdOf, LEAF_ENCODING, leafOf } from "../../core/ids.ts";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { ItemMerkleTree, processProof, verifyProof, type Keccak64 } from "../../core/merkle.ts";
import { deployRegistryWithBrand, EXPIRY, GTIN, LOT, onChainCode } from "../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();

function items(count: number, expiry = EXPIRY) {
  const batchId = batchIdOf(keccak256(toHex("brand")), GTIN, LOT);
  return Array.from({ length: count }, (_, i) => {
    const itemId = itemIdOf(batchId, `S${i}`);
    return { itemId, expiry, leaf: leafOf(itemId, expiry) };
  });
}

describe("core/merkle", function () {
  describe("ItemMerkleTree", function () {
    for (const count of [1, 2, 3, 7, 64, 1000]) {
      it(`gives StandardMerkleTree's root and proofs for ${count} item(s)`, function () {
        const values = items(count);
        const ours = ItemMerkleTree.fromLeaves(values.map((v) => v.leaf));
        const theirs = StandardMerkleTree.of(
          values.map((v) => [v.itemId, v.expiry]),
          [...LEAF_ENCODING],
        );
        expect(ours.root).to.equal(theirs.root);
        for (let i = 0; i < count; i += Math.max(1, Math.floor(count / 17))) {
          expect(ours.proof(i), `proof ${i}`).to.deep.equal(theirs.getProof(i));
        }
      });
    }

    it("gives the same tree from flat leaf bytes (leaf i at i * 32) as from one array per leaf", function () {
      const leaves = items(257).map((v) => v.leaf);
      const flat = new Uint8Array(leaves.length * 32);
      leaves.forEach((leaf, i) => flat.set(toBytes(leaf), i * 32));
      const fromBytes = ItemMerkleTree.fromLeafBytes(flat);
      const fromArray = ItemMerkleTree.fromLeaves(leaves);
      expect(fromBytes.size).to.equal(257);
      expect(fromBytes.root).to.equal(fromArray.root);
      for (const i of [0, 128, 256]) expect(fromBytes.proof(i)).to.deep.equal(fromArray.proof(i));
    });

    it("hashes every inner node with the keccak it is given, to the same tree", function () {
      const leaves = items(100).map((v) => v.leaf);
      let calls = 0;
      const keccak64: Keccak64 = (input, offset, output, outputOffset) => {
        calls++;
        output.set(keccak_256(input.subarray(offset, offset + 64)), outputOffset);
      };
      const plugged = ItemMerkleTree.fromLeaves(leaves, { keccak64 });
      expect(calls).to.equal(99);
      expect(plugged.root).to.equal(ItemMerkleTree.fromLeaves(leaves).root);
      expect(plugged.proof(42)).to.deep.equal(ItemMerkleTree.fromLeaves(leaves).proof(42));
    });

    it("refuses flat leaf bytes that are empty or not whole leaves", function () {
      expect(() => ItemMerkleTree.fromLeafBytes(new Uint8Array(0))).to.throw().with.property("code", "MERKLE_EMPTY");
      expect(() => ItemMerkleTree.fromLeafBytes(new Uint8Array(65))).to.throw().with.property("code", "MERKLE_BAD_LEAF");
    });

    it("refuses an empty tree and a leaf that is not 32 bytes", function () {
      expect(() => ItemMerkleTree.fromLeaves([])).to.throw().with.property("code", "MERKLE_EMPTY");
      expect(() => ItemMerkleTree.fromLeaves(["0x1234"])).to.throw().with.property("code", "MERKLE_BAD_LEAF");
    });

    it("refuses a proof for an index outside the tree", function () {
      const tree = ItemMerkleTree.fromLeaves(items(3).map((v) => v.leaf));
      expect(() => tree.proof(3)).to.throw().with.property("code", "MERKLE_BAD_INDEX");
    });
  });

  describe("verifyProof", function () {
    it("accepts every member and rejects a leaf outside the tree", function () {
      const values = items(9);
      const tree = ItemMerkleTree.fromLeaves(values.map((v) => v.leaf));
      values.forEach((v, i) => expect(verifyProof(tree.root, v.leaf, tree.proof(i))).to.equal(true));
      const outsider = leafOf(keccak256(toHex("outsider")), EXPIRY);
      expect(verifyProof(tree.root, outsider, tree.proof(0))).to.equal(false);
    });

    it("names a malformed proof node instead of failing obscurely", function () {
      const [value] = items(1);
      expect(() => processProof(value!.leaf, ["0xzz" as Hex])).to.throw().with.property("code", "MERKLE_BAD_NODE");
    });
  });

  describe("against the registry", function () {
    it("gives proofs that the contract's MerkleProof accepts", async function () {
      const { registry, signer, brandId } = await networkHelpers.loadFixture(async function anchored() {
        return deployRegistryWithBrand(ethers);
      });
      const batchId = batchIdOf(brandId, GTIN, LOT);
      const codes = Array.from({ length: 25 }, (_, i) => ({ gtin: GTIN, lot: LOT, serial: `X${i}`, expiry: EXPIRY }));
      const tree = ItemMerkleTree.fromLeaves(codes.map((c) => leafOf(itemIdOf(batchId, c.serial), EXPIRY)));
      await registry.connect(signer).registerBatch(BigInt(GTIN), LOT, EXPIRY, codes.length, tree.root, "");
      for (const i of [0, 7, 24]) {
        const result = await registry.verifyItem(brandId, onChainCode(codes[i]!), tree.proof(i));
        expect(result.proofValid, `item ${i}`).to.equal(true);
      }
    });
  });
});
