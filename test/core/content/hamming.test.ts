import { expect } from "chai";
import { hammingDistance, isPerceptualMatch, PHASH_MATCH_THRESHOLD, popcount32 } from "../../../core/content/hamming.ts";

const ALL = (1n << 64n) - 1n;

describe("core/content/hamming", function () {
  it("counts the bits of 32-bit words", function () {
    expect(popcount32(0)).to.equal(0);
    expect(popcount32(0xffffffff)).to.equal(32);
    expect(popcount32(0x80000001)).to.equal(2);
    expect(popcount32(-1)).to.equal(32);
    for (let bit = 0; bit < 32; bit++) expect(popcount32(2 ** bit)).to.equal(1);
  });

  it("is 0 for equal hashes and 64 for complements", function () {
    expect(hammingDistance(0n, 0n)).to.equal(0);
    expect(hammingDistance(0x0123456789abcdefn, 0x0123456789abcdefn)).to.equal(0);
    expect(hammingDistance(0n, ALL)).to.equal(64);
    expect(hammingDistance(0x0123456789abcdefn, 0x0123456789abcdefn ^ ALL)).to.equal(64);
  });

  it("counts each differing bit once, in both halves and at both ends", function () {
    for (let bit = 0n; bit < 64n; bit++) expect(hammingDistance(0n, 1n << bit), `bit ${bit}`).to.equal(1);
    expect(hammingDistance(1n, 1n << 63n)).to.equal(2);
    expect(hammingDistance(0xffffffffn, 0xffffffffn << 32n)).to.equal(64);
    expect(hammingDistance(0b1011n, 0b0110n)).to.equal(3);
  });

  it("is symmetric", function () {
    expect(hammingDistance(0xf0n, 0x0fn << 40n)).to.equal(hammingDistance(0x0fn << 40n, 0xf0n));
  });

  it("matches at the threshold and not one bit beyond it", function () {
    const within = (1n << BigInt(PHASH_MATCH_THRESHOLD)) - 1n;
    const beyond = (1n << BigInt(PHASH_MATCH_THRESHOLD + 1)) - 1n;
    expect(isPerceptualMatch(0n, within)).to.equal(true);
    expect(isPerceptualMatch(0n, beyond)).to.equal(false);
    expect(isPerceptualMatch(0n, beyond, PHASH_MATCH_THRESHOLD + 1)).to.equal(true);
    expect(isPerceptualMatch(5n, 5n, 0)).to.equal(true);
    expect(isPerceptualMatch(5n, 4n, 0)).to.equal(false);
  });

  it("refuses values that are not uint64 instead of measuring them", function () {
    expect(() => hammingDistance(-1n, 0n)).to.throw().with.property("code", "BAD_PHASH");
    expect(() => hammingDistance(0n, 1n << 64n)).to.throw().with.property("code", "BAD_PHASH");
    expect(() => hammingDistance(1 as unknown as bigint, 0n)).to.throw().with.property("code", "BAD_PHASH");
  });
});
