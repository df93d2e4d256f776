import { expect } from "chai";
import { network } from "hardhat";
import { brandIdOf } from "../../core/ids.ts";
import { gtinCheckDigit } from "../../core/gs1/gtin.ts";
import { buildBatch, deployRegistryWithBrand, EXPIRY, GTIN, LABEL_HOST, LOT, onChainCode, PREFIX } from "../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();

const ROOT = `0x${"ab".repeat(32)}` as const;
const NO_BRAND = ethers.ZeroHash;
const NO_COUNTRY = "0x0000";

/** A GTIN-14 as the registry takes it: indicator digit and 12 digits, then the check digit computed here. */
function gtinOf(indicatorAndBody: string): bigint {
  if (!/^[0-9]{13}$/.test(indicatorAndBody)) throw new RangeError(`${indicatorAndBody} is not 13 digits`);
  return BigInt(`${indicatorAndBody}${gtinCheckDigit(indicatorAndBody)}`);
}

/** GS1's example GTIN (09506000134352) is in the fixture's prefix "9506000". */
const ACME_GTIN = BigInt(GTIN);
/** EAN-13 4006381333931 as a GTIN-14: outside Acme's prefix. */
const RIVAL_GTIN = 4_006_381_333_931n;
const RIVAL_PREFIX = "4006381";

