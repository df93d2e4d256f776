import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { promisify } from "node:util";
import { expect } from "chai";
import { INSPECTION_CLASS_LABEL, type InspectionClass } from "../../../../../core/inspection.ts";
import type { InspectionReport } from "../../../../../api/customs.ts";
import { paginate } from "../../../../../server/features/shipments/inspections/report-layout.ts";
import { writeReportPdf } from "../../../../../server/features/shipments/inspections/report-pdf.ts";

const run = promisify(execFile);
const ROWS = 500;
const SHIPMENT = `0x${"ab".repeat(32)}` as const;
const HASH = `0x${"12".repeat(32)}`;
const CLASSES: InspectionClass[] = ["declared", "expired", "undeclared", "counterfeit", "revoked", "duplicate", "unverified"];
const VERDICT = { declared: "GENUINE", expired: "GENUINE", undeclared: "GENUINE", counterfeit: "COUNTERFEIT", revoked: "REVOKED", duplicate: "GENUINE", unverified: "UNVERIFIED" } as const;

/** A label URI as printed: the signature makes it longer than a report line. */
const uri = (serial: string) => `https://id.example.com/01/09506000134352/10/SHIP1/21/${serial}?17=271231&s=${"Q".repeat(87)}`;
const serialOf = (i: number) => `SER${String(i).padStart(5, "0")}X`;
/** Row 37's code runs over four lines (89 characters each): every character must still be printed. */
const LONG = `https://id.example.com/01/09506000134352/10/LONGLOT/21/${serialOf(35)}?17=271231&s=${"abcdefghij".repeat(20)}END`;

function report(): InspectionReport {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const cls = CLASSES[i % CLASSES.length]!;
    return { row: i + 2, code: i === 35 ? LONG : uri(serialOf(i)), class: cls, verdict: VERDICT[cls], reasons: [], brandId: null };
  });
  const summary = { declared: 0, expired: 0, undeclared: 0, counterfeit: 0, revoked: 0, duplicate: 0, unverified: 0, malformed: 2 };
  for (const r of rows) summary[r.class]++;
  return {
    id: "7f0c6e1a-3b7e-4a43-9d0f-0d9a3a3b9c11",
    shipmentId: SHIPMENT,
    waybill: "WB-500",
    office: { address: `0x${"cd".repeat(20)}`, name: "Rotterdam customs", country: "NL" } as InspectionReport["office"],
    createdAt: "2026-12-05T12:00:00.000Z",
    checked: { chainId: 31337, registry: `0x${"ef".repeat(20)}`, blockNumber: 42 },
    summary,
    rows,
    malformed: [
      { row: ROWS + 2, error: "EMPTY_LINE", message: `row ${ROWS + 2} is empty` },
      { row: ROWS + 3, error: "GS1_BAD_CHECK_DIGIT", message: `row ${ROWS + 3} is not a label URI: the GTIN's check digit is wrong` },
    ],
  };
}

/** The text of each page, as poppler's pdftotext extracts it (pages end with a form feed). */
async function pagesOf(file: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\f").slice(0, -1);
}

describe("inspection report PDF", function () {
  this.timeout(60_000);
  let dir: string;
  let pages: string[];
  const inspection = report();

  before(async function () {
    await run("pdftotext", ["-v"]).catch(() => {
      throw new Error("pdftotext (poppler-utils) is needed to read the report back: apt-get install poppler-utils");
    });
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-report-"));
    const file = path.join(dir, "report.pdf");
    const out = createWriteStream(file);
    await writeReportPdf(inspection, HASH, out);
    await finished(out);
    pages = await pagesOf(file);
  });

  after(async function () {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs over several pages, each with the running header, its number of the total and the column titles", function () {
    expect(pages.length).to.be.greaterThan(5);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).to.include("Customs inspection report");
      expect(text, `page ${i + 1}`).to.include(`Page ${i + 1} of ${pages.length}`);
      expect(text, `page ${i + 1}`).to.include(`Shipment ${SHIPMENT}`).and.to.include(`Inspection ${inspection.id}`);
      expect(text, `page ${i + 1}`).to.match(/Row +Class +Verdict +Code, or what is wrong/);
    });
  });

  it("puts the header fields and the summary, every class with its count, on page 1 and nowhere else", function () {
    const first = pages[0]!;
    for (const field of ["Waybill: WB-500", "Office: Rotterdam customs (NL)", `Report SHA-256: ${HASH}`, "block 42", "Summary"]) expect(first).to.include(field);
    for (const cls of CLASSES) {
      expect(first).to.match(new RegExp(`${INSPECTION_CLASS_LABEL[cls].replace(/[()]/g, "\\$&")} +${inspection.summary[cls]}\\n`));
    }
    expect(first).to.match(/malformed rows \(empty, unreadable, not a label\) +2\n/);
    expect(first).to.match(new RegExp(`rows in the manifest +${ROWS + 2}\\n`));
    for (const later of pages.slice(1)) expect(later).not.to.include("Summary");
  });

  it("prints every row once, in row order, with its class and verdict, and every malformed row with what is wrong", function () {
    const all = pages.join("\n");
    let last = -1;
    inspection.rows.forEach((r, i) => {
      const line = new RegExp(`^ +${r.row} +${r.class} +${r.verdict} +https://id\\.example\\.com/\\S*/21/${serialOf(i)}\\?`, "m");
      const at = all.search(line);
      expect(at, `row ${r.row}`).to.be.greaterThan(last);
      expect(all.split(serialOf(i)).length - 1, `${serialOf(i)} once`).to.equal(1);
      last = at;
    });
    expect(all).to.match(new RegExp(`^ +${ROWS + 2} +malformed +- +EMPTY_LINE: row ${ROWS + 2} is empty`, "m"));
    expect(all).to.match(new RegExp(`^ +${ROWS + 3} +malformed +- +GS1_BAD_CHECK_DIGIT: row ${ROWS + 3} is not a label URI`, "m"));
  });

  it("prints a code longer than the line in full, on the lines under it, on one page", function () {
    const page = pages.find((text) => text.includes(serialOf(35)))!;
    const lines = page.split("\n");
    const at = lines.findIndex((line) => line.includes(serialOf(35)));
    // Continuation lines carry nothing in the row, class and verdict columns.
    let end = at + 1;
    while (/^ {30,}\S/.test(lines[end]!)) end++;
    expect(end - at).to.equal(Math.ceil(LONG.length / 89));
    const code = lines
      .slice(at, end)
      .map((line, i) => (i === 0 ? line.slice(line.indexOf("https://")) : line.trim()))
      .join("");
    expect(code).to.equal(LONG);
  });

  it("keeps a row's lines together on a page, and splits only a row longer than a page", function () {
    const block = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
    expect(paginate([block(2, "a"), block(2, "b"), block(2, "c")], 3, 4)).to.deep.equal([["a0", "a1"], ["b0", "b1", "c0", "c1"]]);
    expect(paginate([block(1, "a"), block(5, "b")], 2, 3)).to.deep.equal([["a0", "b0"], ["b1", "b2", "b3"], ["b4"]]);
  });
});
