/**
 * Which label format to ask for: `--format` if given, else the `--out` extension. SVG and PNG labels
 * come as a zip of one file per label, so `.zip` means SVG unless PNG is asked for. A format that cannot
 * be what the file's name says is refused, so a zip is never saved as `labels.pdf`.
 */
import path from "node:path";
import type { LabelFormat } from "../api/batches.ts";
import { UsageError } from "./errors.ts";

const BY_EXTENSION: Record<string, readonly LabelFormat[]> = {
  ".pdf": ["pdf"],
  ".csv": ["csv"],
  ".zip": ["svg", "png"],
};

export function resolveLabelFormat(out: string, format: LabelFormat | undefined): LabelFormat {
  const extension = path.extname(out).toLowerCase();
  const fits = BY_EXTENSION[extension];
  if (format === undefined) {
    if (fits) return fits[0]!;
    throw new UsageError(`cannot tell the label format from ${JSON.stringify(out)}: name it .pdf, .csv or .zip, or give --format pdf|svg|png|csv`, {
      code: "UNKNOWN_FORMAT",
      field: "--format",
    });
  }
  if (fits && !fits.includes(format)) {
    throw new UsageError(`--format ${format} does not fit ${JSON.stringify(out)}: ${format} labels are a ${extensionOf(format)} file`, {
      code: "FORMAT_MISMATCH",
      field: "--format",
    });
  }
  return format;
}

function extensionOf(format: LabelFormat): string {
  return format === "svg" || format === "png" ? ".zip" : `.${format}`;
}
