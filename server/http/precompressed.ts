/**
 * Sends a built file as the compressed copy made at build time (scripts/precompress.ts) when the browser
 * accepts its encoding: on a 50 kB/s link the verifier's script arrives in a third of the time, and the
 * service compresses nothing per request. Files without a copy, and browsers accepting neither encoding,
 * get the file as it is.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Request, RequestHandler, Response } from "express";

/** The encodings a copy may have, best first, with the suffix of the copy's file. */
export const PRECOMPRESSED_ENCODINGS = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

/** Sends `file` (an absolute path that exists), as its best accepted compressed copy if it has one. */
export function sendBuiltFile(req: Request, res: Response, file: string, next: (error?: unknown) => void): void {
  const copies = PRECOMPRESSED_ENCODINGS.filter(({ suffix }) => existsSync(file + suffix));
  if (copies.length === 0) return res.sendFile(file, (error) => error && next(error));
  // The answer differs by Accept-Encoding, so a cache between must key on it.
  res.vary("Accept-Encoding");
  const copy = preferredCopy(req.headers["accept-encoding"] ?? "", copies);
  if (copy === undefined) return res.sendFile(file, (error) => error && next(error));
  res.setHeader("Content-Encoding", copy.encoding);
  // The type of the file itself, not of its copy (send keeps a Content-Type already set).
  res.type(path.extname(file));
  res.sendFile(file + copy.suffix, (error) => error && next(error));
}

/** In front of `express.static(dir)`: the files of `dir` that have compressed copies are sent as those. */
export function precompressedFiles(dir: string): RequestHandler {
  const root = path.resolve(dir);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
    // Only a file inside the folder, and never a copy asked for by name.
    if (!file.startsWith(root + path.sep) || PRECOMPRESSED_ENCODINGS.some(({ suffix }) => file.endsWith(suffix)) || !existsSync(file)) return next();
    sendBuiltFile(req, res, file, next);
  };
}

/**
 * The copy to send: the one the browser weighs highest (q), and on a tie the better compression, ours being
 * listed best first. Express's own negotiation breaks ties by the browser's order, and browsers list gzip
 * before br, so it would never pick brotli.
 */
function preferredCopy<C extends { encoding: string }>(acceptEncoding: string, copies: readonly C[]): C | undefined {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name !== "") weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: string) => weights.get(encoding) ?? weights.get("*") ?? 0;
  let best: C | undefined;
  for (const copy of copies) if (weightOf(copy.encoding) > 0 && (best === undefined || weightOf(copy.encoding) > weightOf(best.encoding))) best = copy;
  return best;
}
