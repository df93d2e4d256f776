/**
 * JSON request bodies. `express.json` parses a body on the request thread in one go: a brand's list of a
 * million serials (20 MB) held every other request for 0.1-0.3 s, seconds on a busy machine. A body of
 * OFF_THREAD_FROM bytes or more is read as text and parsed on a thread of its own (json-parse-worker.ts),
 * its long lists of text cut apart here in time slices (time-slice.ts); smaller bodies, and bodies sent
 * without a length, are parsed by `express.json` as before. Both give the same answers: 413 over the limit,
 * 415 for a charset other than UTF-8, 400 INVALID_JSON for a body that is not a JSON object or array.
 */
import express, { type Request, type RequestHandler } from "express";
import type { IncomingMessage } from "node:http";
import { Piscina } from "piscina";
import { TimeSlice } from "../time-slice.ts";
import type { JsonParseResult, PackedList } from "./json-parse-task.ts";

/** Below this, parsing takes under a millisecond: a thread's round trip would cost more than it saves. */
export const OFF_THREAD_FROM = 256 * 1024;
/** How long the idle parsing thread lives: a client's next large body seldom comes sooner; its heap then leaves with it. */
const IDLE_MS = 5_000;

let pool: Piscina<string, JsonParseResult> | undefined;

/** `express.json`'s answers and limit, with large bodies parsed off the request thread. */
export function jsonBody(limit: string): RequestHandler[] {
  return [express.text({ type: isLargeJson, limit, defaultCharset: "utf-8" }), parseLargeJson, express.json({ limit })];
}

/** Stops the parsing thread, if one runs; the next large body starts another. */
export async function closeJsonParsing(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}

function isLargeJson(req: IncomingMessage): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  // Other charsets go to express.json, which refuses them as it always did.
  return Number(req.headers["content-length"]) >= OFF_THREAD_FROM && (charset === undefined || charset === "utf-8") && (req as Request).is("application/json") !== false;
}

/** A body `isLargeJson` took, read as text by express.text: parsed on the thread, then unpacked here. */
const parseLargeJson: RequestHandler = async (req, _res, next) => {
  if (typeof req.body !== "string") return next();
  pool ??= new Piscina<string, JsonParseResult>({ filename: new URL("./json-parse-worker.ts", import.meta.url).href, minThreads: 0, maxThreads: 1, idleTimeout: IDLE_MS });
  const parsed = await pool.run(req.body);
  // As express.json (strict): only an object or an array is a body.
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object") {
    throw Object.assign(new SyntaxError(parsed.ok ? "The body is not a JSON object or array" : parsed.message), { type: "entity.parse.failed", status: 400 });
  }
  const body = parsed.value as Record<string, unknown>;
  for (const list of parsed.packed) body[list.key] = await unpack(list);
  req.body = body;
  next();
};

/** A packed list's strings, cut apart a time slice at a time. */
async function unpack({ text, ends }: PackedList): Promise<string[]> {
  const list = new Array<string>(ends.length);
  const slice = new TimeSlice();
  for (let i = 0, from = 0; i < ends.length; i++) {
    list[i] = text.slice(from, ends[i]);
    from = ends[i]!;
    if (i % 1024 === 0) await slice.yieldIfDue();
  }
  return list;
}
