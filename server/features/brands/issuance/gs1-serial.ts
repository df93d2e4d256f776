import { GS1_CHARSET_82, GS1_MAX_VALUE_LENGTH } from "../../../../core/gs1/index.ts";

// A table by character code: the per-item check of a million serials, without core's per-character Set.
const ALLOWED = new Uint8Array(128);
for (const character of GS1_CHARSET_82) ALLOWED[character.charCodeAt(0)] = 1;

/** The same answer as core's `isGs1Value`: 1–20 characters of the GS1 set 82 (all ASCII). */
export function isGs1Serial(value: string): boolean {
  const length = value.length;
  if (length < 1 || length > GS1_MAX_VALUE_LENGTH) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || ALLOWED[code] === 0) return false;
  }
  return true;
}
