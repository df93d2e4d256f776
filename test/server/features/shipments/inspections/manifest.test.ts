import { expect } from "chai";
import { splitCsvLine } from "../../../../../core/csv.ts";
import { manifestFromCsv, manifestFromJson } from "../../../../../server/features/shipments/inspections/manifest.ts";

const errors = (m: ReturnType<typeof manifestFromCsv>) => m.malformed.map((r) => [r.row, r.error]);

describe("inspection manifests", function () {
  it("reads the code column under a header, numbering rows by file line and reporting an empty line", function () {
    const m = manifestFromCsv('box,code\r\n1,https://a/01/1\r\n\r\n2,"https://a/01/2,x"\r\n3\r\n4,\r\n');
    expect(m.rows).to.deep.equal([
      { row: 2, code: "https://a/01/1" },
      { row: 4, code: "https://a/01/2,x" },
    ]);
    expect(errors(m)).to.deep.equal([
      [3, "EMPTY_LINE"],
      [5, "MISSING_CODE"],
      [6, "EMPTY_CODE"],
    ]);
    expect(m.malformed[0]!.message).to.equal("row 3 is empty");
  });

  it("reports every empty line by number: before the header, between rows, blank-looking and at the end", function () {
    const m = manifestFromCsv("\ncode\nhttps://a/1\n   \nhttps://a/2\n\n\n");
    expect(m.rows).to.deep.equal([
      { row: 3, code: "https://a/1" },
      { row: 5, code: "https://a/2" },
    ]);
    expect(errors(m)).to.deep.equal([
      [1, "EMPTY_LINE"],
      [4, "EMPTY_LINE"],
      [6, "EMPTY_LINE"],
      [7, "EMPTY_LINE"],
    ]);
  });

  it("reads Excel's semicolon-separated CSV, with a byte order mark, commas inside its fields and a row of empty cells", function () {
    const m = manifestFromCsv('\uFEFFBox;Code;Note\r\n1;https://a/21/X,Y;ok\r\n;;\r\n2;"https://a/21/Z";"a;b"\r\n');
    expect(m.rows).to.deep.equal([
      { row: 2, code: "https://a/21/X,Y" },
      { row: 4, code: "https://a/21/Z" },
    ]);
    expect(errors(m)).to.deep.equal([[3, "EMPTY_LINE"]]);
  });

  it("reads a tab-separated manifest", function () {
    expect(manifestFromCsv("box\tcode\n1\thttps://a/1\n").rows).to.deep.equal([{ row: 2, code: "https://a/1" }]);
  });

  it("accepts RFC 4180 quoted fields with line breaks, numbering each row by the line it starts on", function () {
    const m = manifestFromCsv('code,note\nhttps://a/1,"first line\nsecond line"\nhttps://a/2,"x ""quoted"" y"\n"https://a/3",\n');
    expect(m.rows).to.deep.equal([
      { row: 2, code: "https://a/1" },
      { row: 4, code: "https://a/2" },
      { row: 5, code: "https://a/3" },
    ]);
    expect(m.malformed).to.deep.equal([]);
  });

  it("takes each line as one code when there is no code header, commas included, and reports its empty lines", function () {
    const m = manifestFromCsv("https://a/21/X,Y\n\nhttps://a/21/Z");
    expect(m.rows).to.deep.equal([
      { row: 1, code: "https://a/21/X,Y" },
      { row: 3, code: "https://a/21/Z" },
    ]);
    expect(errors(m)).to.deep.equal([[2, "EMPTY_LINE"]]);
  });

  it("reports an unclosed quote with the lines it swallowed, a bad quote, and an over-long code, by row", function () {
    const csv = manifestFromCsv(`code\n${"x".repeat(2_001)}\nab"c\nhttps://a/1\n"open\nhttps://a/2`);
    expect(csv.rows).to.deep.equal([{ row: 4, code: "https://a/1" }]);
    expect(errors(csv)).to.deep.equal([
      [2, "CODE_TOO_LONG"],
      [3, "BAD_CSV"],
      [5, "BAD_CSV"],
    ]);
    expect(csv.malformed[2]!.message).to.match(/^row 5: .*Quote Not Closed.* \(lines 5–6 could not be read\)$/);
  });

  it("reports an empty quoted field as an empty code, not an empty line", function () {
    expect(errors(manifestFromCsv('code\n""\n'))).to.deep.equal([[2, "EMPTY_CODE"]]);
  });

  it("reports non-text and empty JSON entries by position", function () {
    const json = manifestFromJson(["https://a", null, ""]);
    expect(json.rows).to.deep.equal([{ row: 1, code: "https://a" }]);
    expect(json.malformed.map((r) => [r.row, r.error])).to.deep.equal([
      [2, "NOT_TEXT"],
      [3, "EMPTY_CODE"],
    ]);
  });

  it("splits RFC 4180 fields with doubled quotes (the serial-list reader's splitter)", function () {
    expect(splitCsvLine('a,"b ""c""",d')).to.deep.equal(["a", 'b "c"', "d"]);
    expect(splitCsvLine('"x')).to.equal(undefined);
  });
});
