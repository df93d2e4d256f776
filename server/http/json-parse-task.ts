/**
 * What the JSON-parsing thread hands back (json-parse-worker.ts → json-body.ts). A parsed list of a
 * million strings would cost the request thread as long to copy across (structured cloning) as to parse
 * (both ~0.1-0.5 s), so each long list of text at the body's top level comes back packed: its strings
 * laid end to end in one string, with where each ends. One string and one buffer cross in microseconds,
 * and the request thread cuts them apart in time slices.
 */

/** Top-level lists of text shorter than this come back as they are: cloning them is quick. */
export const PACK_FROM = 1_000;

/** A top-level list of text, packed: entry i is `text.slice(ends[i - 1] ?? 0, ends[i])`. */
export type PackedList = { key: string; text: string; ends: Uint32Array };

export type JsonParseResult =
  | { ok: true; value: unknown; packed: PackedList[] }
  | { ok: false; message: string };
