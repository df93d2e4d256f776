import { expect } from "chai";
import { network } from "hardhat";
import { assertGs1CompanyPrefix, gtinHasPrefix, isGs1CompanyPrefix } from "../../../core/gs1/prefix.ts";
import { brandIdOf } from "../../../core/ids.ts";
import { gtinIn } from "../../helpers/prefixes.ts";
import { deployRegistryWithBrand } from "../../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();
const deployed = () => deployRegistryWithBrand(ethers);

describe("core/gs1/prefix", function () {
  it("accepts 4 to 12 digits only", function () {
    for (const ok of ["0001", "9506000", "123456789012"]) expect(isGs1CompanyPrefix(ok)).to.equal(true);
    for (const bad of ["", "123", "1234567890123", "95O6000", " 9506000"]) expect(isGs1CompanyPrefix(bad)).to.equal(false);
    expect(() => assertGs1CompanyPrefix("95-06", "prefixes[0]")).to.throw(/prefixes\[0\] "95-06" is not a GS1 company prefix/).with.property("code", "INVALID_PREFIX");
  });

  it("reads the prefix after the indicator digit, as the registry does", async function () {
    const { registry, registrar, brandAdmin } = await networkHelpers.loadFixture(deployed);
    // Brands holding prefixes of every length from 4 to 12, none nesting with another or with the fixture's.
    const prefixes = ["1234", "23456", "345678", "4567890", "56789012", "678901234", "7890123456", "89012345678", "901234567890"];
    for (const [i, prefix] of prefixes.entries()) {
      const name = `Brand ${i}`;
      await registry.connect(registrar).admitBrand(name, "0x0000", brandAdmin.address, "");
      await registry.connect(registrar).assignPrefix(brandIdOf(name), prefix);
    }
    for (const [i, prefix] of prefixes.entries()) {
      const inside = gtinIn(prefix, 7);
      expect(gtinHasPrefix(inside, prefix)).to.equal(true);
      const [owner, held] = await registry.gtinOwner(BigInt(inside));
      expect([owner, held]).to.deep.equal([brandIdOf(`Brand ${i}`), prefix]);
      // The same digits one place later (the indicator digit moved) are no longer in the prefix.
      const shifted = `${inside.slice(2, 13)}0`;
      const shiftedGtin = `${shifted}${inside.at(-1)}`;
      expect(gtinHasPrefix(shiftedGtin, prefix)).to.equal(false);
    }
    const [nobody] = await registry.gtinOwner(BigInt(gtinIn("3333333")));
    expect(BigInt(nobody)).to.equal(0n);
  });
});
