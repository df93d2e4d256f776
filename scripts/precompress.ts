/**
 * Brotli and gzip copies of a built page's text and WebAssembly files (`verifier.js` → `verifier.js.br`,
 * `verifier.js.gz`), made once at build time at strong settings, so that the service sends a phone
 * on a slow link a third of the bytes without compressing anything per request (server/http/static-app.ts
 * picks the copy the browser accepts).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { PRECOMPRESSED_ENCODINGS } from "../server/http/precompressed.ts";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What is worth compressing: text and WebAssembly; source maps are fetched only by developer tools. */
export const COMPRESSIBLE = /\.(html|js|css|json|svg|webmanifest|wasm)$/;

/**
 * Brotli's strongest setting takes over ten seconds on the decoder's megabyte of WebAssembly (every build,
 * every browser test): files above this size get quality 9, about 12 % larger and ten times faster. They
 * are loaded after the verdict, so the verdict's own files all get the strongest.
 */
const STRONGEST_UP_TO = 256 * 1024;
const LARGE_FILE_QUALITY = 9;

/** Writes the compressed copies of `files` (relative to `dir`); returns the copies' names. */
export async function precompress(dir: string, files: string[]): Promise<string[]> {
  const written: string[] = [];
  await Promise.all(
    files
      .filter((file) => COMPRESSIBLE.test(file))
      .map(async (file) => {
        const bytes = await readFile(path.join(dir, file));
        const quality = bytes.length <= STRONGEST_UP_TO ? constants.BROTLI_MAX_QUALITY : LARGE_FILE_QUALITY;
        const br = await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
        const gz = await gzipped(bytes, { level: 9 });
        const copies = { br, gzip: gz };
        for (const { encoding, suffix } of PRECOMPRESSED_ENCODINGS) {
          await writeFile(path.join(dir, file + suffix), copies[encoding]);
          written.push(file + suffix);
        }
      }),
  );
  return written.sort();
}
