import { expect } from "chai";
import { expiryToIsoDate, formatExpiry, parseExpiry, resolveGs1Year } from "../../../core/gs1/date.ts";
import { Gs1ErrorCode } from "../../../core/gs1/errors.ts";
import { expectGs1Error } from "./expect-gs1-error.ts";

describe("parseExpiry", () => {
  it("turns YYMMDD into the number an ItemCode holds", () => {
    expect(parseExpiry("270228")).to.equal(270228);
  });

  it("keeps leading zeros out of the number (010101 -> 10101)", () => {
    expect(parseExpiry("010101")).to.equal(10101);
  });

  context("when DD is 00", () => {
    it("accepts it, since GS1 reads it as the last day of the month", () => {
      expect(parseExpiry("270200")).to.equal(270200);
    });
  });

  context("when the date does not exist", () => {
    for (const value of ["270230", "270229", "270431", "271301", "270001", "271232"]) {
      it(`rejects ${value}`, () => {
        expectGs1Error(() => parseExpiry(value), {
          code: Gs1ErrorCode.BAD_DATE,
          field: "17",
          mentions: ["AI (17)", value],
        });
      });
    }

    it("says which month is too short", () => {
      expectGs1Error(() => parseExpiry("270230"), {
        code: Gs1ErrorCode.BAD_DATE,
        field: "17",
        mentions: ["February 2027 has 28 days"],
      });
    });
  });

  context("when the year is a leap year of 2000-2099", () => {
    it("accepts 29 February", () => {
      expect(parseExpiry("280229")).to.equal(280229);
      expect(parseExpiry("000229")).to.equal(229);
    });
  });

  context("when the value is not 6 digits", () => {
    it("rejects letters as not digits", () => {
      expectGs1Error(() => parseExpiry("27O228"), { code: Gs1ErrorCode.NOT_DIGITS, field: "17", mentions: ["AI (17)"] });
    });

    it("rejects 5 or 7 digits as a bad date", () => {
      expectGs1Error(() => parseExpiry("27022"), { code: Gs1ErrorCode.BAD_DATE, field: "17", mentions: ["6 digits"] });
      expectGs1Error(() => parseExpiry("2702281"), { code: Gs1ErrorCode.BAD_DATE, field: "17", mentions: ["6 digits"] });
    });

    it("rejects an empty value", () => {
      expectGs1Error(() => parseExpiry(""), { code: Gs1ErrorCode.EMPTY, field: "17", mentions: ["AI (17)"] });
    });
  });
});

describe("formatExpiry", () => {
  it("pads the number back to the six printed digits", () => {
    expect(formatExpiry(10101)).to.equal("010101");
    expect(formatExpiry(270228)).to.equal("270228");
  });

  it("rejects a number that is not a calendar date", () => {
    expectGs1Error(() => formatExpiry(270230), { code: Gs1ErrorCode.BAD_DATE, field: "17", mentions: ["AI (17)"] });
  });

  it("rejects fractions, negatives and more than six digits", () => {
    for (const expiry of [270228.5, -1, 1_000_000, Number.NaN]) {
      expectGs1Error(() => formatExpiry(expiry), { code: Gs1ErrorCode.BAD_DATE, field: "17", mentions: ["AI (17)"] });
    }
  });
});

describe("resolveGs1Year", () => {
  it("keeps a year up to 50 years ahead in the current century", () => {
    expect(resolveGs1Year(27, 2025)).to.equal(2027);
    expect(resolveGs1Year(75, 2025)).to.equal(2075);
  });

  it("puts a year 51 or more years ahead in the previous century", () => {
    expect(resolveGs1Year(76, 2025)).to.equal(1976);
  });

  it("puts a year 50 or more years behind in the next century", () => {
    expect(resolveGs1Year(10, 2060)).to.equal(2110);
    expect(resolveGs1Year(11, 2060)).to.equal(2011);
  });
});

describe("expiryToIsoDate", () => {
  it("formats a date as YYYY-MM-DD", () => {
    expect(expiryToIsoDate(270228, 2025)).to.equal("2027-02-28");
  });

  context("when DD is 00", () => {
    it("resolves it to the last day of the month", () => {
      expect(expiryToIsoDate(270200, 2025)).to.equal("2027-02-28");
      expect(expiryToIsoDate(280200, 2025)).to.equal("2028-02-29");
      expect(expiryToIsoDate(270400, 2025)).to.equal("2027-04-30");
      expect(expiryToIsoDate(271200, 2025)).to.equal("2027-12-31");
    });
  });

  it("applies the GS1 century rule from the reference year", () => {
    expect(expiryToIsoDate(991231, 2025)).to.equal("1999-12-31");
    expect(expiryToIsoDate(10101, 2025)).to.equal("2001-01-01");
  });

  context("when the century rule lands on a year that is not a leap year", () => {
    it("rejects 29 February (2100 is not a leap year)", () => {
      expectGs1Error(() => expiryToIsoDate(229, 2060), {
        code: Gs1ErrorCode.BAD_DATE,
        field: "17",
        mentions: ["February 2100"],
      });
    });
  });
});
