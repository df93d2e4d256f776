/**
 * An inspection report as a printable A4 PDF: a header naming the shipment, the office and the time, the
 * summary table, then every row. Rows are written in blocks of Courier text, not one call each, since
 * pdfkit's per-call layout is what costs time with tens of thousands of rows.
 */
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import { INSPECTION_CLASS_LABEL, INSPECTION_CLASSES } from "../../core/inspection.ts";
import type { InspectionReport } from "./inspect.ts";

const MARGIN = 40;
const ROW_SIZE = 7;
/** Lines per text call. */
const CHUNK = 500;

export function writeReportPdf(report: InspectionReport, reportHash: string, out: Writable): void {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: `Inspection ${report.id} of shipment ${report.shipmentId}`, Producer: "Veritrace" } });
  doc.pipe(out);
  doc.font("Helvetica-Bold").fontSize(16).text("Customs inspection report");
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
    ...INSPECTION_CLASSES.map((c) => [INSPECTION_CLASS_LABEL[c], report.summary[c]] as const),
    ["malformed rows", report.summary.malformed] as const,
  ];
  doc.text(summary.map(([label, count]) => `${label.padEnd(42)} ${String(count).padStart(8)}`).join("\n"));

  doc.moveDown().font("Helvetica-Bold").fontSize(11).text("Rows");
  doc.font("Courier").fontSize(ROW_SIZE);
  const lines = [
    ...report.rows.map((r) => ({ row: r.row, text: `${String(r.row).padStart(7)}  ${r.class.padEnd(11)} ${r.verdict.padEnd(11)} ${r.code}` })),
    ...report.malformed.map((m) => ({ row: m.row, text: `${String(m.row).padStart(7)}  ${"malformed".padEnd(11)} ${m.error.padEnd(11)} ${m.message}` })),
  ]
    .sort((a, b) => a.row - b.row)
    .map((l) => l.text);
  // pdfkit starts new pages as the text runs over; long codes are cut at the margin rather than wrapped.
  for (let at = 0; at < lines.length; at += CHUNK) doc.text(lines.slice(at, at + CHUNK).join("\n"), { lineBreak: false });
  doc.end();
}
