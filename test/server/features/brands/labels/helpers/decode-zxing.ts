/**
 * Decodes a QR code in an image file (PNG) with zxing-wasm, the decoder the verifier page scans with, with
 * the page's own options: what a phone running the verifier would read.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;

export async function decodeWithZxing(image: Buffer): Promise<string | undefined> {
  // The WebAssembly from the package on disk: by default zxing-wasm would fetch it from a CDN.
  ready ??= readFile(require.resolve("zxing-wasm/reader/zxing_reader.wasm")).then((wasmBinary) =>
    prepareZXingModule({ overrides: { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) }, fireImmediately: true }),
  );
  await ready;
  const [found] = await readBarcodes(new Blob([new Uint8Array(image)]), { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 1 });
  return found?.text;
}
