/** What the main thread and the image worker exchange: plain data, safe for structured cloning. */

import type { MessagePort } from "node:worker_threads";
import type { ImageFingerprint } from "../../../../core/content/robust-hash.ts";

/** `started`: the worker posts on it when it begins, so the time limit counts decoding only, not waiting or a worker's start. */
export type ImageTask = { bytes: Uint8Array; maxPixels: number; started: MessagePort };

/** The image's hashes, or the decoder's refusal flattened (an AppError's class does not survive cloning). */
export type ImageTaskResult =
  | ({ ok: true } & ImageFingerprint)
  | { ok: false; error: { message: string; status: number; code: string; field?: string | undefined } };
