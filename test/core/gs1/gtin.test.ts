import { expect } from "chai";
import { Gs1ErrorCode } from "../../../core/gs1/errors.ts";
import { gtinCheckDigit, isValidGtin14, normalizeGtin } from "../../../core/gs1/gtin.ts";
import { expectGs1Error } from "./expect-gs1-error.ts";

describe("gtinCheckDigit", () => {
  it("computes the check digit of the GS1 example GTIN 09506000134352", () => {
    expect(gtinCheckDigit("0950600013435")).to.equal(2);
  });

  it("gives the same digit whatever zero padding precedes the body", () => {
    expect(gtinCheckDigit("950600013435")).to.equal(2);
    expect(gtinCheckDigit("0000950600013435")).to.equal(2);
  });

  it("weights the rightmost body digit by 3 (GTIN-8 96385074)", () => {
    // 7*3 + 0 + 5*3 + 8 + 3*3 + 6 + 9*3 = 86, and 90 - 86 = 4.
    expect(gtinCheckDigit("9638507")).to.equal(4);
  });

  it("returns 0, not 10, when the weighted sum is a multiple of ten", () => {
    expect(gtinCheckDigit("55")).to.equal(0);
  });
});

describe("isValidGtin14", () => {
  it("accepts the GS1 example GTIN 09506000134352", () => {
    expect(isValidGtin14("09506000134352")).to.equal(true);
  });

  it("rejects 09506000134353, whose check digit is wrong", () => {
    expect(isValidGtin14("09506000134353")).to.equal(false);
  });

  it("rejects a valid GTIN-13 because it is not yet in the 14-digit form", () => {
    expect(isValidGtin14("9506000134352")).to.equal(false);
  });

  it("rejects non-digits", () => {
    expect(isValidGtin14("0950600013435X")).to.equal(false);
  });
});

describe("normalizeGtin", () => {
  context("when the GTIN is valid", () => {
    it("keeps a GTIN-14 as it is", () => {
      expect(normalizeGtin("09506000134352")).to.equal("09506000134352");
    });

    it("left-pads a GTIN-13 to 14 digits", () => {
      expect(normalizeGtin("9506000134352")).to.equal("09506000134352");
    });

    it("left-pads a GTIN-12 (UPC-A) to 14 digits", () => {
      expect(normalizeGtin("036000291452")).to.equal("00036000291452");
    });

    it("left-pads a GTIN-8 to 14 digits", () => {
      expect(normalizeGtin("96385074")).to.equal("00000096385074");
    });
  });

  context("when the check digit is wrong", () => {
    it("rejects it with the digit found and the digit expected", () => {
      expectGs1Error(() => normalizeGtin("09506000134353"), {
        code: Gs1ErrorCode.BAD_CHECK_DIGIT,
        field: "01",
        mentions: ["AI (01)", "check digit is 3, expected 2"],
      });
    });
  });

  context("when the GTIN has a length GS1 does not define", () => {
    for (const input of ["1234567", "123456789", "12345678901", "123456789012345"]) {
      it(`rejects ${input.length} digits`, () => {
        expectGs1Error(() => normalizeGtin(input), {
          code: Gs1ErrorCode.BAD_GTIN_LENGTH,
          field: "01",
          mentions: ["AI (01)", `${input.length} digits`],
        });
      });
    }
  });

  context("when the GTIN has a character that is not a digit", () => {
    it("rejects it naming the character and its position", () => {
      expectGs1Error(() => normalizeGtin("0950600013435A"), {
        code: Gs1ErrorCode.NOT_DIGITS,
        field: "01",
        mentions: ["AI (01)", '"A"', "position 14"],
      });
    });

    it("rejects a space rather than trimming it", () => {
      expectGs1Error(() => normalizeGtin(" 9506000134352"), {
        code: Gs1ErrorCode.NOT_DIGITS,
        field: "01",
        mentions: ["(space)", "position 1"],
      });
    });
  });

  context("when the GTIN is empty", () => {
    it("rejects it as empty", () => {
      expectGs1Error(() => normalizeGtin(""), { code: Gs1ErrorCode.EMPTY, field: "01", mentions: ["AI (01)"] });
    });
  });
  describe("an all-zero GTIN", function () {
    it("is refused by normalizeGtin and isValidGtin14, as the registry refuses it", function () {
      expect(() => normalizeGtin("00000000")).to.throw().with.property("code", "GS1_ZERO_GTIN");
      expect(() => normalizeGtin("00000000000000")).to.throw().with.property("code", "GS1_ZERO_GTIN");
      expect(isValidGtin14("00000000000000")).to.equal(false);
    });
  });
});
