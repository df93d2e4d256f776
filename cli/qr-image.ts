/**
 * Reads the QR code in a photo or scan of a label (PNG or JPEG), with jsQR: no camera, no browser needed.
 * The format is told by the file's signature, not its name.
 */
import { readFile } from "node:fs/promises";
import { decode as decodeJpeg } from "jpeg-js";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { CliError, LocalFileError, UsageError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";

// jsQR is CommonJS with an ES-style default: under Node's ESM interop the function is `.default`.
const jsQR = jsQRModule.default;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/** Phone cameras reach 200 MP; beyond that a file is more likely a mistake than a label photo. */
const MAX_PHOTO_MEGAPIXELS = 200;

type Pixels = { width: number; height: number; data: Uint8Array };

function findQr({ width, height, data }: Pixels): string {
  const result = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height);
  if (!result) throw new CliError("no QR code found in the image", { code: "NO_QR_CODE", exitCode: ExitCode.Failure });
  return result.data;
}

/** The text of the first QR code found in a PNG. */
export function decodeQrPng(png: Buffer): string {
  return findQr(PNG.sync.read(png));
}

/** The text of the first QR code found in a JPEG (a phone's photo of a label). */
export function decodeQrJpeg(jpeg: Buffer): string {
  return findQr(decodeJpeg(jpeg, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PHOTO_MEGAPIXELS, maxMemoryUsageInMB: 4096 }));
}

/**
 * The label's URI from an image file. A file that cannot be read is the command line's mistake (a usage
 * error naming it); one that is no PNG or JPEG, or holds no QR code, fails with exit code 1.
 */
export async function readQrImage(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { code: "FILE_UNREADABLE", field: "code", cause: error });
  }
  const format = bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? "PNG" : bytes.subarray(0, 3).equals(JPEG_SIGNATURE) ? "JPEG" : undefined;
  if (format === undefined) {
    throw new LocalFileError(`${file} is not a PNG or JPEG image: save the photo or scan as PNG or JPEG`, { field: "image" });
  }
  try {
    return format === "PNG" ? decodeQrPng(bytes) : decodeQrJpeg(bytes);
  } catch (error) {
    if (error instanceof CliError) throw new CliError(`${error.message} ${file}`, { code: error.code, exitCode: error.exitCode });
    throw new LocalFileError(`${file} is not a readable ${format}: ${(error as Error).message}`, { cause: error, field: "image" });
  }
}
