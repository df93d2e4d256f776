import { expect } from "chai";
import { splitCsvLine } from "../../../core/csv.ts";
import { manifestFromCsv, manifestFromJson } from "../../../server/inspections/manifest.ts";

describe("inspection manifests", function () {
  it("reads the code column under a header, numbering rows by file line and skipping blank lines", function () {
    const m = manifestFromCsv('box,code\r\n1,https://a/01/1\r\n\r\n2,"https://a/01/2,x"\r\n3\r\n4,\r\n');
    expect(m.rows).to.deep.equal([
      { row: 2, code: "https://a/01/1" },
      { row: 4, code: "https://a/01/2,x" },
    ]);
    expect(m.malformed.map((r) => [r.row, r.error])).to.deep.equal([
      [5, "MISSING_CODE"],
      [6, "EMPTY_CODE"],
    ]);
  });

  it("takes each line as one code when there is no code header, commas included", function () {
    expect(manifestFromCsv("https://a/21/X,Y\nhttps://a/21/Z").rows).to.deep.equal([
      { row: 1, code: "https://a/21/X,Y" },
      { row: 2, code: "https://a/21/Z" },
    ]);
  });

  it("reports an unclosed quote and an over-long code, and non-text JSON entries, by row", function () {
    const csv = manifestFromCsv(`code\n"open\n${"x".repeat(2_001)}`);
    expect(csv.malformed.map((r) => [r.row, r.error])).to.deep.equal([
      [2, "BAD_CSV"],
      [3, "CODE_TOO_LONG"],
    ]);
    const json = manifestFromJson(["https://a", null, ""]);
    expect(json.rows).to.deep.equal([{ row: 1, code: "https://a" }]);
    expect(json.malformed.map((r) => [r.row, r.error])).to.deep.equal([
      [2, "NOT_TEXT"],
      [3, "EMPTY_CODE"],
    ]);
  });

  it("splits RFC 4180 fields with doubled quotes", function () {
    expect(splitCsvLine('a,"b ""c""",d')).to.deep.equal(["a", 'b "c"', "d"]);
    expect(splitCsvLine('"x')).to.equal(undefined);
  });
});
