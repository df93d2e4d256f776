import { expect } from "chai";
import { parseSerials } from "../../cli/serials-file.ts";

describe("parseSerials", function () {
  it("reads one serial per line, ignoring blank lines and surrounding whitespace", function () {
    expect(parseSerials("A1\r\n\n  B2 \n\nC3\n")).to.deep.equal(["A1", "B2", "C3"]);
  });

  context("when the first line names a serial column", function () {
    it("reads that column, with CSV quoting", function () {
      expect(parseSerials('\uFEFFSerial,colour\nA1,red\n"B,2",blue\n"C""3",green\n')).to.deep.equal(["A1", "B,2", 'C"3']);
    });

    it("refuses a row without a serial", function () {
      expect(() => parseSerials("colour,serial\nred\n")).to.throw(/line 2/);
    });
  });

  it("keeps commas in a plain list", function () {
    expect(parseSerials("A,1\nB,2")).to.deep.equal(["A,1", "B,2"]);
  });
});
