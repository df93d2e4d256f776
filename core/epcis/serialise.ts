/**
 * JSON text of an EPCIS document, produced in pieces. A million-item epcList as one string would be about
 * 80 MB held at once (twice, while it is joined); here an `EpcList` is pulled one EPC at a time and the text
 * leaves in chunks of about `CHUNK_CHARACTERS`, so memory stays flat whatever the list's length.
 */

/** Above this a chunk is handed out: large enough for few writes, small enough to stay flat. */
export const CHUNK_CHARACTERS = 64 * 1024;

/** The document's JSON (as `JSON.stringify` would write it, without spaces), in chunks. */
export function* epcisChunks(document: object): Generator<string> {
  let buffer = "";
  for (const piece of pieces(document)) {
    buffer += piece;
    if (buffer.length >= CHUNK_CHARACTERS) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer.length > 0) yield buffer;
}

/** The whole JSON text at once: for documents known to be small (a shipment's events, tests). */
export function epcisJson(document: object): string {
  return [...epcisChunks(document)].join("");
}

function* pieces(value: unknown): Generator<string> {
  if (typeof value !== "object" || value === null) {
    yield JSON.stringify(value) ?? "null";
  } else if (Symbol.iterator in value) {
    yield "[";
    let first = true;
    for (const element of value as Iterable<unknown>) {
      if (!first) yield ",";
      first = false;
      yield* pieces(element === undefined ? null : element);
    }
    yield "]";
  } else {
    yield "{";
    let first = true;
    for (const [key, element] of Object.entries(value)) {
      if (element === undefined) continue;
      if (!first) yield ",";
      first = false;
      yield JSON.stringify(key);
      yield ":";
      yield* pieces(element);
    }
    yield "}";
  }
}
