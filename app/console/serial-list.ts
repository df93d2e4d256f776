/**
 * A brand's own serial list, read from a text file: one serial per line. Whitespace around a serial is
 * dropped (GS1 serials cannot hold any) and so are blank lines, so each serial remembers its line for
 * pointing at the right place when the service rejects `serials[i]`.
 */
export type SerialList = { serials: string[]; lines: number[] };

export function parseSerialList(text: string): SerialList {
  const serials: string[] = [];
  const lines: number[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .forEach((line, index) => {
      const serial = line.trim();
      if (serial === "") return;
      serials.push(serial);
      lines.push(index + 1);
    });
  return { serials, lines };
}

/** The index in `serials[3]`, or undefined for a field that names no single serial. */
export function serialIndexOf(field: string): number | undefined {
  const match = /^serials\[(\d+)\]$/.exec(field);
  return match ? Number(match[1]) : undefined;
}
