/**
 * The fingerprint of a batch request that an Idempotency-Key is bound to: SHA-256 of the request as JSON.
 * A brand's list of a million serials is 20 MB of JSON, whose writing and hashing in one go held up every
 * other request for a third of a second: the list is written and hashed a slice at a time instead
 * (serial-list-json.ts), giving exactly the bytes `JSON.stringify(input)` gives, so a key stored before
 * still matches its request.
 */
import { createHash } from "node:crypto";
import type { CreateBatchInput } from "./batches.ts";
import { jsonListParts } from "./serial-list-json.ts";

// The list's place in the request's JSON: a key in quotes cannot occur inside a JSON string, where quotes are escaped.
const LIST = '"serials":[]';

/** Hex SHA-256 of `JSON.stringify(input)`. */
export async function requestHash(input: CreateBatchInput): Promise<string> {
  const hash = createHash("sha256");
  const { serials } = input;
  if (serials === undefined) return hash.update(JSON.stringify(input)).digest("hex");
  const outline = JSON.stringify({ ...input, serials: [] });
  const at = outline.indexOf(LIST) + LIST.length - 2;
  hash.update(outline.slice(0, at));
  for await (const part of jsonListParts(serials)) hash.update(part);
  return hash.update(outline.slice(at + 2)).digest("hex");
}
