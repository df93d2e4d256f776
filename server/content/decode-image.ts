/**
 * Uploaded image bytes → RGBA pixels for the perceptual hash. PNG through pngjs, JPEG through jpeg-js
 * (both pure JavaScript: no native addon to build). The format is told by the file's signature, never by
 * its name or declared type, which an uploader controls.
 */
import { decode as decodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import type { RgbaImage } from "../../core/content/image.ts";
import { AppError } from "../errors.ts";

/**
 * 50 megapixels (8,660 × 5,773 and more): room for any camera photo a platform checks, while refusing a
 * small file that declares huge dimensions to make the service allocate gigabytes (a decompression bomb).
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

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

/** Decodes a PNG or JPEG file. Throws `UNSUPPORTED_IMAGE` (415), `CORRUPT_IMAGE` (400) or `IMAGE_TOO_LARGE` (413). */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  return imageFormatOf(bytes) === "png" ? decodePng(bytes) : decodeJpg(bytes);
}

function decodePng(bytes: Uint8Array): RgbaImage {
  // The size is in the first chunk (IHDR): check it before pngjs allocates width × height × 4 bytes.
  if (bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    checkSize(view.getUint32(16), view.getUint32(20));
  }
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw corrupt("PNG", error);
  }
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

function decodeJpg(bytes: Uint8Array): RgbaImage {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
      // Beyond the pixels themselves jpeg-js keeps one component buffer per channel; 1 GiB covers the
      // largest image allowed, progressive ones included.
      maxMemoryUsageInMB: 1024,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // jpeg-js names its own limits in the message ("maxResolutionInMP limit exceeded by …").
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(message)) {
      throw new AppError(`The JPEG is larger than ${MAX_IMAGE_PIXELS.toLocaleString("en")} pixels`, {
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

function checkSize(width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(`The image is ${width} × ${height} pixels, more than ${MAX_IMAGE_PIXELS.toLocaleString("en")}`, {
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
