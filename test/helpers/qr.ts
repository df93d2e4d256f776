/** Decodes a QR code from a PNG with jsQR: a decoder independent of the encoder that printed it. */
import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsQR is CommonJS with an ES-style default: under Node's ESM interop the function is `.default`.
const jsQR = jsQRModule.default;

export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  if (!result) throw new Error("No QR code found in the PNG");
  return result.data;
}
