/**
 * An inspection report as a printable A4 PDF. Page 1: the shipment, the office, the time, the chain state
 * and the summary, then the first rows. Every page repeats a running header (the shipment, the inspection,
 * "page n of N") and the column titles, so a loose page still says what it belongs to. Every row is printed:
 * a code longer than the line goes on under the code column (report-layout.ts places it all beforehand).
 *
 * Each line is one positioned text call with wrapping off (the layout needs no wrapper). pdfkit still spends
 * about a fifth of a millisecond per line encoding it, seconds for a 20,000-row manifest, so the writer
 * yields to the event loop after each page: a large report never stalls the service's other requests. It
 * stops early when the reader has gone away.
 */
import type { Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import PDFDocument from "pdfkit";
import { INSPECTION_CLASS_LABEL, INSPECTION_CLASSES } from "../../../../core/inspection.ts";
import type { InspectionReport } from "../../../../api/customs.ts";
import { columnHeader, paginate, reportRowLines } from "./report-layout.ts";

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const WIDTH = PAGE.width - 2 * MARGIN;
const ROW_SIZE = 7;
const LINE = ROW_SIZE * 1.2;
/** Courier's glyphs are 0.6 em wide: the characters a row line holds. */
const LINE_CHARS = Math.floor(WIDTH / (ROW_SIZE * 0.6));
/** Where the running header sits, and where rows start on a page after the first. */
const BAND_TOP = 22;
const ROWS_TOP = 66;
const BOTTOM = PAGE.height - 32;

export async function writeReportPdf(report: InspectionReport, reportHash: string, out: Writable): Promise<void> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: `Inspection ${report.id} of shipment ${report.shipmentId}`, Producer: "Veritrace" } });
  doc.pipe(out);

  doc.y = ROWS_TOP - 14;
  doc.font("Helvetica-Bold").fontSize(16).text("Customs inspection report", MARGIN);
  doc.moveDown(0.5).font("Helvetica").fontSize(9);
  const header: Array<[string, string]> = [
    ["Shipment", report.shipmentId],
    ["Waybill", report.waybill],
    ["Office", `${report.office.name} (${report.office.country}), ${report.office.address}`],
    ["Inspected", report.createdAt],
    ["Checked against", `chain ${report.checked.chainId}, registry ${report.checked.registry}, block ${report.checked.blockNumber}`],
    ["Inspection", report.id],
    ["Report SHA-256", reportHash],
  ];
  for (const [label, value] of header) doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);

  doc.moveDown().font("Helvetica-Bold").fontSize(11).text("Summary");
  doc.font("Courier").fontSize(9);
  const summary = [
    ...INSPECTION_CLASSES.map((c) => [INSPECTION_CLASS_LABEL[c], report.summary[c] ?? 0] as const),
    ["malformed rows (empty, unreadable, not a label)", report.summary.malformed] as const,
    ["rows in the manifest", report.rows.length + report.malformed.length] as const,
  ];
  doc.text(summary.map(([label, count]) => `${label.padEnd(50)} ${String(count).padStart(8)}`).join("\n"));
  doc.moveDown().font("Helvetica-Bold").fontSize(11).text("Rows");

  const firstRowsTop = doc.y + LINE + 6;
  const pages = paginate(reportRowLines(report, LINE_CHARS), Math.floor((BOTTOM - firstRowsTop) / LINE), Math.floor((BOTTOM - ROWS_TOP) / LINE));
  for (const [i, lines] of pages.entries()) {
    if (i > 0) {
      await nextTurn();
      if (out.destroyed) break;
      doc.addPage();
    }
    const top = i === 0 ? firstRowsTop : ROWS_TOP;
    drawBand(doc, report, i + 1, pages.length, top);
    doc.font("Courier").fontSize(ROW_SIZE);
    lines.forEach((line, j) => doc.text(line, MARGIN, top + 1.5 + j * LINE, { lineBreak: false }));
  }
  doc.end();
}

/** The running header, and the column titles over the rows starting at `rowsTop`. */
function drawBand(doc: PDFKit.PDFDocument, report: InspectionReport, page: number, pages: number, rowsTop: number): void {
  const pageText = `Page ${page} of ${pages}`;
  doc.font("Helvetica-Bold").fontSize(8);
  doc.text("Customs inspection report", MARGIN, BAND_TOP, { lineBreak: false });
  doc.text(pageText, MARGIN + WIDTH - doc.widthOfString(pageText), BAND_TOP, { lineBreak: false });
  doc.font("Courier").fontSize(6.5).text(`Shipment ${report.shipmentId}   Inspection ${report.id}`, MARGIN, BAND_TOP + 11, { lineBreak: false });
  doc.moveTo(MARGIN, BAND_TOP + 20).lineTo(MARGIN + WIDTH, BAND_TOP + 20).lineWidth(0.5).stroke();
  doc.font("Courier-Bold").fontSize(ROW_SIZE).text(columnHeader(), MARGIN, rowsTop - LINE - 3, { lineBreak: false });
  doc.moveTo(MARGIN, rowsTop - 2).lineTo(MARGIN + WIDTH, rowsTop - 2).lineWidth(0.3).stroke();
}
