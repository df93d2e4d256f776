/**
 * A customs manifest, as uploaded: a JSON list of codes, or CSV (a `code` column under a header, or one
 * code per line). Rows are numbered as a person sees them: the line of the file (the header is line 1), or
 * the 1-based position in the JSON list. A broken row is reported with its number and what is wrong, and
 * never stops the rest from being checked.
 */
import { splitCsvLine } from "../../core/csv.ts";

export type ManifestRow = { row: number; code: string };
export type MalformedRow = { row: number; error: string; message: string };
export type Manifest = { rows: ManifestRow[]; malformed: MalformedRow[] };

const MAX_CODE_LENGTH = 2_000;

export function manifestFromJson(codes: readonly unknown[]): Manifest {
  const manifest: Manifest = { rows: [], malformed: [] };
  codes.forEach((code, i) => {
    if (typeof code !== "string") addMalformed(manifest, i + 1, "NOT_TEXT", `codes[${i}] is ${code === null ? "null" : typeof code}, not a label URI`);
    else addCode(manifest, i + 1, code);
  });
  return manifest;
}

export function manifestFromCsv(text: string): Manifest {
  const manifest: Manifest = { rows: [], malformed: [] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1) return manifest;
  const header = splitCsvLine(lines[first]!)?.map((cell) => cell.trim().toLowerCase());
  const column = header?.indexOf("code") ?? -1;
  lines.forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === "" || (column !== -1 && i <= first)) return;
    // Without a header a line is one code, commas and all: a GS1 lot or serial may contain one.
    if (column === -1) return addCode(manifest, row, line);
    const cells = splitCsvLine(line);
    if (cells === undefined) return addMalformed(manifest, row, "BAD_CSV", `row ${row}: a quoted field is not closed`);
    if (cells.length <= column) return addMalformed(manifest, row, "MISSING_CODE", `row ${row} has ${cells.length} columns; the code is column ${column + 1}`);
    addCode(manifest, row, cells[column]!);
  });
  return manifest;
}

function addCode(manifest: Manifest, row: number, raw: string): void {
  const code = raw.trim();
  if (code === "") return addMalformed(manifest, row, "EMPTY_CODE", `row ${row} has an empty code`);
  if (code.length > MAX_CODE_LENGTH) return addMalformed(manifest, row, "CODE_TOO_LONG", `row ${row}'s code is ${code.length} characters (at most ${MAX_CODE_LENGTH})`);
  manifest.rows.push({ row, code });
}

function addMalformed(manifest: Manifest, row: number, error: string, message: string): void {
  manifest.malformed.push({ row, error, message });
}
