/**
 * A customs manifest, as uploaded: a JSON list of codes, or CSV (a `code` column under a header, or one
 * code per line). Rows are numbered as a person sees them: the line of the file where the row starts (the
 * header is line 1), or the 1-based position in the JSON list. A broken row is reported with its number and
 * what is wrong, and never stops the rest from being checked.
 *
 * CSV is read by csv-parse, as RFC 4180 has it: quoted fields may hold the delimiter, doubled quotes and
 * line breaks. The delimiter is the one that makes a `code` cell of the header: a comma, or the semicolon
 * Excel writes where the comma is the decimal mark, or a tab. An empty line (or one of delimiters only, as
 * a spreadsheet writes an empty row) is a malformed row, EMPTY_LINE: it names no item, and a manifest with
 * holes is worth a look, so it is reported rather than dropped.
 */
import { parse } from "csv-parse/sync";
import type { MalformedRow } from "../../../../api/customs.ts";

export type ManifestRow = { row: number; code: string };
export type Manifest = { rows: ManifestRow[]; malformed: MalformedRow[] };

const MAX_CODE_LENGTH = 2_000;
/** In order of preference when a header reads the same under several (a lone `code`). */
const DELIMITERS = [",", ";", "\t"] as const;
const LINE_BREAK = /\r\n|\n|\r/;

export function manifestFromJson(codes: readonly unknown[]): Manifest {
  const manifest: Manifest = { rows: [], malformed: [] };
  codes.forEach((code, i) => {
    if (typeof code !== "string") addMalformed(manifest, i + 1, "NOT_TEXT", `codes[${i}] is ${code === null ? "null" : typeof code}, not a label URI`);
    else addCode(manifest, i + 1, code);
  });
  return manifest;
}

export function manifestFromCsv(input: string): Manifest {
  const manifest: Manifest = { rows: [], malformed: [] };
  const text = input.replace(/^\uFEFF/, "");
  const lines = text.split(LINE_BREAK);
  // A final line break ends the last line; it does not start an empty one.
  if (lines.at(-1) === "") lines.pop();
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1) {
    lines.forEach((_, i) => addEmptyLine(manifest, i + 1));
    return manifest;
  }
  for (let i = 0; i < first; i++) addEmptyLine(manifest, i + 1);
  const header = headerOf(lines[first]!);
  // Without a header a line is one code, commas and all: a GS1 lot or serial may contain one.
  if (header === undefined) {
    lines.forEach((line, i) => (i < first ? undefined : line.trim() === "" ? addEmptyLine(manifest, i + 1) : addCode(manifest, i + 1, line)));
    return manifest;
  }
  readRecords(manifest, text, lines, first + 2, header);
  return manifest;
}

type Header = { delimiter: string; column: number };

/** The delimiter under which the line has a `code` cell, and that cell's column; undefined when none does. */
function headerOf(line: string): Header | undefined {
  for (const delimiter of DELIMITERS) {
    let cells: string[];
    try {
      cells = (parse(line, { delimiter, relax_column_count: true }) as string[][])[0] ?? [];
    } catch {
      continue;
    }
    const column = cells.findIndex((cell) => cell.trim().toLowerCase() === "code");
    if (column !== -1) return { delimiter, column };
  }
  return undefined;
}

/**
 * Every record from line `fromLine` on, in file order. Every line belongs to one record (empty lines are
 * kept), so a record starts on the line after the previous one ended; a record that cannot be read is
 * reported with the lines it spans (an unclosed quote runs to the end of the file, as RFC 4180 reads it).
 */
function readRecords(manifest: Manifest, text: string, lines: readonly string[], fromLine: number, { delimiter, column }: Header): void {
  let end = fromLine - 1;
  parse(text, {
    delimiter,
    from_line: fromLine,
    relax_column_count: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (error) => {
      const row = end + 1;
      const last: unknown = error?.lines;
      end = Math.max(row, typeof last === "number" ? last : row);
      const span = end === row ? "" : ` (lines ${row}–${end} could not be read)`;
      addMalformed(manifest, row, "BAD_CSV", `row ${row}: ${error?.message ?? "not readable as CSV"}${span}`);
    },
    on_record: (record, context) => {
      const row = end + 1;
      end = context.lines;
      // Judged on the line as written: `""` is an empty code, not an empty line.
      if (end === row && (lines[row - 1] ?? "").split(delimiter).every((part) => part.trim() === "")) addEmptyLine(manifest, row);
      else if (record.length <= column) addMalformed(manifest, row, "MISSING_CODE", `row ${row} has ${record.length} columns; the code is column ${column + 1}`);
      else addCode(manifest, row, record[column]!);
      // Nothing is kept: the rows are in the manifest already.
      return null;
    },
  });
}

function addEmptyLine(manifest: Manifest, row: number): void {
  addMalformed(manifest, row, "EMPTY_LINE", `row ${row} is empty`);
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
