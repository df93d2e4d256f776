import { expect } from "chai";
import { writeLabels } from "../../../../../server/features/brands/labels/index.ts";
import { Collector } from "./helpers/collect.ts";
import { decodeModuleRects } from "./helpers/decode-qr.ts";
import { GatedWritable, settled } from "./helpers/gated-writable.ts";
import { countingSource, labelItem, labelItems } from "./helpers/items.ts";
import { PdfReader } from "./helpers/read-pdf.ts";

// pdfkit compresses every stream; these tests read the PDF as it is served, inflating the
// FlateDecode streams (helpers/read-pdf.ts) instead of switching compression off.
async function pdfOf(items: Iterable<ReturnType<typeof labelItem>>): Promise<Buffer> {
  const out = new Collector();
  await writeLabels("pdf", countingSource([...items]).source, out, { referenceYear: 2026 });
  return out.bytes;
}

describe("writeLabels pdf", () => {
  let pdf: Buffer;
  let reader: PdfReader;
  const items = labelItems(50);

  before(async () => {
    pdf = await pdfOf(items);
    reader = new PdfReader(pdf);
  });

  it("writes a complete PDF", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).to.equal("%PDF-");
    expect(pdf.toString("latin1").trimEnd().endsWith("%%EOF")).to.equal(true);
  });

  it("puts 14 labels on a page: 50 labels make 4 A4 pages", () => {
    expect(reader.pageCount()).to.equal(4);
    const pages = reader.pages();
    expect(pages).to.have.length(4);
    for (const page of pages) expect(page.dictionary).to.contain("/MediaBox [0 0 595.28 841.89]");
    expect(pages.map((page) => reader.forms(page).length)).to.deep.equal([14, 14, 14, 8]);
  });

  it("prints each item's GS1 text as text in Courier, in order", () => {
    for (const page of reader.pages()) expect(Object.values(reader.fonts(page))).to.deep.equal(["Courier"]);
    const texts = reader.pages().flatMap((page) => reader.texts(page));
    expect(texts.filter((text) => text.startsWith("(21) "))).to.deep.equal(items.map((item) => `(21) ${item.serial}`));
    expect(texts.slice(0, 5)).to.deep.equal(["(01) 09506000134352", "(10) L2611", "(21) S0000001", "(17) 270228", "EXP 2027-02-28"]);
  });

  it("draws QR codes as vector rectangles that decode to each item's URI", () => {
    const [first, , , last] = reader.pages();
    const forms = [...reader.forms(first!), ...reader.forms(last!)];
    const expected = [...items.slice(0, 14), ...items.slice(42)];
    forms.forEach(({ side, rects }, i) => expect(decodeModuleRects(rects, side), `label ${i}`).to.equal(expected[i]!.uri));
  });

  it("writes a valid one-page PDF for no items", async () => {
    expect(new PdfReader(await pdfOf([])).pageCount()).to.equal(1);
  });

  context("when the client stops reading", () => {
    it("stops pulling items until it reads again", async function () {
      this.timeout(30_000);
      const { source, pulled } = countingSource(labelItems(1_000));
      const out = new GatedWritable();
      const done = writeLabels("pdf", source, out);
      const pulledWhileBlocked = await settled(pulled);
      // pdfkit's buffer (256 KiB, ~100 labels) and the jobs in flight: far from all 1,000.
      expect(pulledWhileBlocked).to.be.greaterThan(0).and.lessThan(500);
      out.open();
      await done;
      expect(pulled()).to.equal(1_000);
      expect(out.bytes).to.be.greaterThan(1_000 * 2_000);
    });
  });
});
