/** What the main thread and the image worker exchange: plain data, safe for structured cloning. */

export type ImageTask = { bytes: Uint8Array; maxPixels: number };

/** A perceptual hash, or the decoder's refusal flattened (an AppError's class does not survive cloning). */
export type ImageTaskResult =
  | { ok: true; perceptualHash: bigint }
  | { ok: false; error: { message: string; status: number; code: string; field?: string | undefined } };
