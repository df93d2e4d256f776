/**
 * Uploaded image bytes → RGBA pixels for the perceptual hash. PNG through pngjs, JPEG through jpeg-js
 * (both pure JavaScript: no native addon to build). The format is told by the file's signature, never by
 * its name or declared type, which an uploader controls.
 */
import { decode as decodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import type { RgbaImage } from "../../../../core/content/image.ts";
import { AppError } from "../../../errors.ts";
import { declaredDimensions } from "./image-header.ts";

/**
 * What decoding and hashing one pixel costs at its peak, measured as the RSS growth of a worker decoding
 * noise images (the worst case for the decoders): JPEG through jpeg-js 42 bytes, PNG through pngjs 16
 * (8- or 16-bit). The pixel cap is the memory budget divided by this.
 */
export const BYTES_PER_PIXEL = 42;

/** The most pixels an image may declare for a decoder given `memoryMb` (IMAGE_MEMORY_MB). */
export const pixelCapFor = (memoryMb: number): number => Math.floor((memoryMb * 2 ** 20) / BYTES_PER_PIXEL);

/**
 * The cap for the default budget of 512 MB: 12,782,640 pixels, room for a 12 MP phone photo (4032 × 3024),
 * while a small file declaring 7000 × 7000 (a decompression bomb's shape) is refused from its header.
 */
export const MAX_IMAGE_PIXELS = pixelCapFor(512);

export const ImageErrorCode = {
  UNSUPPORTED: "UNSUPPORTED_IMAGE",
  CORRUPT: "CORRUPT_IMAGE",
  TOO_LARGE: "IMAGE_TOO_LARGE",
} as const;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

// Formats people upload that we do not hash, named so the answer says what was sent.
const OTHER_FORMATS: { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: "GIF", test: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]) },
  { name: "WebP", test: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]) },
  { name: "BMP", test: (b) => startsWith(b, [0x42, 0x4d]) },
  { name: "TIFF", test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { name: "HEIF/AVIF", test: (b) => startsWith(b.subarray(4), [0x66, 0x74, 0x79, 0x70]) },
  { name: "PDF", test: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46]) },
];

export type ImageFormat = "png" | "jpeg";

export function imageFormatOf(bytes: Uint8Array): ImageFormat {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, JPEG_SIGNATURE)) return "jpeg";
  const other = OTHER_FORMATS.find((f) => f.test(bytes))?.name;
  throw new AppError(
    other
      ? `${other} images are not supported; upload a PNG or JPEG`
      : bytes.length === 0
        ? "The file is empty; upload a PNG or JPEG"
        : "The file is not a PNG or JPEG image",
    { status: 415, code: ImageErrorCode.UNSUPPORTED, field: "file" },
  );
}

/**
 * Tells the format and refuses an image that declares more than `maxPixels` in its header, before anything
 * is decoded: cheap enough for the request's own thread. Throws `UNSUPPORTED_IMAGE` (415) or `IMAGE_TOO_LARGE` (413).
 */
export function checkImageHeader(bytes: Uint8Array, maxPixels: number = MAX_IMAGE_PIXELS): ImageFormat {
  const format = imageFormatOf(bytes);
  const size = declaredDimensions(bytes, format);
  if (size) checkSize(size.width, size.height, maxPixels);
  return format;
}

/** Decodes a PNG or JPEG file. Throws `UNSUPPORTED_IMAGE` (415), `CORRUPT_IMAGE` (400) or `IMAGE_TOO_LARGE` (413). */
export function decodeImage(bytes: Uint8Array, maxPixels: number = MAX_IMAGE_PIXELS): RgbaImage {
  return checkImageHeader(bytes, maxPixels) === "png" ? decodePng(bytes) : decodeJpg(bytes, maxPixels);
}

function decodePng(bytes: Uint8Array): RgbaImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw corrupt("PNG", error);
  }
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

function decodeJpg(bytes: Uint8Array, maxPixels: number): RgbaImage {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // A second guard behind the header check, for frame headers that the check did not reach.
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.ceil((maxPixels * BYTES_PER_PIXEL) / 2 ** 20),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // jpeg-js names its own limits in the message ("maxResolutionInMP limit exceeded by …").
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(message)) {
      throw new AppError(`The JPEG is larger than ${maxPixels.toLocaleString("en")} pixels`, {
        status: 413,
        code: ImageErrorCode.TOO_LARGE,
        field: "file",
        cause: error,
      });
    }
    // Colour modes and frame types jpeg-js does not implement are valid files we cannot read, not damage.
    if (/^Unsupported color mode|only single frame/.test(message)) {
      throw new AppError(`This kind of JPEG is not supported (${message}); re-save it as a baseline or progressive JPEG or a PNG`, {
        status: 415,
        code: ImageErrorCode.UNSUPPORTED,
        field: "file",
        cause: error,
      });
    }
    throw corrupt("JPEG", error);
  }
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 4) {
    throw corrupt("JPEG", new Error(`decoded to ${image.width}×${image.height} with ${image.data.length} bytes of pixels`));
  }
  return image;
}

function checkSize(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new AppError(`The image is ${width} × ${height} pixels, more than the ${maxPixels.toLocaleString("en")} this service decodes`, {
      status: 413,
      code: ImageErrorCode.TOO_LARGE,
      field: "file",
    });
  }
}

function corrupt(format: string, cause: unknown): AppError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new AppError(`The ${format} file is damaged or truncated (${why})`, { status: 400, code: ImageErrorCode.CORRUPT, field: "file", cause });
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
