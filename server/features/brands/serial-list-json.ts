/**
 * A brand's list of serials as JSON text, written and read a time slice at a time (time-slice.ts). The
 * list is up to a million serials, 20 MB of JSON: `JSON.stringify` or `JSON.parse` of it in one go held
 * every other request for 0.1-0.5 s. The text is exactly what `JSON.stringify(list)` gives, so a request
 * hash or a stored list written before still reads the same.
 */
import { TimeSlice } from "../../time-slice.ts";

// Serials written per step: about a millisecond's work.
const SERIALS_PER_STEP = 5_000;
// Characters parsed per step: some 4,000 serials, about a millisecond's work.
const CHARACTERS_PER_STEP = 64 * 1024;

/** `JSON.stringify(list)` in parts, in order, giving way between them. */
export async function* jsonListParts(list: readonly string[]): AsyncGenerator<string> {
  if (list.length === 0) {
    yield "[]";
    return;
  }
  const slice = new TimeSlice();
  for (let start = 0; start < list.length; start += SERIALS_PER_STEP) {
    const part = JSON.stringify(list.slice(start, start + SERIALS_PER_STEP));
    // A part's own brackets dropped, but the list's first and last; a comma where two parts meet.
    const end = start + SERIALS_PER_STEP >= list.length;
    yield `${start === 0 ? "[" : ","}${part.slice(1, -1)}${end ? "]" : ""}`;
    await slice.yieldIfDue();
  }
}

/** `JSON.stringify(list)`, written in slices. */
export async function jsonListText(list: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for await (const part of jsonListParts(list)) parts.push(part);
  return parts.join("");
}

/**
 * `JSON.parse(text)` of a list of strings as `JSON.stringify` wrote it, a step at a time: each step cuts
 * the text after a string's closing quote (`","` whose quote no backslash escapes) and parses the part in
 * one native call. A cut in the wrong place (a serial `,` opens with `","` too) leaves a string unclosed,
 * which no parser accepts: the text is then parsed in one go, as before.
 */
export async function parseJsonList(text: string): Promise<string[]> {
  if (text.length <= 2 * CHARACTERS_PER_STEP || text[0] !== "[" || text.at(-1) !== "]") return JSON.parse(text) as string[];
  const list: string[] = [];
  const slice = new TimeSlice();
  const end = text.length - 1;
  try {
    for (let from = 1; from < end; ) {
      const cut = cutAfter(text, from + CHARACTERS_PER_STEP, end);
      for (const serial of JSON.parse(`[${text.slice(from, cut)}]`) as string[]) list.push(serial);
      from = cut + 1;
      await slice.yieldIfDue();
    }
  } catch {
    return JSON.parse(text) as string[];
  }
  return list;
}

/** The first place from `at` just after a closing quote that a comma follows; `end` when there is none. */
function cutAfter(text: string, at: number, end: number): number {
  for (let probe = at; probe < end; ) {
    const found = text.indexOf('","', probe);
    if (found === -1 || found >= end) return end;
    let backslashes = 0;
    while (text[found - 1 - backslashes] === "\\") backslashes++;
    if (backslashes % 2 === 0) return found + 1;
    probe = found + 1;
  }
  return end;
}
