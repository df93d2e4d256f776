import { expect } from "chai";
import { dateFromExpiry, expiryFromDate } from "../../../app/console/expiry.ts";

describe("console expiry field", function () {
  describe("expiryFromDate", function () {
    it("turns the date picker's YYYY-MM-DD into YYMMDD", function () {
      expect(expiryFromDate("2027-02-28", 2026)).to.deep.equal({ expiry: "270228", readAsYear: 2027 });
    });

    it("gives nothing for an empty or partial picker value", function () {
      expect(expiryFromDate("", 2026)).to.equal(undefined);
      expect(expiryFromDate("2027-02", 2026)).to.equal(undefined);
    });

    context("when the picked year is outside the GS1 century window", function () {
      it("says which year a GS1 reader will take YY for", function () {
        expect(expiryFromDate("2090-01-31", 2026)).to.deep.equal({ expiry: "900131", readAsYear: 1990 });
      });
    });
  });

  describe("dateFromExpiry", function () {
    it("turns YYMMDD into the picker's date", function () {
      expect(dateFromExpiry("270228", 2026)).to.equal("2027-02-28");
    });

    it("reads DD 00 as the last day of the month", function () {
      expect(dateFromExpiry("280200", 2026)).to.equal("2028-02-29");
    });

    it("gives nothing while the text is not a date", function () {
      expect(dateFromExpiry("2702", 2026)).to.equal(undefined);
      expect(dateFromExpiry("271332", 2026)).to.equal(undefined);
      expect(dateFromExpiry("270230", 2026)).to.equal(undefined);
    });
  });
});
