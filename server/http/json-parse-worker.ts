/**
 * Entry of the JSON-parsing thread (piscina, see json-body.ts): parses one large request body and packs
 * its long top-level lists of text (json-parse-task.ts).
 */
import { PACK_FROM, type JsonParseResult, type PackedList } from "./json-parse-task.ts";

export default function parseJson(text: string): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const packed: PackedList[] = [];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const body = value as Record<string, unknown>;
    for (const [key, list] of Object.entries(body)) {
      if (!Array.isArray(list) || list.length < PACK_FROM || !list.every((entry) => typeof entry === "string")) continue;
      const ends = new Uint32Array(list.length);
      let at = 0;
      for (let i = 0; i < list.length; i++) ends[i] = at += (list[i] as string).length;
      packed.push({ key, text: list.join(""), ends });
      body[key] = [];
    }
  }
  // The ends are copied across (4 bytes an entry, a memcpy): moving them is not worth piscina's wrappers.
  return { ok: true, value, packed };
}
