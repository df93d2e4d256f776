/**
 * QR decoding: zxing-wasm (about 2 ms a camera frame), its .wasm served by the service itself next to this
 * page (the library's default would fetch it from a CDN); jsQR, pure JavaScript and about 6 times slower,
 * when the WebAssembly cannot be loaded (blocked by a policy, a failed download, a very old browser).
 */
import jsQRModule from "jsqr";
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";

// The type checker follows Node's interop, which puts the function on `.default`; esbuild honours the
// module's __esModule flag and hands over the function itself.
type JsQR = typeof jsQRModule.default;
const jsQR: JsQR = (jsQRModule as unknown as { default?: JsQR }).default ?? (jsQRModule as unknown as JsQR);

/** Set by a static build (`scripts/build-verifier.ts`): the content-hashed file beside this script, and its hash. */
declare const __VERITRACE_DECODER_WASM__: { file: string; integrity: string } | undefined;
const BUILT_WASM = typeof __VERITRACE_DECODER_WASM__ === "undefined" ? undefined : __VERITRACE_DECODER_WASM__;

export const WASM_URL = BUILT_WASM === undefined ? "/verify/zxing_reader.wasm" : new URL(BUILT_WASM.file, import.meta.url).href;

const READER_OPTIONS: ReaderOptions = { formats: ["QRCode"], maxNumberOfSymbols: 1, tryHarder: true };

export type Decoder = {
  /** The text of the QR code in the image, or undefined when none is found. */
  decodeImageData(image: ImageData): Promise<string | undefined>;
};

export function createDecoder(): Decoder {
  const locateFile = (file: string, prefix: string) => (file.endsWith(".wasm") ? WASM_URL : prefix + file);
  // A static build fetches the bytes itself, checked against the hash it was built with: a host that swaps
  // the file gets it refused (and jsQR decodes instead), as index.html's integrity does for the script.
  const wasmBinary: Promise<ArrayBuffer | undefined> =
    BUILT_WASM === undefined
      ? Promise.resolve(undefined)
      : fetch(WASM_URL, { integrity: BUILT_WASM.integrity }).then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(`HTTP ${res.status}`))));
  // Compiled as the page loads, so that the first camera frame does not wait for it.
  const ready: Promise<"zxing" | "jsqr"> = wasmBinary
    .then((binary) => prepareZXingModule({ overrides: binary === undefined ? { locateFile } : { locateFile, wasmBinary: binary }, fireImmediately: true }))
    .then(
      () => "zxing" as const,
      () => "jsqr" as const,
    );
  return {
    async decodeImageData(image) {
      if ((await ready) === "zxing") {
        const [found] = await readBarcodes(image, READER_OPTIONS);
        return found?.isValid ? found.text : undefined;
      }
      return jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" })?.data;
    },
  };
}

/** A photo as pixels, scaled down so a 12-megapixel picture decodes in a moment rather than seconds. */
export async function imageDataOf(file: Blob, maxSide = 1600): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}
