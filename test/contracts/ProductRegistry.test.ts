import { expect } from "chai";
import { network } from "hardhat";
import { brandIdOf, itemIdOf } from "../../core/ids.ts";
import { SignerStanding, Status } from "../../core/status.ts";
import { BRAND_NAME, buildBatch, deployRegistryWithBrand, EXPIRY, GTIN, LOT, onChainCode } from "../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();

const ROOT = `0x${"ab".repeat(32)}` as const;
const GTIN_NUM = BigInt(GTIN);
const FR = "0x4652";
const NO_COUNTRY = "0x0000";

describe("ProductRegistry", function () {
  async function deployed() {
    return deployRegistryWithBrand(ethers);
  }

  async function withBatch() {
    const fixture = await deployRegistryWithBrand(ethers);
    const batch = buildBatch(fixture.brandId, ["SER1", "SER2", "SER3", "SER4", "SER5"]);
    await fixture.registry
      .connect(fixture.signer)
      .registerBatch(GTIN_NUM, LOT, EXPIRY, batch.codes.length, batch.tree.root, "ipfs://batch");
    return { ...fixture, batch };
  }

  describe("constructor", function () {
    it("gives governance the admin role and the registrar the registrar role", async function () {
      const { registry, governance, registrar } = await networkHelpers.loadFixture(deployed);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), governance.address)).to.equal(true);
      expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), registrar.address)).to.equal(true);
      expect(await registry.REGISTRAR_ROLE()).to.equal(ethers.id("REGISTRAR_ROLE"));
    });

    it("refuses a zero registrar", async function () {
      const [governance] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("ProductRegistry");
      await expect(factory.deploy(governance!.address, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(factory, "ProductRegistryEmptyArgument")
        .withArgs("registrar");
    });
  });

  describe("admitBrand", function () {
    it("records the name, country, admin and profile, and emits BrandAdmitted", async function () {
      const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
      const brandId = brandIdOf("Globex");
      await expect(registry.connect(registrar).admitBrand("Globex", FR, stranger.address, "ipfs://globex"))
        .to.emit(registry, "BrandAdmitted")
        .withArgs(brandId, stranger.address, "Globex", FR, "ipfs://globex");
      const brand = await registry.getBrand(brandId);
      expect(brand.name).to.equal("Globex");
      expect(brand.country).to.equal(FR);
      expect(brand.admin).to.equal(stranger.address);
      expect(brand.metadataURI).to.equal("ipfs://globex");
      expect(brand.admittedAt).to.equal(BigInt(await networkHelpers.time.latest()));
    });

    it("derives the brand id as core/ids.ts brandIdOf does: keccak-256 of the UTF-8 name", async function () {
      const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
      // Multi-byte UTF-8, and exactly 64 bytes (the longest name): "Société " is 10 bytes, 54 more make 64.
      const names = ["Ünïcode Brand ✓", `Société ${"x".repeat(54)}`];
      expect(new TextEncoder().encode(names[1]).length).to.equal(64);
      for (const name of names) {
        const returned = await registry.connect(registrar).admitBrand.staticCall(name, NO_COUNTRY, stranger.address, "");
        expect(returned).to.equal(brandIdOf(name));
        await expect(registry.connect(registrar).admitBrand(name, NO_COUNTRY, stranger.address, ""))
          .to.emit(registry, "BrandAdmitted")
          .withArgs(brandIdOf(name), stranger.address, name, NO_COUNTRY, "");
        expect((await registry.getBrand(brandIdOf(name))).name).to.equal(name);
      }
    });

    it("accepts a brand without a country (zero)", async function () {
      const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
      await registry.connect(registrar).admitBrand("Initech", NO_COUNTRY, stranger.address, "");
      expect((await registry.getBrand(brandIdOf("Initech"))).country).to.equal(NO_COUNTRY);
    });

    context("when the caller is not the registrar", function () {
      it("reverts with AccessControlUnauthorizedAccount, so nobody makes themselves a brand", async function () {
        const { registry, stranger } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(stranger).admitBrand("Fake", FR, stranger.address, ""))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await registry.REGISTRAR_ROLE());
      });
    });

    context("when the name is taken", function () {
      it("reverts with ProductRegistryBrandExists, so two brands never share a name", async function () {
        const { registry, registrar, stranger, brandId } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(registrar).admitBrand(BRAND_NAME, FR, stranger.address, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryBrandExists")
          .withArgs(brandId);
      });
    });

    context("when the name is empty or longer than 64 bytes", function () {
      it("reverts with ProductRegistryInvalidBrandName and the name", async function () {
        const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
        // 63 ASCII bytes and a two-byte character: 65 bytes though 64 characters.
        for (const name of ["", "x".repeat(65), `${"x".repeat(63)}é`]) {
          await expect(registry.connect(registrar).admitBrand(name, FR, stranger.address, ""))
            .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidBrandName")
            .withArgs(name);
        }
      });
    });

    context("when the country is neither zero nor two ASCII capitals", function () {
      it("reverts with ProductRegistryInvalidCountry and the country", async function () {
        const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
        // "gb", "G" then zero, zero then "B", "G@".
        for (const country of ["0x6762", "0x4700", "0x0042", "0x4740"]) {
          await expect(registry.connect(registrar).admitBrand("Globex", country, stranger.address, ""))
            .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidCountry")
            .withArgs(country);
        }
      });
    });

    context("when the admin is the zero address", function () {
      it("reverts with ProductRegistryEmptyArgument naming it", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(registrar).admitBrand("Globex", FR, ethers.ZeroAddress, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryEmptyArgument")
          .withArgs("admin");
      });
    });
  });

  describe("setBrandAdmin", function () {
    it("lets the current admin hand the brand over, emitting BrandAdminChanged", async function () {
      const { registry, brandAdmin, stranger, brandId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(brandAdmin).setBrandAdmin(brandId, stranger.address))
        .to.emit(registry, "BrandAdminChanged")
        .withArgs(brandId, brandAdmin.address, stranger.address);
      expect((await registry.getBrand(brandId)).admin).to.equal(stranger.address);
    });

    it("lets the registrar recover a brand whose admin key is lost", async function () {
      const { registry, registrar, brandAdmin, stranger, brandId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(registrar).setBrandAdmin(brandId, stranger.address))
        .to.emit(registry, "BrandAdminChanged")
        .withArgs(brandId, brandAdmin.address, stranger.address);
    });

    context("when the caller is neither the admin nor the registrar", function () {
      it("reverts with ProductRegistryNotBrandAdmin", async function () {
        const { registry, stranger, brandId } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(stranger).setBrandAdmin(brandId, stranger.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistryNotBrandAdmin")
          .withArgs(brandId, stranger.address);
      });
    });

    context("when the brand is unknown", function () {
      it("reverts with ProductRegistryUnknownBrand", async function () {
        const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
        const unknown = ethers.id("Nobody");
        await expect(registry.connect(registrar).setBrandAdmin(unknown, stranger.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBrand")
          .withArgs(unknown);
      });
    });
  });

  describe("addSigner", function () {
    it("records the key for the brand and emits SignerAdded", async function () {
      const { registry, brandAdmin, stranger, brandId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(brandAdmin).addSigner(brandId, stranger.address))
        .to.emit(registry, "SignerAdded")
        .withArgs(brandId, stranger.address);
      const record = await registry.getSigner(stranger.address);
      expect(record.brandId).to.equal(brandId);
      expect(record.removedAt).to.equal(0n);
    });

    context("when the caller is not the brand admin", function () {
      it("reverts with ProductRegistryNotBrandAdmin", async function () {
        const { registry, stranger, brandId } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(stranger).addSigner(brandId, stranger.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistryNotBrandAdmin")
          .withArgs(brandId, stranger.address);
      });
    });

    context("when the key already signs for a brand", function () {
      it("reverts with ProductRegistrySignerTaken, so one key never speaks for two brands", async function () {
        const { registry, registrar, brandAdmin, signer, brandId } = await networkHelpers.loadFixture(deployed);
        const other = brandIdOf("Globex");
        await registry.connect(registrar).admitBrand("Globex", NO_COUNTRY, brandAdmin.address, "");
        await expect(registry.connect(brandAdmin).addSigner(other, signer.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistrySignerTaken")
          .withArgs(signer.address, brandId);
      });
    });

    context("when the key was removed before", function () {
      it("reverts with ProductRegistrySignerTaken: a cut-off key never comes back", async function () {
        const { registry, brandAdmin, signer, brandId } = await networkHelpers.loadFixture(deployed);
        await registry.connect(brandAdmin).removeSigner(brandId, signer.address);
        await expect(registry.connect(brandAdmin).addSigner(brandId, signer.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistrySignerTaken")
          .withArgs(signer.address, brandId);
      });
    });
  });

  describe("removeSigner", function () {
    it("records when the key was removed and emits SignerRemoved", async function () {
      const { registry, brandAdmin, signer, brandId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(brandAdmin).removeSigner(brandId, signer.address))
        .to.emit(registry, "SignerRemoved")
        .withArgs(brandId, signer.address);
      expect((await registry.getSigner(signer.address)).removedAt).to.equal(BigInt(await networkHelpers.time.latest()));
    });

    context("when the caller is not the brand admin", function () {
      it("reverts with ProductRegistryNotBrandAdmin", async function () {
        const { registry, signer, brandId } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(signer).removeSigner(brandId, signer.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistryNotBrandAdmin")
          .withArgs(brandId, signer.address);
      });
    });

    context("when the key is not an active signer of the brand", function () {
      it("reverts with ProductRegistryNotActiveSigner", async function () {
        const { registry, brandAdmin, stranger, brandId } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(brandAdmin).removeSigner(brandId, stranger.address))
          .to.be.revertedWithCustomError(registry, "ProductRegistryNotActiveSigner")
          .withArgs(brandId, stranger.address);
      });
    });
  });

  describe("registerBatch", function () {
    it("anchors the root, records the signer and emits BatchRegistered with every field", async function () {
      const { registry, signer, brandId } = await networkHelpers.loadFixture(deployed);
      const batchId = await registry.batchIdOf(brandId, GTIN_NUM, LOT);
      await expect(registry.connect(signer).registerBatch(GTIN_NUM, LOT, EXPIRY, 1000, ROOT, "ipfs://b"))
        .to.emit(registry, "BatchRegistered")
        .withArgs(batchId, brandId, signer.address, GTIN_NUM, LOT, EXPIRY, 1000, ROOT, "ipfs://b");
      const batch = await registry.getBatch(batchId);
      expect(batch.merkleRoot).to.equal(ROOT);
      expect(batch.signer).to.equal(signer.address);
      expect(batch.itemCount).to.equal(1000n);
      expect(batch.status).to.equal(BigInt(Status.Active));
      expect(await registry.batchBrand(batchId)).to.equal(brandId);
    });

    it("accepts a batch without expiry", async function () {
      const { registry, signer } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(signer).registerBatch(GTIN_NUM, LOT, 0, 1, ROOT, "")).to.emit(
        registry,
        "BatchRegistered",
      );
    });

    context("when the caller is not a signer", function () {
      it("reverts with ProductRegistryUnauthorizedSigner", async function () {
        const { registry, stranger } = await networkHelpers.loadFixture(deployed);
        await expect(registry.connect(stranger).registerBatch(GTIN_NUM, LOT, 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnauthorizedSigner")
          .withArgs(stranger.address);
      });
    });

    context("when the caller's key was removed", function () {
      it("reverts with ProductRegistryUnauthorizedSigner", async function () {
        const { registry, brandAdmin, signer, brandId } = await networkHelpers.loadFixture(deployed);
        await registry.connect(brandAdmin).removeSigner(brandId, signer.address);
        await expect(registry.connect(signer).registerBatch(GTIN_NUM, LOT, 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnauthorizedSigner")
          .withArgs(signer.address);
      });
    });

    context("when the batch is already anchored", function () {
      it("reverts with ProductRegistryBatchExists", async function () {
        const { registry, signer, brandId } = await networkHelpers.loadFixture(deployed);
        await registry.connect(signer).registerBatch(GTIN_NUM, LOT, 0, 1, ROOT, "");
        await expect(registry.connect(signer).registerBatch(GTIN_NUM, LOT, 0, 2, ethers.id("other root"), ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryBatchExists")
          .withArgs(await registry.batchIdOf(brandId, GTIN_NUM, LOT));
      });
    });

    context("when a field is malformed", function () {
      it("reverts naming the field with its value", async function () {
        const { registry, signer } = await networkHelpers.loadFixture(deployed);
        const s = registry.connect(signer);
        await expect(s.registerBatch(9506000134353n, LOT, 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidGtin")
          .withArgs(9506000134353n);
        await expect(s.registerBatch(10n ** 14n, LOT, 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidGtin")
          .withArgs(10n ** 14n);
        await expect(s.registerBatch(GTIN_NUM, "", 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidLot")
          .withArgs("");
        await expect(s.registerBatch(GTIN_NUM, "L".repeat(21), 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidLot")
          .withArgs("L".repeat(21));
        await expect(s.registerBatch(GTIN_NUM, LOT, 271301, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidExpiry")
          .withArgs(271301);
        await expect(s.registerBatch(GTIN_NUM, LOT, 0, 0, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidItemCount")
          .withArgs(0);
        await expect(s.registerBatch(GTIN_NUM, LOT, 0, 1, ethers.ZeroHash, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryEmptyArgument")
          .withArgs("merkleRoot");
      });
    });
  });

  describe("setBatchStatus", function () {
    it("lets the brand admin recall a batch and lift the recall, emitting BatchStatusChanged", async function () {
      const { registry, brandAdmin, batch } = await networkHelpers.loadFixture(withBatch);
      await expect(registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Recalled))
        .to.emit(registry, "BatchStatusChanged")
        .withArgs(batch.batchId, Status.Active, Status.Recalled);
      expect((await registry.getBatch(batch.batchId)).status).to.equal(BigInt(Status.Recalled));
      await expect(registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Active))
        .to.emit(registry, "BatchStatusChanged")
        .withArgs(batch.batchId, Status.Recalled, Status.Active);
    });

    context("when the caller is not the batch's brand admin", function () {
      it("reverts with ProductRegistryNotBrandAdmin, even for the batch's signer", async function () {
        const { registry, signer, brandId, batch } = await networkHelpers.loadFixture(withBatch);
        await expect(registry.connect(signer).setBatchStatus(batch.batchId, Status.Recalled))
          .to.be.revertedWithCustomError(registry, "ProductRegistryNotBrandAdmin")
          .withArgs(brandId, signer.address);
      });
    });

    context("when the batch was destroyed", function () {
      it("reverts with ProductRegistryInvalidStatusTransition: destruction is final", async function () {
        const { registry, brandAdmin, batch } = await networkHelpers.loadFixture(withBatch);
        await registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Destroyed);
        await expect(registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Active))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidStatusTransition")
          .withArgs(Status.Destroyed, Status.Active);
      });
    });

    context("when the status does not change", function () {
      it("reverts with ProductRegistryInvalidStatusTransition", async function () {
        const { registry, brandAdmin, batch } = await networkHelpers.loadFixture(withBatch);
        await expect(registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Active))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidStatusTransition")
          .withArgs(Status.Active, Status.Active);
      });
    });

    context("when the batch is unknown", function () {
      it("reverts with ProductRegistryUnknownBatch", async function () {
        const { registry, brandAdmin } = await networkHelpers.loadFixture(withBatch);
        const unknown = ethers.id("no batch");
        await expect(registry.connect(brandAdmin).setBatchStatus(unknown, Status.Recalled))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBatch")
          .withArgs(unknown);
      });
    });
  });

  describe("setItemStatus", function () {
    it("flags one item stolen without touching its neighbours, emitting ItemStatusChanged", async function () {
      const { registry, brandAdmin, batch } = await networkHelpers.loadFixture(withBatch);
      const itemId = itemIdOf(batch.batchId, "SER2");
      await expect(registry.connect(brandAdmin).setItemStatus(batch.batchId, "SER2", Status.Stolen))
        .to.emit(registry, "ItemStatusChanged")
        .withArgs(batch.batchId, itemId, "SER2", Status.Active, Status.Stolen);
      expect(await registry.getItemStatus(itemId)).to.equal(BigInt(Status.Stolen));
      expect(await registry.getItemStatus(itemIdOf(batch.batchId, "SER1"))).to.equal(BigInt(Status.Active));
    });

    context("when the caller is not the batch's brand admin", function () {
      it("reverts with ProductRegistryNotBrandAdmin", async function () {
        const { registry, stranger, brandId, batch } = await networkHelpers.loadFixture(withBatch);
        await expect(registry.connect(stranger).setItemStatus(batch.batchId, "SER1", Status.Stolen))
          .to.be.revertedWithCustomError(registry, "ProductRegistryNotBrandAdmin")
          .withArgs(brandId, stranger.address);
      });
    });

    context("when the serial is malformed", function () {
      it("reverts with ProductRegistryInvalidSerial", async function () {
        const { registry, brandAdmin, batch } = await networkHelpers.loadFixture(withBatch);
        await expect(registry.connect(brandAdmin).setItemStatus(batch.batchId, "", Status.Stolen))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidSerial")
          .withArgs("");
      });
    });
  });

  describe("verifyItem", function () {
    it("reports a known batch, a valid proof and both statuses", async function () {
      const { registry, brandAdmin, brandId, batch } = await networkHelpers.loadFixture(withBatch);
      await registry.connect(brandAdmin).setItemStatus(batch.batchId, "SER3", Status.Recalled);
      const result = await registry.verifyItem(brandId, onChainCode(batch.codes[2]!), batch.tree.proof(2));
      expect(result.batchKnown).to.equal(true);
      expect(result.proofValid).to.equal(true);
      expect(result.batchId).to.equal(batch.batchId);
      expect(result.itemStatus).to.equal(BigInt(Status.Recalled));
      expect(result.batchStatus).to.equal(BigInt(Status.Active));
    });

    it("rejects a proof for another item, and a changed expiry", async function () {
      const { registry, brandId, batch } = await networkHelpers.loadFixture(withBatch);
      const wrongProof = await registry.verifyItem(brandId, onChainCode(batch.codes[2]!), batch.tree.proof(1));
      expect(wrongProof.proofValid).to.equal(false);
      const tampered = { ...onChainCode(batch.codes[2]!), expiry: 291231 };
      expect((await registry.verifyItem(brandId, tampered, batch.tree.proof(2))).proofValid).to.equal(false);
    });

    it("reports an unknown batch without reverting", async function () {
      const { registry, brandId, batch } = await networkHelpers.loadFixture(withBatch);
      const result = await registry.verifyItem(brandId, { ...onChainCode(batch.codes[0]!), lot: "OTHER" }, []);
      expect(result.batchKnown).to.equal(false);
      expect(result.proofValid).to.equal(false);
    });
  });

  describe("verifySignedItem", function () {
    async function signCode(signer: Awaited<ReturnType<typeof deployed>>["signer"], registryAddress: string, code: ReturnType<typeof onChainCode>) {
      const { chainId } = await ethers.provider.getNetwork();
      const domain = { name: "Veritrace", version: "1", chainId, verifyingContract: registryAddress };
      const types = {
        ItemCode: [
          { name: "gtin", type: "uint64" },
          { name: "lot", type: "string" },
          { name: "serial", type: "string" },
          { name: "expiry", type: "uint32" },
        ],
      };
      return signer.signTypedData(domain, types, code);
    }

    it("recovers the brand's signer from a 65-byte or a 64-byte signature and finds it authorised", async function () {
      const { registry, signer, brandId, batch } = await networkHelpers.loadFixture(withBatch);
      const code = onChainCode(batch.codes[0]!);
      const signature = await signCode(signer, await registry.getAddress(), code);
      const compact = ethers.Signature.from(signature).compactSerialized;
      for (const sig of [signature, compact]) {
        const result = await registry.verifySignedItem(code, sig, batch.tree.proof(0));
        expect(result.signer).to.equal(signer.address);
        expect(result.brandId).to.equal(brandId);
        expect(result.signerStanding).to.equal(BigInt(SignerStanding.Authorised));
        expect(result.proofValid).to.equal(true);
      }
    });

    it("keeps a removed signer's earlier batch authorised", async function () {
      const { registry, brandAdmin, signer, brandId, batch } = await networkHelpers.loadFixture(withBatch);
      const code = onChainCode(batch.codes[0]!);
      const signature = await signCode(signer, await registry.getAddress(), code);
      await registry.connect(brandAdmin).removeSigner(brandId, signer.address);
      const result = await registry.verifySignedItem(code, signature, batch.tree.proof(0));
      expect(result.signerStanding).to.equal(BigInt(SignerStanding.Authorised));
      expect(result.signerRemovedAt).to.not.equal(0n);
    });

    it("finds a signer removed before the batch was anchored revoked for it", async function () {
      const { registry, brandAdmin, signer, stranger, brandId } = await networkHelpers.loadFixture(deployed);
      await registry.connect(brandAdmin).addSigner(brandId, stranger.address);
      await registry.connect(brandAdmin).removeSigner(brandId, signer.address);
      const batch = buildBatch(brandId, ["A1"]);
      await registry.connect(stranger).registerBatch(GTIN_NUM, LOT, EXPIRY, 1, batch.tree.root, "");
      const code = onChainCode(batch.codes[0]!);
      const signature = await signCode(signer, await registry.getAddress(), code);
      const result = await registry.verifySignedItem(code, signature, batch.tree.proof(0));
      expect(result.signer).to.equal(signer.address);
      expect(result.proofValid).to.equal(true);
      expect(result.signerStanding).to.equal(BigInt(SignerStanding.RevokedBeforeBatch));
    });

    it("reports an unknown signer and no brand for a key that is not a signer", async function () {
      const { registry, stranger, batch } = await networkHelpers.loadFixture(withBatch);
      const code = onChainCode(batch.codes[0]!);
      const signature = await signCode(stranger, await registry.getAddress(), code);
      const result = await registry.verifySignedItem(code, signature, batch.tree.proof(0));
      expect(result.signer).to.equal(stranger.address);
      expect(result.signerStanding).to.equal(BigInt(SignerStanding.Unknown));
      expect(result.batchKnown).to.equal(false);
    });

    it("reports nothing, without reverting, for a signature of a wrong length", async function () {
      const { registry, batch } = await networkHelpers.loadFixture(withBatch);
      const result = await registry.verifySignedItem(onChainCode(batch.codes[0]!), "0x1234", []);
      expect(result.signer).to.equal(ethers.ZeroAddress);
      expect(result.signerStanding).to.equal(BigInt(SignerStanding.Unknown));
    });
  });
});
