import { expect } from "chai";
import { csvRecord } from "../../../../../server/features/brands/labels/csv.ts";
import { writeLabels } from "../../../../../server/features/brands/labels/index.ts";
import { Collector } from "./helpers/collect.ts";
import { countingSource, labelItem } from "./helpers/items.ts";

async function csvOf(items: ReturnType<typeof labelItem>[]): Promise<string> {
  const out = new Collector();
  await writeLabels("csv", countingSource(items).source, out);
  return out.bytes.toString("utf8");
}

/** RFC 4180 reader, to check that what we write parses back to the intended fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let at = 0;
  while (at < text.length) {
    let field = "";
    if (text[at] === '"') {
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        field += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        field += '"';
        at++;
      }
    } else {
      const end = text.slice(at).search(/,|\r\n/);
      field = text.slice(at, end === -1 ? undefined : at + end);
      at += field.length;
    }
    fields.push(field);
    if (text.startsWith("\r\n", at)) {
      records.push(fields);
      fields = [];
      at += 2;
    } else {
      at++;
    }
  }
  return records;
}

describe("writeLabels csv", () => {
  it("writes the header and one CRLF-terminated row per item", async () => {
    const items = [labelItem("S1"), labelItem("S2", { expiry: 91231 }), labelItem("S3", { expiry: null })];
    expect(await csvOf(items)).to.equal(
      "gtin,lot,serial,expiry,uri\r\n" +
        `09506000134352,L2611,S1,270228,${items[0]!.uri}\r\n` +
        // YYMMDD keeps its leading zero; no expiry is an empty field.
        `09506000134352,L2611,S2,091231,${items[1]!.uri}\r\n` +
        `09506000134352,L2611,S3,,${items[2]!.uri}\r\n`,
    );
  });

  it("writes just the header for no items", async () => {
    expect(await csvOf([])).to.equal("gtin,lot,serial,expiry,uri\r\n");
  });

  it('quotes fields holding a comma or a quote, doubling the quote (RFC 4180)', async () => {
    const item = labelItem('x"y', { lot: "A,B" });
    const [, row] = parseCsv(await csvOf([item]));
    expect(row).to.deep.equal(["09506000134352", "A,B", 'x"y', "270228", item.uri]);
    expect(csvRecord(item)).to.contain(',"A,B","x""y",');
  });

  context("when a lot or serial starts with =, +, - or @", () => {
    it("prefixes an apostrophe inside quotes so spreadsheets read it as text, not a formula", async () => {
      const items = [labelItem("=1+2", { lot: "+LOT" }), labelItem("-5", { lot: "=HYPERLINK(A1)" })];
      const [, first, second] = parseCsv(await csvOf(items));
      expect(first!.slice(1, 3)).to.deep.equal(["'+LOT", "'=1+2"]);
      expect(second!.slice(1, 3)).to.deep.equal(["'=HYPERLINK(A1)", "'-5"]);
      // The URI still carries the exact values, percent-encoded.
      expect(first![4]).to.equal(items[0]!.uri).and.contain("/10/%2BLOT/21/%3D1%2B2");
    });

    it("guards @ too, though GS1 values cannot hold it", () => {
      expect(csvRecord({ ...labelItem("S1"), serial: "@SUM(A1)" })).to.contain(`,"'@SUM(A1)",`);
    });

    it("leaves a value with one of them further in as it is", async () => {
      const [, row] = parseCsv(await csvOf([labelItem("A-1=2")]));
      expect(row![2]).to.equal("A-1=2");
    });
  });
});
