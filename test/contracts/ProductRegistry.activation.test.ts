import { expect } from "chai";
import { network } from "hardhat";
import { Status } from "../../core/status.ts";
import { buildBatch, deployRegistryWithBrand, EXPIRY, GTIN, LOT, onChainCode } from "../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();

const FR = "0x4652"; // "FR"

describe("ProductRegistry first-sale activation", function () {
  async function withBatchAndRetailer() {
    const fixture = await deployRegistryWithBrand(ethers);
    const retailer = (await ethers.getSigners())[5]!;
    const batch = buildBatch(fixture.brandId, ["SER1", "SER2", "SER3"]);
    await fixture.registry
      .connect(fixture.signer)
      .registerBatch(BigInt(GTIN), LOT, EXPIRY, batch.codes.length, batch.tree.root, "ipfs://batch");
    await fixture.registry.connect(fixture.brandAdmin).authoriseRetailer(fixture.brandId, retailer.address);
    const activate = (index: number, by = retailer, country = FR) =>
      fixture.registry
        .connect(by)
        .activateItem(fixture.brandId, onChainCode(batch.codes[index]!), batch.tree.proof(index), country);
    return { ...fixture, retailer, batch, activate };
  }

  describe("authoriseRetailer / deauthoriseRetailer", function () {
    it("lets only the brand admin authorise, and emits RetailerAuthorised", async function () {
      const { registry, brandAdmin, brandId, stranger } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await expect(registry.connect(stranger).authoriseRetailer(brandId, stranger.address))
        .to.be.revertedWithCustomError(registry, "ProductRegistryNotBrandAdmin")
        .withArgs(brandId, stranger.address);
      await expect(registry.connect(brandAdmin).authoriseRetailer(brandId, stranger.address))
        .to.emit(registry, "RetailerAuthorised")
        .withArgs(brandId, stranger.address);
      expect(await registry.isRetailer(brandId, stranger.address)).to.equal(true);
    });

    it("refuses an authorisation that changes nothing", async function () {
      const { registry, brandAdmin, brandId, retailer, stranger } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await expect(registry.connect(brandAdmin).authoriseRetailer(brandId, retailer.address))
        .to.be.revertedWithCustomError(registry, "ProductRegistryRetailerUnchanged")
        .withArgs(brandId, retailer.address, true);
      await expect(registry.connect(brandAdmin).deauthoriseRetailer(brandId, stranger.address))
        .to.be.revertedWithCustomError(registry, "ProductRegistryRetailerUnchanged")
        .withArgs(brandId, stranger.address, false);
    });

    it("stops a deauthorised retailer from recording sales", async function () {
      const { registry, brandAdmin, brandId, retailer, activate } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await expect(registry.connect(brandAdmin).deauthoriseRetailer(brandId, retailer.address))
        .to.emit(registry, "RetailerDeauthorised")
        .withArgs(brandId, retailer.address);
      expect(await registry.isRetailer(brandId, retailer.address)).to.equal(false);
      await expect(activate(0))
        .to.be.revertedWithCustomError(registry, "ProductRegistryNotSeller")
        .withArgs(brandId, retailer.address);
    });

    it("counts the brand admin as a seller, and nobody for an unknown brand", async function () {
      const { registry, brandAdmin, brandId } = await networkHelpers.loadFixture(withBatchAndRetailer);
      expect(await registry.isRetailer(brandId, brandAdmin.address)).to.equal(true);
      expect(await registry.isRetailer(ethers.id("nobody"), ethers.ZeroAddress)).to.equal(false);
    });
  });

  describe("activateItem", function () {
    it("records seller, time and country once, and emits ItemActivated", async function () {
      const { registry, retailer, batch, activate } = await networkHelpers.loadFixture(withBatchAndRetailer);
      const itemId = await registry.itemIdOf(batch.batchId, "SER2");
      await expect(activate(1))
        .to.emit(registry, "ItemActivated")
        .withArgs(batch.batchId, itemId, retailer.address, FR);
      const activation = await registry.getActivation(itemId);
      expect(activation.seller).to.equal(retailer.address);
      expect(activation.country).to.equal(FR);
      expect(activation.activatedAt).to.equal(BigInt(await networkHelpers.time.latest()));
    });

    it("refuses a second activation, naming the first sale", async function () {
      const { registry, retailer, brandAdmin, batch, activate } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await activate(0);
      const soldAt = await networkHelpers.time.latest();
      const itemId = await registry.itemIdOf(batch.batchId, "SER1");
      await expect(activate(0, brandAdmin))
        .to.be.revertedWithCustomError(registry, "ProductRegistryItemAlreadyActivated")
        .withArgs(itemId, retailer.address, soldAt);
    });

    it("lets the brand admin sell without being a listed retailer", async function () {
      const { registry, brandAdmin, batch, activate } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await activate(2, brandAdmin);
      const activation = await registry.getActivation(await registry.itemIdOf(batch.batchId, "SER3"));
      expect(activation.seller).to.equal(brandAdmin.address);
    });

    it("refuses a stranger, an item outside the batch, and a bad country", async function () {
      const { registry, brandId, stranger, batch, retailer, activate } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await expect(activate(0, stranger))
        .to.be.revertedWithCustomError(registry, "ProductRegistryNotSeller")
        .withArgs(brandId, stranger.address);
      const forged = { ...onChainCode(batch.codes[0]!), serial: "FORGED" };
      await expect(registry.connect(retailer).activateItem(brandId, forged, batch.tree.proof(0), FR))
        .to.be.revertedWithCustomError(registry, "ProductRegistryItemNotInBatch")
        .withArgs(batch.batchId, await registry.itemIdOf(batch.batchId, "FORGED"));
      for (const country of ["0x6672", "0x0000", "0x4631"]) {
        await expect(activate(0, retailer, country))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidCountry")
          .withArgs(country);
      }
    });

    it("refuses an unknown batch", async function () {
      const { registry, brandId, retailer, batch } = await networkHelpers.loadFixture(withBatchAndRetailer);
      const other = { ...onChainCode(batch.codes[0]!), lot: "NOPE" };
      await expect(registry.connect(retailer).activateItem(brandId, other, batch.tree.proof(0), FR))
        .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBatch");
    });

    it("refuses to sell a recalled item or an item of a stolen batch", async function () {
      const { registry, brandAdmin, batch, activate } = await networkHelpers.loadFixture(withBatchAndRetailer);
      await registry.connect(brandAdmin).setItemStatus(batch.batchId, "SER1", Status.Recalled);
      const itemId = await registry.itemIdOf(batch.batchId, "SER1");
      await expect(activate(0))
        .to.be.revertedWithCustomError(registry, "ProductRegistryItemNotActive")
        .withArgs(itemId, Status.Recalled, Status.Active);
      await registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Stolen);
      await expect(activate(1)).to.be.revertedWithCustomError(registry, "ProductRegistryItemNotActive");
    });
  });
});
