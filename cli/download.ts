/**
 * Saves a download to a file without ever leaving half of one: the body streams into a temporary file
 * beside the target and is renamed over it only once complete, so a cut connection or a full disk leaves
 * the previous file (or none), never a truncated label sheet that would print.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { access, constants, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { LocalFileError, NetworkError } from "./errors.ts";

/** Fails before anything is asked of the service when the file could not be written anyway. */
export async function checkWritableTarget(file: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new LocalFileError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} for the folder ${folder}`, {
      cause: error,
      field: "--out",
    });
  }
}

export type SaveDownloadParameters = { response: Response; file: string; url: string };

/** Returns the number of bytes written. */
export async function saveDownload({ response, file, url }: SaveDownloadParameters): Promise<number> {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.part`);
  if (!response.body) throw new NetworkError(`the service at ${url} sent no download body`, { url });
  const source = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  const sink = createWriteStream(temp, { flags: "wx" });
  // pipeline destroys both streams with the first error, so only the first one says which side failed.
  let failedFirst: "source" | "sink" | undefined;
  source.once("error", () => (failedFirst ??= "source"));
  sink.once("error", () => (failedFirst ??= "sink"));
  try {
    await pipeline(source, sink);
    const { size } = await stat(temp);
    await rename(temp, target);
    return size;
  } catch (error) {
    await rm(temp, { force: true });
    if (failedFirst === "source") throw new NetworkError(`the download from ${url} was cut off; nothing was written to ${file}`, { url, cause: error });
    throw new LocalFileError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error, field: "--out" });
  }
}
