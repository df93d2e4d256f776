import zlib from "node:zlib";
import { QUIET_ZONE } from "../layout.ts";
import { labelPng } from "../png.ts";
import { darkRuns, labelQr } from "../qr-symbol.ts";
import { labelSvgView } from "../svg.ts";
import type { LabelItem } from "../types.ts";

/** What to render for a run of items: whole label files (svg, png) or PDF QR forms (pdf-qr). */
export type RenderKind = "svg" | "png" | "pdf-qr";

export type RenderJob = { kind: RenderKind; items: LabelItem[]; referenceYear: number };

/**
 * The results of one job packed into one buffer, so a worker can hand it over without copying:
 * result i is `data[offsets[i], offsets[i + 1])`. For files, `crc32` and `size` describe the file
 * before compression; for PDF forms, `size` is the symbol's side in modules (quiet zone included).
 */
export type RenderResult = { data: Uint8Array; offsets: number[]; crc32: number[]; size: number[]; deflated: boolean };

// Level 1 with a 4 KiB window: an SVG label (~4 KB) compresses to ~28 % of its size either way,
// and level 6 with the default 32 KiB window costs twice the time, mostly in setting up the stream.
const DEFLATE = { level: 1, windowBits: 12, memLevel: 8 } as const;

/** Runs in a render worker, or in the calling thread where there are no workers. */
export function renderJob({ kind, items, referenceYear }: RenderJob): RenderResult {
  const parts: Uint8Array[] = [];
  const crc32: number[] = [];
  const size: number[] = [];
  for (const item of items) {
    if (kind === "pdf-qr") {
      const qr = labelQr(item.uri);
      const { runs, count } = darkRuns(qr);
      parts.push(zlib.deflateSync(qrFormContent(runs, count), DEFLATE));
      crc32.push(0);
      size.push(qr.size + 2 * QUIET_ZONE);
    } else {
      // The SVG is a view the next label overwrites: checksummed and compressed right away.
      const file = kind === "svg" ? labelSvgView(item, referenceYear) : labelPng(item, referenceYear);
      crc32.push(zlib.crc32(file));
      size.push(file.length);
      // PNG is deflated inside already: storing it as is saves the time and loses nothing.
      parts.push(kind === "svg" ? zlib.deflateRawSync(file, DEFLATE) : file);
    }
  }
  const offsets = [0];
  for (const part of parts) offsets.push(offsets.at(-1)! + part.length);
  // A fresh buffer: the parts may be views into Node's shared pool, which must not be transferred.
  const data = new Uint8Array(offsets.at(-1)!);
  parts.forEach((part, i) => data.set(part, offsets[i]));
  return { data, offsets, crc32, size, deflated: kind !== "png" };
}

/**
 * A PDF form's content: one `re` per run of dark modules, in module units with the quiet zone
 * included (the symbol occupies [4, 4 + size)), y downwards as in pdfkit's page space, one fill.
 */
function qrFormContent(runs: Uint16Array, count: number): Buffer {
  let content = "0 g\n";
  for (let i = 0; i < count; i += 3) {
    content += `${runs[i + 1]! + QUIET_ZONE} ${runs[i]! + QUIET_ZONE} ${runs[i + 2]} 1 re\n`;
  }
  return Buffer.from(`${content}f\n`, "latin1");
}
