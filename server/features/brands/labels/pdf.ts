import PDFDocument from "pdfkit";
import { humanReadableLines } from "./hri.ts";
import { firstBaseline, LABEL, LABELS_PER_SHEET, SHEET } from "./layout.ts";
import type { Output } from "./output.ts";
import type { Rendered } from "./render/render-in-order.ts";
import type { LabelItem } from "./types.ts";

const POINTS_PER_MM = 72 / 25.4;
// Courier is one of the 14 standard PDF fonts: nothing to embed, and monospace like the SVG text.
// Its resource name on every page; the text is written as operators directly, because pdfkit's
// text() spends most of its time on line layout and kerning that single lines of Courier never need.
const FONT = "VtCourier";
// pdfkit's own buffer may hold this much before we stop pulling items (a page is ~60 KiB).
const BUFFER_LIMIT = 256 * 1024;

export type WritePdfOptions = { referenceYear: number };

/**
 * Streams A4 sheets of 2 × 7 labels (layout.ts) through pdfkit into `output`. Each QR code is a form
 * XObject of vector rectangles, one per run of dark modules, drawn and compressed by the render
 * pool ("pdf-qr"); the text is real text in Courier. pdfkit writes each form at once and each page
 * when the next one starts, so memory holds about one page whatever the batch size.
 */
export async function writePdf(labels: AsyncIterable<Rendered>, output: Output, { referenceYear }: WritePdfOptions): Promise<void> {
  let pdf: Document | undefined;
  let index = 0;
  for await (const { item, data, size } of labels) {
    // Created at the first label, so a failure on it still leaves the response untouched.
    pdf ??= startDocument(output, `Labels ${item.gtin} ${item.lot}`);
    const { doc } = pdf;
    const slot = index % LABELS_PER_SHEET;
    if (slot === 0) addPage(pdf);
    const left = SHEET.left + (slot % SHEET.columns) * SHEET.pitchX;
    const top = SHEET.top + Math.floor(slot / SHEET.columns) * SHEET.pitchY;
    drawQr(doc, `L${slot}`, left, top, data, size);
    drawText(doc, left, top, item, referenceYear);
    index++;
    if (slot === LABELS_PER_SHEET - 1) await output.waitForReadable(doc, BUFFER_LIMIT);
  }
  pdf ??= startDocument(output, "Labels");
  // A PDF needs at least one page.
  if (index === 0) addPage(pdf);
  pdf.doc.end();
  await output.end(false);
}

type Document = { doc: PDFKit.PDFDocument; font: PDFKit.PDFKitReference };

function startDocument(output: Output, title: string): Document {
  const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false, info: { Title: title, Producer: "Veritrace" } });
  doc.pipe(output.stream);
  const font = doc.ref({ Type: "Font", Subtype: "Type1", BaseFont: "Courier", Encoding: "WinAnsiEncoding" });
  font.finalize();
  return { doc, font };
}

function addPage({ doc, font }: Document): void {
  doc.addPage({ size: "A4", margin: 0 });
  doc.page.fonts[FONT] = font;
}

/** `form` is the zlib-compressed content of a `side` × `side` module form (render-job.ts). */
function drawQr(doc: PDFKit.PDFDocument, name: string, left: number, top: number, form: Uint8Array, side: number): void {
  const ref = doc.ref({ Type: "XObject", Subtype: "Form", BBox: [0, 0, side, side], Filter: "FlateDecode" });
  ref.end(form);
  doc.page.xobjects[name] = ref;
  const scale = (LABEL.qrSide * POINTS_PER_MM) / side;
  doc.addContent(`q ${pt(scale)} 0 0 ${pt(scale)} ${pt((left + LABEL.padding) * POINTS_PER_MM)} ${pt((top + LABEL.padding) * POINTS_PER_MM)} cm /${name} Do Q`);
}

/**
 * The text lines as PDF text operators in pdfkit's user space (points, y downwards): the text matrix
 * flips y back so the glyphs stand upright, and T* steps down one line. Strings are hex, which
 * needs no escaping; GS1 values are ASCII, which WinAnsiEncoding maps one to one (a brand name: see winAnsi).
 */
function drawText(doc: PDFKit.PDFDocument, left: number, top: number, item: LabelItem, referenceYear: number): void {
  const lines = humanReadableLines(item, referenceYear);
  const x = (left + LABEL.textLeft) * POINTS_PER_MM;
  const y = (top + firstBaseline(lines.length)) * POINTS_PER_MM;
  let text = `BT /${FONT} ${pt(LABEL.fontSize * POINTS_PER_MM)} Tf ${pt(LABEL.lineHeight * POINTS_PER_MM)} TL 1 0 0 -1 ${pt(x)} ${pt(y)} Tm`;
  lines.forEach((line, i) => {
    text += `${i === 0 ? "" : " T*"} <${Buffer.from(winAnsi(line), "latin1").toString("hex")}> Tj`;
  });
  doc.addContent(`${text} ET`);
}

/**
 * GS1 values are ASCII; a brand's name may not be. Latin-1's printable range is the same in WinAnsi;
 * anything else shows as "?" rather than as whatever byte its code unit would truncate to.
 */
function winAnsi(line: string): string {
  return line.replace(/[^\x20-\x7e\xa0-\xff]/gu, "?");
}

function pt(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
