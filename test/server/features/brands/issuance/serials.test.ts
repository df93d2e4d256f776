import { expect } from "chai";
import { isGs1Value } from "../../../../../core/gs1/index.ts";
import { CROCKFORD_ALPHABET, drawSerials, generateSerials, SERIAL_LENGTH } from "../../../../../server/features/brands/issuance/serials.ts";

describe("server/features/brands/issuance/serials", function () {
  describe("generateSerials", function () {
    it("gives the number of serials asked for, all distinct", function () {
      // More than one 65,536-byte draw of crypto.getRandomValues.
      const serials = generateSerials(20_000);
      expect(serials).to.have.length(20_000);
      expect(new Set(serials).size).to.equal(20_000);
    });

    it("gives 16 characters of Crockford base32, each in the GS1 character set 82", function () {
      expect(SERIAL_LENGTH).to.equal(16);
      expect(CROCKFORD_ALPHABET).to.equal("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
      for (const serial of generateSerials(2_000)) {
        expect(serial).to.match(/^[0-9A-HJKMNP-TV-Z]{16}$/);
        expect(isGs1Value(serial), serial).to.equal(true);
      }
    });

    it("uses the whole alphabet in every position (80 random bits, no fixed characters)", function () {
      const serials = generateSerials(5_000);
      for (let position = 0; position < SERIAL_LENGTH; position++) {
        const seen = new Set(serials.map((serial) => serial[position]));
        expect(seen.size, `position ${position}`).to.equal(32);
      }
    });

    it("carries 80 independent random bits: every bit is set in about half of the serials", function () {
      const serials = generateSerials(4_000);
      const setCounts = new Array<number>(80).fill(0);
      for (const serial of serials) {
        [...serial].forEach((character, position) => {
          const value = CROCKFORD_ALPHABET.indexOf(character);
          for (let bit = 0; bit < 5; bit++) if ((value >> (4 - bit)) & 1) setCounts[position * 5 + bit]!++;
        });
      }
      // 4,000 fair coin flips fall outside 1,800-2,200 heads with odds of about 3e-10: for 80 bits, 1 in 40 million.
      setCounts.forEach((count, bit) => expect(count, `bit ${bit}`).to.be.within(1_800, 2_200));
    });

    it("gives nothing for zero and refuses a count that is not a non-negative integer", function () {
      expect(generateSerials(0)).to.deep.equal([]);
      expect(() => generateSerials(-1)).to.throw().with.property("code", "SERIAL_BAD_COUNT");
      expect(() => generateSerials(1.5)).to.throw().with.property("code", "SERIAL_BAD_COUNT");
    });
  });

  describe("drawSerials", function () {
    it("gives the number asked for, all distinct and none of those taken, in the same form", async function () {
      const taken = new Set(generateSerials(1_000));
      const serials = await drawSerials(30_000, taken);
      expect(serials).to.have.length(30_000);
      expect(new Set(serials).size).to.equal(30_000);
      expect(serials.filter((serial) => taken.has(serial))).to.deep.equal([]);
      for (const serial of serials.slice(0, 100)) expect(serial).to.match(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    });

    it("lets other work run while it draws (a timer fires before a large draw ends)", async function () {
      // A draw made in one go, as generateSerials makes it, would let no timer fire until it had ended.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      try {
        await drawSerials(200_000);
        expect(ticks).to.be.above(0);
      } finally {
        clearInterval(timer);
      }
    });

    it("refuses a count that is not a non-negative integer", async function () {
      expect(await drawSerials(0)).to.deep.equal([]);
      await drawSerials(-1).then(
        () => expect.fail("drew -1 serials"),
        (error: unknown) => expect(error).to.have.property("code", "SERIAL_BAD_COUNT"),
      );
    });
  });
});
