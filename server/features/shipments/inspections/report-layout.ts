/**
 * The rows of an inspection report as fixed-width lines, and those lines cut into pages, before anything is
 * drawn: in a monospaced font the layout is plain arithmetic, so every row is placed (and the page count is
 * known for "page n of N") without asking the PDF library to measure or wrap tens of thousands of lines.
 */
import type { InspectionReport } from "../../../../api/customs.ts";

/** The row-number, class and verdict columns; the rest of the line is the code (or what is wrong). */
const ROW_WIDTH = 7;
const CLASS_WIDTH = 11;
const VERDICT_WIDTH = 11;
export const LEAD_WIDTH = ROW_WIDTH + 2 + CLASS_WIDTH + 1 + VERDICT_WIDTH + 1;

/** The column titles, aligned with the rows. */
export function columnHeader(): string {
  return `${"Row".padStart(ROW_WIDTH)}  ${"Class".padEnd(CLASS_WIDTH)} ${"Verdict".padEnd(VERDICT_WIDTH)} Code, or what is wrong`;
}

/**
 * Each manifest row (checked or malformed) in row order, as its lines: the first carries the columns, and a
 * code longer than the line goes on under the code column, so no character is cut at the page's edge.
 */
export function reportRowLines(report: Pick<InspectionReport, "rows" | "malformed">, lineChars: number): string[][] {
  const textWidth = Math.max(1, lineChars - LEAD_WIDTH);
  const entries = [
    ...report.rows.map((r) => ({ row: r.row, cls: r.class, verdict: r.verdict, text: r.code })),
    ...report.malformed.map((m) => ({ row: m.row, cls: "malformed", verdict: "-", text: `${m.error}: ${m.message}` })),
  ].sort((a, b) => a.row - b.row);
  return entries.map(({ row, cls, verdict, text }) => {
    const lead = `${String(row).padStart(ROW_WIDTH)}  ${cls.padEnd(CLASS_WIDTH)} ${verdict.padEnd(VERDICT_WIDTH)} `;
    const pieces = chunks(text.replace(/\s+/g, " "), textWidth);
    return pieces.map((piece, i) => (i === 0 ? lead : " ".repeat(LEAD_WIDTH)) + piece);
  });
}

/**
 * Row blocks packed into pages of `firstPage` lines, then `otherPages` lines each; a row's lines stay on one
 * page unless the row alone is longer than a page.
 */
export function paginate(blocks: readonly string[][], firstPage: number, otherPages: number): string[][] {
  const pages: string[][] = [[]];
  let room = Math.max(0, firstPage);
  for (const block of blocks) {
    if (block.length > room && (block.length <= otherPages || room === 0)) {
      pages.push([]);
      room = otherPages;
    }
    for (const line of block) {
      if (room === 0) {
        pages.push([]);
        room = otherPages;
      }
      pages.at(-1)!.push(line);
      room--;
    }
  }
  return pages;
}

function chunks(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  for (let at = 0; at < text.length; at += width) out.push(text.slice(at, at + width));
  return out;
}
