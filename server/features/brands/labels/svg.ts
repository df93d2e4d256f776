import { ByteWriter } from "./byte-writer.ts";
import { humanReadableLines } from "./hri.ts";
import { checkLabelItem } from "./item.ts";
import { firstBaseline, LABEL, QUIET_ZONE } from "./layout.ts";
import { darkRuns, labelQr } from "./qr-symbol.ts";
import type { LabelItem } from "./types.ts";
import { escapeXml } from "./xml.ts";

export type RenderLabelOptions = {
  /** The year the GS1 century rule reads YY from (GS1 §7.12); the current year by default. */
  referenceYear?: number | undefined;
};

// User units of 0.1 mm keep every coordinate short and exact.
const UNIT = 10;
const FONT_FAMILY = "'DejaVu Sans Mono','Courier New',Courier,monospace";
const [M, LOWER_M, LOWER_H, SPACE, DOT, FIVE, ZERO] = [..."Mmh .50"].map((character) => character.charCodeAt(0)) as [number, number, number, number, number, number, number];

/**
 * One label as a standalone SVG document, 99.1 × 38.1 mm (see layout.ts). The QR code is a single
 * path, in module units scaled into place, with `crispEdges` so rasterisers do not blur module
 * edges; the text is real, selectable text.
 */
export function renderLabelSvg(item: LabelItem, { referenceYear = new Date().getUTCFullYear() }: RenderLabelOptions = {}): string {
  checkLabelItem(item);
  return labelSvg(item, referenceYear);
}

/** `renderLabelSvg` for an item already checked. */
export function labelSvg(item: LabelItem, referenceYear: number): string {
  return labelSvgView(item, referenceYear).toString("utf8");
}

// One buffer reused for every label a thread renders: labels are made one at a time, and a fresh
// ~10 KB buffer each was most of the garbage a render worker made.
const writer = new ByteWriter(16 * 1024);

/**
 * The SVG document as UTF-8 bytes, which is what the zip stores: a view into a buffer that the next
 * call overwrites, so use it (checksum, compress, copy) before rendering another label.
 */
export function labelSvgView(item: LabelItem, referenceYear: number): Buffer {
  const qr = labelQr(item.uri);
  const { runs, count } = darkRuns(qr);
  const width = round(LABEL.width * UNIT);
  const height = round(LABEL.height * UNIT);
  const offset = round(LABEL.padding * UNIT);
  const scale = round((LABEL.qrSide * UNIT) / (qr.size + 2 * QUIET_ZONE));
  const out = writer.reset();
  out.text(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL.width}mm" height="${LABEL.height}mm" viewBox="0 0 ${width} ${height}">` +
      `<rect width="${width}" height="${height}" fill="#fff"/>` +
      `<path transform="translate(${offset} ${offset}) scale(${scale})" shape-rendering="crispEdges" stroke="#000" d="`,
  );
  // One stroke per run along the middle of its row, the way `qrcode` draws its SVGs: about half
  // the bytes of closed rectangles, so the file is smaller and compresses faster.
  let row = -1;
  let end = 0;
  for (let i = 0; i < count; i += 3) {
    const start = runs[i + 1]!;
    if (runs[i] !== row) {
      row = runs[i]!;
      out.char(M).small(start + QUIET_ZONE).char(SPACE).small(row + QUIET_ZONE).char(DOT).char(FIVE);
    } else {
      out.char(LOWER_M).small(start - end).char(SPACE).char(ZERO);
    }
    out.char(LOWER_H).small(runs[i + 2]!);
    end = start + runs[i + 2]!;
  }
  out.text(`"/><g font-family="${FONT_FAMILY}" font-size="${round(LABEL.fontSize * UNIT)}" fill="#000">`);
  const lines = humanReadableLines(item, referenceYear);
  const x = round(LABEL.textLeft * UNIT);
  const top = firstBaseline(lines.length) * UNIT;
  for (let i = 0; i < lines.length; i++) {
    out.text(`<text x="${x}" y="${round(top + i * LABEL.lineHeight * UNIT)}">${escapeXml(lines[i]!)}</text>`);
  }
  return out.text("</g></svg>\n").bytes();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
