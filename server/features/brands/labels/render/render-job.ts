import zlib from "node:zlib";
import { ByteWriter } from "../byte-writer.ts";
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
 * before compression and `deflated` says whether the data is raw deflate (svg) or the file itself
 * (png); PDF forms are zlib streams (FlateDecode) and `size` is the symbol's side in modules,
 * quiet zone included.
 */
export type RenderResult = { data: Uint8Array; offsets: number[]; crc32: number[]; size: number[]; deflated: boolean };

// Level 1: an SVG label (~5 KB) compresses to ~31 % of its size in ~75 µs; level 6 gets 26 % in
// three times the time, and compression is already the largest cost of a zipped SVG label. The
// 4 KiB window suffices for a 5 KB file and is cheaper to set up for each file.
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

const formWriter = new ByteWriter(16 * 1024);
const [SPACE, NEWLINE] = [32, 10];

/**
 * A PDF form's content: one `re` per run of dark modules, in module units with the quiet zone
 * included (the symbol occupies [4, 4 + size)), y downwards as in pdfkit's page space, one fill.
 * Returns a view into a shared buffer: compress it before the next call.
 */
function qrFormContent(runs: Uint16Array, count: number): Buffer {
  const out = formWriter.reset().text("0 g\n");
  for (let i = 0; i < count; i += 3) {
    out.small(runs[i + 1]! + QUIET_ZONE).char(SPACE).small(runs[i]! + QUIET_ZONE).char(SPACE).small(runs[i + 2]!).text(" 1 re").char(NEWLINE);
  }
  return out.text("f\n").bytes();
}
