/**
 * One CSV record on one line (RFC 4180): fields split on commas, a field that starts with `"` is quoted and
 * `""` inside it is a quote. Serial lists, manifests and label CSVs are read with it, on the server and in
 * the CLI. Undefined when a quoted field does not close on the line.
 */
export function splitCsvLine(line: string): string[] | undefined {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (line[i + 1] === '"') (cell += '"'), i++;
      else quoted = false;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") cells.push(cell), (cell = "");
    else cell += ch;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}
