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

/**
 * The same text, for documents whose lists are asynchronous (items read from a store a page at a time).
 * Only those lists are awaited; everything else is written as `epcisChunks` writes it.
 */
export async function* epcisChunksAsync(document: object): AsyncGenerator<string> {
  let buffer = "";
  for await (const piece of asyncPieces(document)) {
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

async function* asyncPieces(value: unknown): AsyncGenerator<string> {
  if (typeof value === "object" && value !== null && Symbol.asyncIterator in value) {
    // Elements are gathered into chunk-sized text before they leave: one await per chunk, not per piece.
    let text = "[";
    let first = true;
    for await (const element of value as AsyncIterable<unknown>) {
      if (!first) text += ",";
      first = false;
      for (const piece of pieces(element === undefined ? null : element)) text += piece;
      if (text.length >= CHUNK_CHARACTERS) {
        yield text;
        text = "";
      }
    }
    yield `${text}]`;
  } else if (typeof value === "object" && value !== null && !(Symbol.iterator in value)) {
    yield "{";
    let first = true;
    for (const [key, element] of Object.entries(value)) {
      if (element === undefined) continue;
      if (!first) yield ",";
      first = false;
      yield JSON.stringify(key);
      yield ":";
      yield* asyncPieces(element);
    }
    yield "}";
  } else if (typeof value === "object" && value !== null) {
    // An array or other synchronous list (the event list): its elements may hold asynchronous lists.
    yield "[";
    let first = true;
    for (const element of value as Iterable<unknown>) {
      if (!first) yield ",";
      first = false;
      yield* asyncPieces(element === undefined ? null : element);
    }
    yield "]";
  } else {
    yield* pieces(value);
  }
}

function* pieces(value: unknown): Generator<string> {
  if (typeof value === "object" && value !== null && Symbol.asyncIterator in value) {
    // Written as an object it would silently read as `{}`.
    throw new TypeError("This document holds an asynchronous list: serialise it with epcisChunksAsync");
  }
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
