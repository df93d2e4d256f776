import { CSV_HEADER, csvRecord } from "./csv.ts";
import { checkLabelItem } from "./item.ts";
import { Output } from "./output.ts";
import { writePdf } from "./pdf.ts";
import { inTimeSlices } from "../../../time-slice.ts";
import { renderInOrder } from "./render/render-in-order.ts";
import { sharedRenderPool } from "./render/render-pool.ts";
import type { RenderPool } from "./render/render-pool.ts";
import type { LabelFormat, LabelItem } from "./types.ts";
import { writeLabelZip } from "./zip-labels.ts";

export type WriteLabelsOptions = {
  /** The year the GS1 century rule reads expiry years from; the current year by default. */
  referenceYear?: number | undefined;
  /** Where labels are rendered; the process-wide worker pool by default. */
  pool?: RenderPool | undefined;
};

/**
 * Writes a whole label download to `out` and ends it; resolves once `out` has finished.
 *
 * - pdf: A4 sheets of 2 × 7 labels (layout.ts);
 * - svg, png: a zip with one file per label, named by serial (file-names.ts), always a zip, even for
 *   one item, so a client handles one response type per format;
 * - csv: gtin,lot,serial,expiry,uri (csv.ts).
 *
 * Items are pulled as output is written, a few hundred ahead at most, so a batch of any size runs in
 * flat memory, and a slow client slows the pulling down. Every item is checked first: its URI must
 * carry exactly its GTIN, lot, serial and expiry, so no label's text contradicts its code.
 *
 * The whole download, items' source included, runs in slices of a few milliseconds that give way to
 * other requests (time-slice.ts): a client reading fast enough keeps the socket taking every write at
 * once, and the download would otherwise hold the service's only thread from its first row to its last.
 *
 * Nothing is written before the first item has been read and checked, so a failure there leaves
 * `out` untouched and the caller can still send an error response. A later failure (a bad item,
 * the items' source, or the client going away) rejects with `out` left unended: the download is
 * incomplete and the caller should destroy the connection (Express does for a response whose
 * headers were sent).
 */
export async function writeLabels(format: LabelFormat, source: AsyncIterable<LabelItem>, out: NodeJS.WritableStream, options: WriteLabelsOptions = {}): Promise<void> {
  const items = inTimeSlices(source);
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const output = new Output(out);
  try {
    if (format === "csv") return await writeCsv(items, output);
    const pool = options.pool ?? sharedRenderPool();
    if (format === "pdf") return await writePdf(renderInOrder(items, { pool, kind: "pdf-qr", referenceYear }), output, { referenceYear });
    return await writeLabelZip(items, output, { kind: format, pool, referenceYear, modified: new Date() });
  } finally {
    output.dispose();
  }
}

async function writeCsv(items: AsyncIterable<LabelItem>, output: Output): Promise<void> {
  let first = true;
  for await (const item of items) {
    checkLabelItem(item);
    if (first) await output.write(CSV_HEADER);
    first = false;
    await output.write(csvRecord(item));
  }
  if (first) await output.write(CSV_HEADER);
  await output.end();
}
