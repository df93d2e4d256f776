import { LabelFileNames } from "./file-names.ts";
import type { Output } from "./output.ts";
import { renderInOrder } from "./render/render-in-order.ts";
import type { RenderPool } from "./render/render-pool.ts";
import type { LabelItem } from "./types.ts";
import { ZipWriter } from "./zip/zip-writer.ts";

export type WriteLabelZipOptions = {
  kind: "svg" | "png";
  pool: RenderPool;
  referenceYear: number;
  /** Modification time of every file in the zip. */
  modified: Date;
};

/** A zip with one file per label, named by serial (file-names.ts), written as labels are rendered. */
export async function writeLabelZip(items: AsyncIterable<LabelItem>, output: Output, { kind, pool, referenceYear, modified }: WriteLabelZipOptions): Promise<void> {
  const zip = new ZipWriter(output, modified);
  const names = new LabelFileNames(kind);
  for await (const { item, data, crc32, size, deflated } of renderInOrder(items, { pool, kind, referenceYear })) {
    await zip.add({ name: names.next(item.serial), data, deflated, crc32, size });
  }
  await zip.finish();
  await output.end();
}