describe("ProductRegistry brand identity", function () {
  /** The fixture, plus two more brands (Globex, with a signer, and Initech) that hold nothing yet. */
  async function withRivals() {
    const fixture = await deployRegistryWithBrand(ethers);
    const { registry, registrar } = fixture;
    const [, , , , , globexAdmin, globexSigner, initechAdmin] = await ethers.getSigners();
    await registry.connect(registrar).admitBrand("Globex", "0x4652", globexAdmin!.address, "");
    await registry.connect(registrar).admitBrand("Initech", NO_COUNTRY, initechAdmin!.address, "");
    const globexId = brandIdOf("Globex");
    await registry.connect(globexAdmin).addSigner(globexId, globexSigner!.address);
    return {
      ...fixture,
      globexId,
      initechId: brandIdOf("Initech"),
      globexAdmin: globexAdmin!,
      globexSigner: globexSigner!,
    };
  }

  /** `withRivals` with one Acme batch anchored under the fixture's prefix. */
  async function withAcmeBatch() {
    const fixture = await withRivals();
    const batch = buildBatch(fixture.brandId, ["SER1", "SER2", "SER3"]);
    await fixture.registry
      .connect(fixture.signer)
      .registerBatch(ACME_GTIN, LOT, EXPIRY, batch.codes.length, batch.tree.root, "ipfs://batch");
    const anchored = await fixture.registry.getBatch(batch.batchId);
    return { ...fixture, batch, anchored };
  }

  describe("assignPrefix", function () {
    it("gives the brand every GTIN of the prefix, whatever the indicator digit, and emits PrefixAssigned", async function () {
      const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
      expect(await registry.gtinOwner(RIVAL_GTIN)).to.deep.equal([NO_BRAND, ""]);
      await expect(registry.connect(registrar).assignPrefix(globexId, RIVAL_PREFIX))
        .to.emit(registry, "PrefixAssigned")
        .withArgs(globexId, RIVAL_PREFIX);
      expect(await registry.prefixOwner(RIVAL_PREFIX)).to.equal(globexId);
      expect(await registry.gtinOwner(RIVAL_GTIN)).to.deep.equal([globexId, RIVAL_PREFIX]);
      expect(await registry.gtinOwner(gtinOf("1400638100000"))).to.deep.equal([globexId, RIVAL_PREFIX]);
      expect(await registry.gtinOwner(gtinOf("9400638199999"))).to.deep.equal([globexId, RIVAL_PREFIX]);
      // Same first six digits, another seventh: not in the prefix.
      expect(await registry.gtinOwner(gtinOf("0400638200000"))).to.deep.equal([NO_BRAND, ""]);
    });

    it("keeps leading zeros: a UPC-derived prefix is not the same prefix as its digits without the zeros", async function () {
      const { registry, registrar, globexId, initechId } = await networkHelpers.loadFixture(withRivals);
      await registry.connect(registrar).assignPrefix(globexId, "0036000");
      // UPC-A 036000291452 as a GTIN-14 is 00036000291452.
      expect(await registry.gtinOwner(36_000_291_452n)).to.deep.equal([globexId, "0036000"]);
      expect(await registry.prefixOwner("36000")).to.equal(NO_BRAND);
      expect(await registry.prefixOwner("036000")).to.equal(NO_BRAND);
      // "36000" is another prefix (of GTINs 0 36000 ...): it neither nests with "0036000" nor holds its GTINs.
      await registry.connect(registrar).assignPrefix(initechId, "36000");
      expect(await registry.gtinOwner(36_000_291_452n)).to.deep.equal([globexId, "0036000"]);
      expect(await registry.gtinOwner(gtinOf("0360001234567"))).to.deep.equal([initechId, "36000"]);
    });

    it("accepts the shortest (4) and longest (12) prefixes", async function () {
      const { registry, registrar, globexId, initechId } = await networkHelpers.loadFixture(withRivals);
      await registry.connect(registrar).assignPrefix(globexId, "1234");
      await registry.connect(registrar).assignPrefix(initechId, "555555555555");
      expect(await registry.gtinOwner(gtinOf("0123499999999"))).to.deep.equal([globexId, "1234"]);
      expect(await registry.gtinOwner(gtinOf("3555555555555"))).to.deep.equal([initechId, "555555555555"]);
      expect(await registry.gtinOwner(gtinOf("3555555555556"))).to.deep.equal([NO_BRAND, ""]);
    });

    context("when the prefix is not 4 to 12 ASCII digits", function () {
      it("reverts with ProductRegistryInvalidPrefix and the prefix", async function () {
        const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
        for (const prefix of ["", "950", "9506000000000", "95O6000", " 9506000", "9506000 ", "-950600", "９５０６"]) {
          await expect(registry.connect(registrar).assignPrefix(globexId, prefix))
            .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidPrefix")
            .withArgs(prefix);
        }
      });
    });

    context("when the prefix is already assigned", function () {
      it("reverts with ProductRegistryPrefixTaken naming the holder, to another brand or the same one", async function () {
        const { registry, registrar, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
        for (const to of [globexId, brandId]) {
          await expect(registry.connect(registrar).assignPrefix(to, PREFIX))
            .to.be.revertedWithCustomError(registry, "ProductRegistryPrefixTaken")
            .withArgs(PREFIX, brandId);
        }
      });
    });

    context("when an assigned prefix starts it", function () {
      it("reverts with ProductRegistryPrefixOverlaps, so no GTIN has two owners", async function () {
        const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
        for (const prefix of [`${PREFIX}1`, `${PREFIX}13`, `${PREFIX}13435`]) {
          await expect(registry.connect(registrar).assignPrefix(globexId, prefix))
            .to.be.revertedWithCustomError(registry, "ProductRegistryPrefixOverlaps")
            .withArgs(prefix);
        }
      });
    });

    context("when it starts an assigned prefix", function () {
      it("reverts with ProductRegistryPrefixOverlaps", async function () {
        const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
        for (const prefix of ["9506", "95060", "950600"]) {
          await expect(registry.connect(registrar).assignPrefix(globexId, prefix))
            .to.be.revertedWithCustomError(registry, "ProductRegistryPrefixOverlaps")
            .withArgs(prefix);
        }
      });

      it("accepts it once the longer prefix is withdrawn", async function () {
        const { registry, registrar, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
        await registry.connect(registrar).assignPrefix(brandId, "950600213");
        await registry.connect(registrar).withdrawPrefix(PREFIX);
        await expect(registry.connect(registrar).assignPrefix(globexId, "9506"))
          .to.be.revertedWithCustomError(registry, "ProductRegistryPrefixOverlaps")
          .withArgs("9506");
        await registry.connect(registrar).withdrawPrefix("950600213");
        await expect(registry.connect(registrar).assignPrefix(globexId, "9506"))
          .to.emit(registry, "PrefixAssigned")
          .withArgs(globexId, "9506");
        expect(await registry.gtinOwner(ACME_GTIN)).to.deep.equal([globexId, "9506"]);
      });
    });

    context("when the brand is not admitted", function () {
      it("reverts with ProductRegistryUnknownBrand", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(withRivals);
        const unknown = brandIdOf("Nobody");
        await expect(registry.connect(registrar).assignPrefix(unknown, RIVAL_PREFIX))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBrand")
          .withArgs(unknown);
      });
    });
  });

  describe("withdrawPrefix", function () {
    it("takes the GTINs from the brand and emits PrefixWithdrawn", async function () {
      const { registry, registrar, brandId } = await networkHelpers.loadFixture(withRivals);
      await expect(registry.connect(registrar).withdrawPrefix(PREFIX))
        .to.emit(registry, "PrefixWithdrawn")
        .withArgs(brandId, PREFIX);
      expect(await registry.prefixOwner(PREFIX)).to.equal(NO_BRAND);
      expect(await registry.gtinOwner(ACME_GTIN)).to.deep.equal([NO_BRAND, ""]);
    });

    it("leaves the other prefixes under the same first four digits in place", async function () {
      const { registry, registrar, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
      await registry.connect(registrar).assignPrefix(globexId, "9506001");
      await registry.connect(registrar).assignPrefix(brandId, "95061");
      await registry.connect(registrar).withdrawPrefix("9506001");
      expect(await registry.gtinOwner(ACME_GTIN)).to.deep.equal([brandId, PREFIX]);
      expect(await registry.gtinOwner(gtinOf("0950610000000"))).to.deep.equal([brandId, "95061"]);
      expect(await registry.gtinOwner(gtinOf("0950600100000"))).to.deep.equal([NO_BRAND, ""]);
    });

    context("when nobody holds the prefix", function () {
      it("reverts with ProductRegistryUnknownPrefix", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(withRivals);
        for (const prefix of [RIVAL_PREFIX, "9506"]) {
          await expect(registry.connect(registrar).withdrawPrefix(prefix))
            .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownPrefix")
            .withArgs(prefix);
        }
      });
    });

    context("when the prefix is malformed", function () {
      it("reverts with ProductRegistryInvalidPrefix", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(registrar).withdrawPrefix("95x6000"))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidPrefix")
          .withArgs("95x6000");
      });
    });
  });

  describe("transferPrefix", function () {
    it("moves the GTINs to the other brand and emits PrefixTransferred", async function () {
      const { registry, registrar, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
      await expect(registry.connect(registrar).transferPrefix(PREFIX, globexId))
        .to.emit(registry, "PrefixTransferred")
        .withArgs(brandId, globexId, PREFIX);
      expect(await registry.prefixOwner(PREFIX)).to.equal(globexId);
      expect(await registry.gtinOwner(ACME_GTIN)).to.deep.equal([globexId, PREFIX]);
    });

    it("keeps the prefix's place among the others: it still refuses nesting, and withdraws cleanly", async function () {
      const { registry, registrar, globexId, initechId } = await networkHelpers.loadFixture(withRivals);
      await registry.connect(registrar).transferPrefix(PREFIX, globexId);
      await expect(registry.connect(registrar).assignPrefix(initechId, "9506"))
        .to.be.revertedWithCustomError(registry, "ProductRegistryPrefixOverlaps")
        .withArgs("9506");
      await expect(registry.connect(registrar).withdrawPrefix(PREFIX))
        .to.emit(registry, "PrefixWithdrawn")
        .withArgs(globexId, PREFIX);
      await registry.connect(registrar).assignPrefix(initechId, "9506");
      expect(await registry.gtinOwner(ACME_GTIN)).to.deep.equal([initechId, "9506"]);
    });

    context("when nobody holds the prefix", function () {
      it("reverts with ProductRegistryUnknownPrefix", async function () {
        const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(registrar).transferPrefix(RIVAL_PREFIX, globexId))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownPrefix")
          .withArgs(RIVAL_PREFIX);
      });
    });

    context("when the receiving brand is not admitted", function () {
      it("reverts with ProductRegistryUnknownBrand", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(withRivals);
        const unknown = brandIdOf("Nobody");
        await expect(registry.connect(registrar).transferPrefix(PREFIX, unknown))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBrand")
          .withArgs(unknown);
      });
    });

    context("when the receiving brand already holds it", function () {
      it("reverts with ProductRegistryPrefixTaken", async function () {
        const { registry, registrar, brandId } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(registrar).transferPrefix(PREFIX, brandId))
          .to.be.revertedWithCustomError(registry, "ProductRegistryPrefixTaken")
          .withArgs(PREFIX, brandId);
      });
    });
  });

  describe("gtinOwner", function () {
    it("finds the one holder among prefixes of several lengths under the same first four digits", async function () {
      const { registry, registrar, brandId, globexId, initechId } = await networkHelpers.loadFixture(withRivals);
      await registry.connect(registrar).assignPrefix(globexId, "9506001");
      await registry.connect(registrar).assignPrefix(initechId, "950600213");
      await registry.connect(registrar).assignPrefix(globexId, "95061");
      await registry.connect(registrar).assignPrefix(initechId, "950699999999");
      expect(await registry.gtinOwner(ACME_GTIN)).to.deep.equal([brandId, PREFIX]);
      expect(await registry.gtinOwner(gtinOf("0950600123456"))).to.deep.equal([globexId, "9506001"]);
      expect(await registry.gtinOwner(gtinOf("1950600213000"))).to.deep.equal([initechId, "950600213"]);
      expect(await registry.gtinOwner(gtinOf("0950619999999"))).to.deep.equal([globexId, "95061"]);
      expect(await registry.gtinOwner(gtinOf("0950699999999"))).to.deep.equal([initechId, "950699999999"]);
      // Under the same four digits but in none of them.
      expect(await registry.gtinOwner(gtinOf("0950600299999"))).to.deep.equal([NO_BRAND, ""]);
      expect(await registry.gtinOwner(gtinOf("0950699999998"))).to.deep.equal([NO_BRAND, ""]);
    });

    it("reports no holder, without reverting, for a number that is no GTIN", async function () {
      const { registry } = await networkHelpers.loadFixture(withRivals);
      // The fixture's GTIN with a wrong check digit, zero, 15 digits ending in it, the largest uint64.
      for (const gtin of [ACME_GTIN + 1n, 0n, 10n ** 14n + ACME_GTIN, 2n ** 64n - 1n]) {
        expect(await registry.gtinOwner(gtin)).to.deep.equal([NO_BRAND, ""]);
      }
    });
  });

  describe("prefixOwner", function () {
    it("reports zero, without reverting, for an unassigned or malformed prefix", async function () {
      const { registry } = await networkHelpers.loadFixture(withRivals);
      for (const prefix of [RIVAL_PREFIX, "9506", "", "950", "9506000000000", "95O6000"]) {
        expect(await registry.prefixOwner(prefix)).to.equal(NO_BRAND);
      }
    });
  });

  describe("registerBatch and prefixes", function () {
    it("anchors a batch for any GTIN inside one of the signer's brand's prefixes", async function () {
      const { registry, signer, brandId } = await networkHelpers.loadFixture(withRivals);
      const gtin = gtinOf("5950600099999");
      await expect(registry.connect(signer).registerBatch(gtin, LOT, 0, 1, ROOT, ""))
        .to.emit(registry, "BatchRegistered")
        .withArgs(await registry.batchIdOf(brandId, gtin, LOT), brandId, signer.address, gtin, LOT, 0, 1, ROOT, "");
    });

    context("when the GTIN is in another brand's prefix", function () {
      it("reverts with ProductRegistryGtinNotOwned naming both brands: a brand cannot anchor a rival's products", async function () {
        const { registry, registrar, signer, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
        await registry.connect(registrar).assignPrefix(globexId, RIVAL_PREFIX);
        await expect(registry.connect(signer).registerBatch(RIVAL_GTIN, LOT, 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryGtinNotOwned")
          .withArgs(RIVAL_GTIN, brandId, globexId);
      });
    });

    context("when no brand holds the GTIN", function () {
      it("reverts with ProductRegistryGtinNotOwned and a zero owner", async function () {
        const { registry, signer, brandId } = await networkHelpers.loadFixture(withRivals);
        // Outside every prefix, and under the fixture's first four digits but outside its prefix.
        for (const gtin of [RIVAL_GTIN, gtinOf("0950600100000")]) {
          await expect(registry.connect(signer).registerBatch(gtin, LOT, 0, 1, ROOT, ""))
            .to.be.revertedWithCustomError(registry, "ProductRegistryGtinNotOwned")
            .withArgs(gtin, brandId, NO_BRAND);
        }
      });
    });

    context("when the caller is not a signer", function () {
      it("reverts with ProductRegistryUnauthorizedSigner before looking at the GTIN", async function () {
        const { registry, stranger } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(stranger).registerBatch(RIVAL_GTIN, LOT, 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnauthorizedSigner")
          .withArgs(stranger.address);
      });
    });

    context("when the prefix was withdrawn after a batch was anchored", function () {
      it("keeps that batch verifiable and refuses new batches under it", async function () {
        const { registry, registrar, signer, brandId, batch, anchored } = await networkHelpers.loadFixture(withAcmeBatch);
        await registry.connect(registrar).withdrawPrefix(PREFIX);

        expect(await registry.getBatch(batch.batchId)).to.deep.equal(anchored);
        const verification = await registry.verifyItem(brandId, onChainCode(batch.codes[1]!), batch.tree.proof(1));
        expect(verification.batchKnown).to.equal(true);
        expect(verification.proofValid).to.equal(true);
        expect(verification.anchoredAt).to.equal(anchored.anchoredAt);

        await expect(registry.connect(signer).registerBatch(ACME_GTIN, "L2612", 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryGtinNotOwned")
          .withArgs(ACME_GTIN, brandId, NO_BRAND);
      });
    });

    context("when the prefix was transferred after a batch was anchored", function () {
      it("keeps that batch the old brand's and verifiable, and lets only the new brand anchor", async function () {
        const { registry, registrar, signer, globexSigner, brandId, globexId, batch, anchored } =
          await networkHelpers.loadFixture(withAcmeBatch);
        await registry.connect(registrar).transferPrefix(PREFIX, globexId);

        expect(await registry.getBatch(batch.batchId)).to.deep.equal(anchored);
        expect(await registry.batchBrand(batch.batchId)).to.equal(brandId);
        const verification = await registry.verifyItem(brandId, onChainCode(batch.codes[0]!), batch.tree.proof(0));
        expect(verification.batchKnown).to.equal(true);
        expect(verification.proofValid).to.equal(true);

        await expect(registry.connect(signer).registerBatch(ACME_GTIN, "L2612", 0, 1, ROOT, ""))
          .to.be.revertedWithCustomError(registry, "ProductRegistryGtinNotOwned")
          .withArgs(ACME_GTIN, brandId, globexId);
        await expect(registry.connect(globexSigner).registerBatch(ACME_GTIN, LOT, 0, 1, ROOT, ""))
          .to.emit(registry, "BatchRegistered")
          .withArgs(await registry.batchIdOf(globexId, ACME_GTIN, LOT), globexId, globexSigner.address, ACME_GTIN, LOT, 0, 1, ROOT, "");
      });
    });
  });

  describe("addLabelDomain", function () {
    it("records the host for the brand alone and emits LabelDomainAdded", async function () {
      const { registry, registrar, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
      expect(await registry.isLabelDomain(brandId, LABEL_HOST)).to.equal(true);
      expect(await registry.isLabelDomain(globexId, LABEL_HOST)).to.equal(false);
      await expect(registry.connect(registrar).addLabelDomain(globexId, "id.globex.example"))
        .to.emit(registry, "LabelDomainAdded")
        .withArgs(globexId, "id.globex.example");
      expect(await registry.isLabelDomain(globexId, "id.globex.example")).to.equal(true);
      expect(await registry.isLabelDomain(brandId, "id.globex.example")).to.equal(false);
    });

    it("accepts a port, an IPv4 address and a 255-byte name, each as its own host", async function () {
      const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
      const longest = `${"a".repeat(251)}.com`;
      for (const host of ["id.globex.example:8443", "127.0.0.1:8080", "xn--glbex-jua.example", longest]) {
        await registry.connect(registrar).addLabelDomain(globexId, host);
        expect(await registry.isLabelDomain(globexId, host)).to.equal(true);
      }
      expect(await registry.isLabelDomain(globexId, "id.globex.example")).to.equal(false);
    });

    context("when the host is empty, longer than 255 bytes or has another character", function () {
      it("reverts with ProductRegistryInvalidLabelDomain and the host", async function () {
        const { registry, registrar, globexId } = await networkHelpers.loadFixture(withRivals);
        const hosts = [
          "",
          `${"a".repeat(252)}.com`,
          "ID.globex.example",
          "https://id.globex.example",
          "id.globex.example/01",
          "id globex.example",
          "id_globex.example",
          "glöbex.example",
          "id.globex.example\u0000",
        ];
        for (const host of hosts) {
          await expect(registry.connect(registrar).addLabelDomain(globexId, host))
            .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidLabelDomain")
            .withArgs(host);
        }
      });
    });

    context("when the brand already has the host", function () {
      it("reverts with ProductRegistryLabelDomainUnchanged (registered true)", async function () {
        const { registry, registrar, brandId } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(registrar).addLabelDomain(brandId, LABEL_HOST))
          .to.be.revertedWithCustomError(registry, "ProductRegistryLabelDomainUnchanged")
          .withArgs(brandId, LABEL_HOST, true);
      });
    });

    context("when the brand is not admitted", function () {
      it("reverts with ProductRegistryUnknownBrand", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(withRivals);
        const unknown = brandIdOf("Nobody");
        await expect(registry.connect(registrar).addLabelDomain(unknown, LABEL_HOST))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBrand")
          .withArgs(unknown);
      });
    });
  });

  describe("removeLabelDomain", function () {
    it("removes the host and emits LabelDomainRemoved", async function () {
      const { registry, registrar, brandId } = await networkHelpers.loadFixture(withRivals);
      await expect(registry.connect(registrar).removeLabelDomain(brandId, LABEL_HOST))
        .to.emit(registry, "LabelDomainRemoved")
        .withArgs(brandId, LABEL_HOST);
      expect(await registry.isLabelDomain(brandId, LABEL_HOST)).to.equal(false);
    });

    context("when the brand does not have the host", function () {
      it("reverts with ProductRegistryLabelDomainUnchanged (registered false)", async function () {
        const { registry, registrar, brandId, globexId } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(registrar).removeLabelDomain(globexId, LABEL_HOST))
          .to.be.revertedWithCustomError(registry, "ProductRegistryLabelDomainUnchanged")
          .withArgs(globexId, LABEL_HOST, false);
        await expect(registry.connect(registrar).removeLabelDomain(brandId, "id.example.com:443"))
          .to.be.revertedWithCustomError(registry, "ProductRegistryLabelDomainUnchanged")
          .withArgs(brandId, "id.example.com:443", false);
      });
    });

    context("when the host is malformed", function () {
      it("reverts with ProductRegistryInvalidLabelDomain", async function () {
        const { registry, registrar, brandId } = await networkHelpers.loadFixture(withRivals);
        await expect(registry.connect(registrar).removeLabelDomain(brandId, "ID.example.com"))
          .to.be.revertedWithCustomError(registry, "ProductRegistryInvalidLabelDomain")
          .withArgs("ID.example.com");
      });
    });

    context("when the brand is not admitted", function () {
      it("reverts with ProductRegistryUnknownBrand", async function () {
        const { registry, registrar } = await networkHelpers.loadFixture(withRivals);
        const unknown = brandIdOf("Nobody");
        await expect(registry.connect(registrar).removeLabelDomain(unknown, LABEL_HOST))
          .to.be.revertedWithCustomError(registry, "ProductRegistryUnknownBrand")
          .withArgs(unknown);
      });
    });
  });

  describe("isLabelDomain", function () {
    it("answers false, without reverting, for a malformed host or an unknown brand", async function () {
      const { registry, brandId } = await networkHelpers.loadFixture(withRivals);
      // Another spelling of the registered host is another host: no case folding, no trailing dot.
      for (const host of ["ID.EXAMPLE.COM", "id.example.com.", "", "x".repeat(300)]) {
        expect(await registry.isLabelDomain(brandId, host)).to.equal(false);
      }
      expect(await registry.isLabelDomain(brandIdOf("Nobody"), LABEL_HOST)).to.equal(false);
      expect(await registry.isLabelDomain(NO_BRAND, LABEL_HOST)).to.equal(false);
    });
  });

  describe("access control", function () {
    /** Every registrar-only function, called with arguments that would succeed for the registrar. */
    async function withCalls() {
      const fixture = await withRivals();
      const { registry, brandId, globexId } = fixture;
      const calls = {
        admitBrand: (as: typeof fixture.stranger) => registry.connect(as).admitBrand("Umbrella", NO_COUNTRY, as.address, ""),
        assignPrefix: (as: typeof fixture.stranger) => registry.connect(as).assignPrefix(brandId, RIVAL_PREFIX),
        withdrawPrefix: (as: typeof fixture.stranger) => registry.connect(as).withdrawPrefix(PREFIX),
        transferPrefix: (as: typeof fixture.stranger) => registry.connect(as).transferPrefix(PREFIX, globexId),
        addLabelDomain: (as: typeof fixture.stranger) => registry.connect(as).addLabelDomain(brandId, "id.acme.example"),
        removeLabelDomain: (as: typeof fixture.stranger) => registry.connect(as).removeLabelDomain(brandId, LABEL_HOST),
      };
      return { ...fixture, calls };
    }

    const events = {
      admitBrand: "BrandAdmitted",
      assignPrefix: "PrefixAssigned",
      withdrawPrefix: "PrefixWithdrawn",
      transferPrefix: "PrefixTransferred",
      addLabelDomain: "LabelDomainAdded",
      removeLabelDomain: "LabelDomainRemoved",
    } as const;

    for (const name of Object.keys(events) as (keyof typeof events)[]) {
      describe(name, function () {
        it("reverts with AccessControlUnauthorizedAccount for a stranger, a brand admin, a signer and governance", async function () {
          const { registry, calls, stranger, brandAdmin, signer, governance } = await networkHelpers.loadFixture(withCalls);
          const role = await registry.REGISTRAR_ROLE();
          for (const account of [stranger, brandAdmin, signer, governance]) {
            await expect(calls[name](account))
              .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
              .withArgs(account.address, role);
          }
        });

        it(`succeeds for the registrar, emitting ${events[name]}`, async function () {
          const { registry, calls, registrar } = await networkHelpers.loadFixture(withCalls);
          await expect(calls[name](registrar)).to.emit(registry, events[name]);
        });
      });
    }
  });
});
