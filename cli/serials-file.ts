/**
 * A brand's own serial list, from a file: one serial per line (blank lines ignored), or a CSV whose
 * header row names a `serial` column (a label CSV or a spreadsheet export works as is). Serials are
 * checked by the service, which names the bad one; here only the file's shape is.
 */
import { readFile } from "node:fs/promises";
import { splitCsvLine } from "../core/csv.ts";
import { LocalFileError, UsageError } from "./errors.ts";

export async function readSerialsFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new LocalFileError(`cannot read the serials file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
      field: "--serials",
    });
  }
  const serials = parseSerials(text, file);
  if (serials.length === 0) throw new UsageError(`the serials file ${file} holds no serials`, { code: "NO_SERIALS", field: "--serials" });
  return serials;
}

export function parseSerials(text: string, file = "the serials file"): string[] {
  // A leading BOM comes with spreadsheet exports; GS1 serials never contain spaces, so trimming is safe.
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((line) => line.trim());
  const first = lines.findIndex((line) => line !== "");
  if (first === -1) return [];
  const column = cellsOf(lines[first]!, first, file).findIndex((cell) => cell.trim().toLowerCase() === "serial");
  if (column === -1) return lines.filter((line) => line !== "");

  const serials: string[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const serial = cellsOf(lines[i]!, i, file)[column]?.trim();
    if (!serial) throw new UsageError(`${file} line ${i + 1} has no value in the serial column`, { code: "NO_SERIALS", field: "--serials" });
    serials.push(serial);
  }
  return serials;
}

/** The cells of a line; a header line that does not parse cannot name a column, a data line cannot give one. */
function cellsOf(line: string, index: number, file: string): string[] {
  const cells = splitCsvLine(line);
  if (cells === undefined) throw new UsageError(`${file} line ${index + 1} has a quoted field that does not close`, { code: "BAD_CSV", field: "--serials" });
  return cells;
}
