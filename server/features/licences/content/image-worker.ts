/**
 * Entry of the image pool's worker threads (piscina): decodes one upload and returns only its 64-bit
 * perceptual hash, so the pixels never cross back to the request's thread.
 */
import { perceptualHash } from "../../../../core/content/phash.ts";
import { AppError } from "../../../errors.ts";
import { decodeImage } from "./decode-image.ts";
import type { ImageTask, ImageTaskResult } from "./image-task.ts";

export default function hashImage({ bytes, maxPixels, started }: ImageTask): ImageTaskResult {
  started.postMessage(null);
  try {
    return { ok: true, perceptualHash: perceptualHash(decodeImage(bytes, maxPixels)) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { message: error.message, status: error.status, code: error.code, field: error.field } };
    }
    throw error;
  }
}
