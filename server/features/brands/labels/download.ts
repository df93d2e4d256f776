import type { LabelFormat } from "./types.ts";

export type LabelDownload = { contentType: string; fileName: string };

const DOWNLOADS: Record<LabelFormat, { contentType: string; suffix: string }> = {
  pdf: { contentType: "application/pdf", suffix: ".pdf" },
  csv: { contentType: "text/csv; charset=utf-8; header=present", suffix: ".csv" },
  // One file per label, so a zip; the suffix tells an SVG set from a PNG set in a downloads folder.
  svg: { contentType: "application/zip", suffix: "-svg.zip" },
  png: { contentType: "application/zip", suffix: "-png.zip" },
};

/**
 * Content type and file name of a label download: `labels-L2611.pdf`, `labels-L2611-svg.zip`. The
 * base name is reduced to A–Z a–z 0–9 . _ - so it can go into a quoted Content-Disposition
 * filename as is.
 */
export function labelDownload(format: LabelFormat, baseName: string): LabelDownload {
  const { contentType, suffix } = DOWNLOADS[format];
  const base = baseName.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^[.]+/, "_") || "labels";
  return { contentType, fileName: `${base}${suffix}` };
}
