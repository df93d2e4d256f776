/** Reads the QR code in a photo or scan of a label (PNG), with jsQR: no camera, no browser needed. */
import { readFile } from "node:fs/promises";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { CliError, LocalFileError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";

// jsQR is CommonJS with an ES-style default: under Node's ESM interop the function is `.default`.
const jsQR = jsQRModule.default;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The text of the first QR code found in a PNG. */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  if (!result) throw new CliError("no QR code found in the image", { code: "NO_QR_CODE", exitCode: ExitCode.Failure });
  return result.data;
}

export async function readQrImage(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new LocalFileError(`cannot read ${file}: ${(error as Error).message}`, { cause: error, field: "image" });
  }
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new LocalFileError(`${file} is not a PNG image: save the photo or scan as PNG`, { field: "image" });
  }
  try {
    return decodeQrPng(bytes);
  } catch (error) {
    if (error instanceof CliError) throw new CliError(`${error.message} ${file}`, { code: error.code, exitCode: error.exitCode });
    throw new LocalFileError(`${file} is not a readable PNG: ${(error as Error).message}`, { cause: error, field: "image" });
  }
}
