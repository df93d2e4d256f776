/**
 * Checks a hosted copy of the static verifier (`scripts/build-verifier.ts`) against the hash list its
 * publisher announced: fetches, or reads from a folder, every file the list names and reports each one that
 * differs or is missing. What anyone can run to confirm that a host serves, byte for byte, the verifier
 * that was built and announced.
 *
 *   npm run verifier:check -- <https://host/verifier/ | folder> [--sums <SHA256SUMS file or URL>] [--sums-sha256 <hex>]
 *
 * The list should come from the announcement, not from the host being checked: a host that changes a file
 * can change the list beside it too. Without `--sums` the host's own list is used, which shows only that the
 * copy agrees with itself; `--sums-sha256` pins whichever list is used to the hash the publisher announced.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

export type SumsLine = { path: string; sha256: string };

export type FileCheck = SumsLine & {
  status: "ok" | "differs" | "missing";
  /** The hash found, for a file that differs. */
  actual?: string | undefined;
  /** Why a file is missing: "HTTP 404", "no such file". */
  detail?: string | undefined;
};

export type CheckVerifierReturnType = { ok: boolean; files: FileCheck[]; sumsSha256: string };

/** A hash list that cannot be read, or a target that cannot be reached at all. */
export class CheckVerifierError extends Error {
  override name = "CheckVerifierError";
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** `SHA256SUMS` (sha256sum's text or binary mode) or `SHA256SUMS.json`; only plain names inside the folder. */
export function parseSums(text: string): SumsLine[] {
  let lines: SumsLine[];
  if (text.trimStart().startsWith("{")) {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (!Array.isArray(files)) throw new CheckVerifierError("the JSON hash list has no files");
    lines = files.map((file: { path?: unknown; sha256?: unknown }) => ({ path: String(file.path), sha256: String(file.sha256) }));
  } else {
    lines = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line, i) => {
        const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ""));
        if (!match) throw new CheckVerifierError(`line ${i + 1} of the hash list is not "<sha256>  <file>": ${line}`);
        return { path: match[2]!, sha256: match[1]!.toLowerCase() };
      });
  }
  for (const line of lines) {
    if (!/^[0-9a-f]{64}$/.test(line.sha256)) throw new CheckVerifierError(`${line.path}: not a sha256: ${line.sha256}`);
    if (line.path.startsWith("/") || line.path.split(/[/\\]/).includes("..")) throw new CheckVerifierError(`${line.path}: not a file inside the folder`);
  }
  if (lines.length === 0) throw new CheckVerifierError("the hash list is empty");
  return lines;
}

const isUrl = (location: string) => /^https?:\/\//i.test(location);

type Fetched = { bytes: Uint8Array } | { missing: string };

/** A file of the hosted copy, asked past every cache: what a browser arriving now would get. */
async function fetchFile(target: string, file: string): Promise<Fetched> {
  if (!isUrl(target)) {
    try {
      return { bytes: await readFile(path.join(target, file)) };
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return { missing: "no such file" };
      throw error;
    }
  }
  const base = target.endsWith("/") ? target : `${target}/`;
  const res = await fetch(new URL(file, base), { cache: "no-store", headers: { "cache-control": "no-cache" } });
  if (!res.ok) return { missing: `HTTP ${res.status}` };
  return { bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Reads the hash list from a file or a URL. */
export async function readSums(location: string): Promise<string> {
  if (!isUrl(location)) return readFile(location, "utf8");
  const res = await fetch(location, { cache: "no-store" });
  if (!res.ok) throw new CheckVerifierError(`the hash list could not be fetched from ${location}: HTTP ${res.status}`);
  return res.text();
}

export type CheckVerifierParameters = {
  /** The hosted copy: a base URL (`https://host/verifier/`) or a folder. */
  target: string;
  /** The text of the announced `SHA256SUMS` (or `SHA256SUMS.json`). */
  sums: string;
  /** The hash of the list itself, as announced: a list that differs is refused before any file is checked. */
  sumsSha256?: string | undefined;
};

export async function checkVerifier({ target, sums, sumsSha256 }: CheckVerifierParameters): Promise<CheckVerifierReturnType> {
  const listHash = sha256Hex(Buffer.from(sums));
  if (sumsSha256 !== undefined && sumsSha256.toLowerCase() !== listHash) {
    throw new CheckVerifierError(`the hash list's sha256 is ${listHash}, not the announced ${sumsSha256}`);
  }
  const files = await Promise.all(
    parseSums(sums).map(async (line): Promise<FileCheck> => {
      const fetched = await fetchFile(target, line.path);
      if ("missing" in fetched) return { ...line, status: "missing", detail: fetched.missing };
      const actual = sha256Hex(fetched.bytes);
      return actual === line.sha256 ? { ...line, status: "ok" } : { ...line, status: "differs", actual };
    }),
  );
  return { ok: files.every((file) => file.status === "ok"), files, sumsSha256: listHash };
}

if (import.meta.main) {
  const usage = "npm run verifier:check -- <https://host/verifier/ | folder> [--sums <SHA256SUMS file or URL>] [--sums-sha256 <hex>]";
  try {
    const { values, positionals } = parseArgs({
      options: { sums: { type: "string" }, "sums-sha256": { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
    const [target] = positionals;
    if (target === undefined || positionals.length !== 1) throw new CheckVerifierError(`one hosted copy to check: ${usage}`);
    let sumsLocation = values.sums;
    if (sumsLocation === undefined) {
      sumsLocation = isUrl(target) ? new URL("SHA256SUMS", target.endsWith("/") ? target : `${target}/`).href : path.join(target, "SHA256SUMS");
      console.warn(`No --sums: using the host's own list (${sumsLocation}), which shows only that the copy agrees with itself.`);
    }
    const result = await checkVerifier({ target, sums: await readSums(sumsLocation), sumsSha256: values["sums-sha256"] });
    for (const file of result.files) {
      const why = file.status === "differs" ? ` (expected ${file.sha256}, got ${file.actual})` : file.status === "missing" ? ` (${file.detail})` : "";
      console.log(`${file.status.toUpperCase().padEnd(8)} ${file.path}${why}`);
    }
    const bad = result.files.filter((file) => file.status !== "ok");
    console.log(
      `${result.files.length} files checked against ${sumsLocation} (sha256 ${result.sumsSha256}): ` +
        (bad.length === 0 ? "all match." : `${bad.length} do not match: ${bad.map((file) => file.path).join(", ")}.`),
    );
    if (!result.ok) process.exitCode = 1;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const usageError = error instanceof CheckVerifierError || (typeof code === "string" && (code.startsWith("ERR_PARSE_ARGS") || code === "ENOENT"));
    if (!usageError) throw error;
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
