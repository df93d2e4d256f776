/**
 * Where things go on one label, in millimetres from its top-left corner. The PDF sheet, the SVG file
 * and the PNG image all use this one layout, so a label looks the same whichever format is printed.
 *
 * The label is 99.1 × 38.1 mm, the cell of the common 2 × 7 A4 sheets (Avery L7163 / J8163 and their
 * many equivalents). On a 3 × 8 sheet (70 × 37 mm) a code of the same size leaves about 31 mm
 * beside it, where the longest line, "(21) " and a 20-character serial in a monospace font, only
 * fits at about 6 pt. Here the code is 35.1 mm square including its 4-module quiet zone (0.57 mm
 * modules for the usual version 9 symbol, above the 0.396 mm GS1 recommends as a minimum), and the
 * text is 10 pt.
 */
export const LABEL = {
  width: 99.1,
  height: 38.1,
  /** Inner margin, so that a sheet fed a little off does not cut into the quiet zone. */
  padding: 1.5,
  /** Side of the QR square, quiet zone included. */
  qrSide: 38.1 - 2 * 1.5,
  textLeft: 1.5 + (38.1 - 2 * 1.5) + 1,
  /** 10 pt: 25 monospace characters take 53 mm of the 59.5 mm beside the code. */
  fontSize: (10 * 25.4) / 72,
  lineHeight: (12.5 * 25.4) / 72,
} as const;

/** ISO/IEC 18004 §6.3.8: four modules of light margin on every side. */
export const QUIET_ZONE = 4;

/** A4 sheet and the label grid on it (Avery L7163: 2 columns × 7 rows, 15.15 mm top, 4.65 mm side). */
export const SHEET = {
  width: 210,
  height: 297,
  columns: 2,
  rows: 7,
  left: 4.65,
  top: 15.15,
  /** Distance between the left edges of neighbouring columns, and the top edges of neighbouring rows. */
  pitchX: 101.6,
  pitchY: 38.1,
} as const;

export const LABELS_PER_SHEET = SHEET.columns * SHEET.rows;

/** Baseline of the first text line, centring `lines` lines vertically (0.7 em: about a capital's height). */
export function firstBaseline(lines: number): number {
  const block = (lines - 1) * LABEL.lineHeight + LABEL.fontSize * 0.7;
  return (LABEL.height - block) / 2 + LABEL.fontSize * 0.7;
}
