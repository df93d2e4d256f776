import { expect } from "chai";
import { parseSerialList, serialIndexOf } from "../../../app/console/serial-list.ts";

describe("console serial list file", function () {
  describe("parseSerialList", function () {
    it("reads one serial per line, whatever the line endings", function () {
      expect(parseSerialList("A1\nA2\r\nA3\rA4").serials).to.deep.equal(["A1", "A2", "A3", "A4"]);
    });

    it("drops a byte order mark, blank lines and whitespace around serials, keeping each serial's line", function () {
      expect(parseSerialList("\uFEFFA1\n\n  A2 \n\t\nA3\n")).to.deep.equal({ serials: ["A1", "A2", "A3"], lines: [1, 3, 5] });
    });

    it("gives an empty list for an empty file", function () {
      expect(parseSerialList("")).to.deep.equal({ serials: [], lines: [] });
    });
  });

  describe("serialIndexOf", function () {
    it("reads the index of an API field naming one serial", function () {
      expect(serialIndexOf("serials[3]")).to.equal(3);
      expect(serialIndexOf("serials")).to.equal(undefined);
      expect(serialIndexOf("gtin")).to.equal(undefined);
    });
  });
});
