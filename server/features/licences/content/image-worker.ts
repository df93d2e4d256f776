/**
 * Entry of the image pool's worker threads (piscina): decodes one upload and returns only its hashes (the
 * 64-bit perceptual hash, the region hashes kept for a work, the probes a check looks up), so the pixels
 * never cross back to the request's thread.
 */
import { fingerprintOf } from "../../../../core/content/robust-hash.ts";
import { AppError } from "../../../errors.ts";
import { decodeImage } from "./decode-image.ts";
import type { ImageTask, ImageTaskResult } from "./image-task.ts";

export default function hashImage({ bytes, maxPixels, started }: ImageTask): ImageTaskResult {
  started.postMessage(null);
  try {
    return { ok: true, ...fingerprintOf(decodeImage(bytes, maxPixels)) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { message: error.message, status: error.status, code: error.code, field: error.field } };
    }
    throw error;
  }
}
