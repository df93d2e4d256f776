import type { Readable } from "node:stream";
import yauzl from "yauzl";

export type ZipFileEntry = { name: string; compressionMethod: number; data: Buffer };

/**
 * Every entry of a zip, read with yauzl (an independent reader that checks sizes and, on reading,
 * CRCs), in archive order. `withData: false` skips decompressing for large archives.
 */
export async function readZip(zip: Buffer, { withData = true } = {}): Promise<{ entryCount: number; entries: ZipFileEntry[] }> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  const entries: ZipFileEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    file.on("error", reject);
    file.on("end", resolve);
    file.on("entry", (entry: yauzl.Entry) => {
      if (!withData) {
        entries.push({ name: entry.fileName, compressionMethod: entry.compressionMethod, data: Buffer.alloc(0) });
        file.readEntry();
        return;
      }
      file.openReadStream(entry, (error: Error | null, stream: Readable) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        stream.on("data", (part: Buffer) => parts.push(part));
        stream.on("error", reject);
        stream.on("end", () => {
          entries.push({ name: entry.fileName, compressionMethod: entry.compressionMethod, data: Buffer.concat(parts) });
          file.readEntry();
        });
      });
    });
    file.readEntry();
  });
  return { entryCount: file.entryCount, entries };
}
