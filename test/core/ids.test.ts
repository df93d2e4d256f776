import { expect } from "chai";
import { network } from "hardhat";
import { encodeAbiParameters, keccak256, toBytes } from "viem";
import { batchIdOf, brandIdOf, itemIdOf, itemIdsOf, leafOf } from "../../core/ids.ts";
import { deployRegistryWithBrand, GTIN } from "../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();

async function deployed() {
  return deployRegistryWithBrand(ethers);
}

// Lots and serials that stress the encoding: one byte, exactly one word, the GS1 maximum, reserved characters.
const VALUES = ["A", "L2611", "ABCDEFGHIJKLMNOPQRST", "x".repeat(32), "x".repeat(33), "!\"%&'()*+,-./:;<=>?_"];

describe("core/ids", function () {
  describe("brandIdOf", function () {
    it("is the keccak-256 of the UTF-8 name", function () {
      expect(brandIdOf("Acme")).to.equal(keccak256(toBytes("Acme")));
    });
  });

  describe("batchIdOf", function () {
    it("equals abi.encode(bytes32, uint64, string) hashed, as viem encodes it", function () {
      const brandId = brandIdOf("Acme");
      for (const lot of VALUES) {
        const expected = keccak256(
          encodeAbiParameters([{ type: "bytes32" }, { type: "uint64" }, { type: "string" }], [brandId, BigInt(GTIN), lot]),
        );
        expect(batchIdOf(brandId, GTIN, lot), lot).to.equal(expected);
      }
    });

    it("equals the registry's batchIdOf", async function () {
      const { registry, brandId } = await networkHelpers.loadFixture(deployed);
      for (const lot of VALUES) {
        expect(batchIdOf(brandId, GTIN, lot), lot).to.equal(await registry.batchIdOf(brandId, BigInt(GTIN), lot));
      }
    });
  });

  describe("itemIdOf", function () {
    it("equals the registry's itemIdOf and viem's encoding", async function () {
      const { registry, brandId } = await networkHelpers.loadFixture(deployed);
      const batchId = batchIdOf(brandId, GTIN, "L1");
      for (const serial of VALUES) {
        const viaViem = keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "string" }], [batchId, serial]));
        expect(itemIdOf(batchId, serial), serial).to.equal(viaViem);
        expect(itemIdOf(batchId, serial), serial).to.equal(await registry.itemIdOf(batchId, serial));
      }
    });
  });

  describe("leafOf", function () {
    it("equals the registry's leafOf with and without expiry", async function () {
      const { registry } = await networkHelpers.loadFixture(deployed);
      const itemId = keccak256(toBytes("item"));
      for (const expiry of [0, 270228, 991231]) {
        expect(leafOf(itemId, expiry)).to.equal(await registry.leafOf(itemId, expiry));
      }
    });
  });

  describe("itemIdsOf", function () {
    it("chains batch id, item id and leaf for one code", function () {
      const brandId = brandIdOf("Acme");
      const ids = itemIdsOf(brandId, { gtin: GTIN, lot: "L1", serial: "S1" });
      expect(ids.batchId).to.equal(batchIdOf(brandId, GTIN, "L1"));
      expect(ids.itemId).to.equal(itemIdOf(ids.batchId, "S1"));
      expect(ids.leaf).to.equal(leafOf(ids.itemId, 0));
    });
  });
});
