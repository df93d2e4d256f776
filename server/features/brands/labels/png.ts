import { drawText, GLYPH_ADVANCE, GLYPH_ASCENT } from "./bitmap-font.ts";
import { humanReadableLines, LONGEST_LINE } from "./hri.ts";
import { checkLabelItem } from "./item.ts";
import { LABEL, QUIET_ZONE } from "./layout.ts";
import { BitImage, encodePng } from "./png-encoder.ts";
import { darkRuns, labelQr } from "./qr-symbol.ts";
import type { LabelItem } from "./types.ts";
import type { RenderLabelOptions } from "./svg.ts";

// Whole pixels per module keep the code sharp when a printer or layout program scales the image by
// a whole factor. 8 px makes the usual 61-module square (quiet zone included) 488 px.
const MODULE_PIXELS = 8;
// Font pixels are 4 × 4 image pixels: capitals 28 px high, about the proportion of the 10 pt text
// next to the 35 mm code on the PDF and SVG labels.
const FONT_SCALE = 4;
const LINE_PITCH = 14 * FONT_SCALE;
const GAP = 4 * FONT_SCALE;

/**
 * One label as a black-and-white PNG: the QR code with its quiet zone, and the same text lines as
 * the SVG and PDF labels drawn with a built-in bitmap font (bitmap-font.ts) to the right.
 */
export function renderLabelPng(item: LabelItem, { referenceYear = new Date().getUTCFullYear() }: RenderLabelOptions = {}): Buffer {
  checkLabelItem(item);
  return labelPng(item, referenceYear);
}

/** `renderLabelPng` for an item already checked. */
export function labelPng(item: LabelItem, referenceYear: number): Buffer {
  const qr = labelQr(item.uri);
  const side = (qr.size + 2 * QUIET_ZONE) * MODULE_PIXELS;
  const lines = humanReadableLines(item, referenceYear);
  const width = side + LONGEST_LINE * GLYPH_ADVANCE * FONT_SCALE + GAP;
  const textHeight = (lines.length - 1) * LINE_PITCH + GLYPH_ASCENT * FONT_SCALE;
  // A small symbol (a short URI) is shorter than seven lines of text: the image grows to hold them.
  const height = Math.max(side, textHeight + 2 * GAP);
  const image = new BitImage(width, height);

  const { runs, count } = darkRuns(qr);
  for (let i = 0; i < count; i += 3) {
    image.fillRect((runs[i + 1]! + QUIET_ZONE) * MODULE_PIXELS, (runs[i]! + QUIET_ZONE) * MODULE_PIXELS, runs[i + 2]! * MODULE_PIXELS, MODULE_PIXELS);
  }

  const firstTop = Math.round((height - textHeight) / 2);
  lines.forEach((line, i) => drawText(image, line, side, firstTop + i * LINE_PITCH, FONT_SCALE));
  return encodePng(image, pixelsPerMetre(side));
}

/**
 * The resolution the PNG declares (its pHYs chunk): the one at which its code, quiet zone included, prints
 * as large as on the PDF and SVG labels (LABEL.qrSide, 35.1 mm), about 350 dpi for the usual symbol.
 * Layout programs and printers that honour it place the label at its physical size, not at 72 or 96 dpi.
 */
export function pixelsPerMetre(qrSidePixels: number): number {
  return Math.round(qrSidePixels / (LABEL.qrSide / 1000));
}
