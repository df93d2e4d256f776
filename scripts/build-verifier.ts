/**
 * The verifier as a static folder that anyone can host: a consortium, a customs authority, a consumer
 * association. HTML, script, stylesheet, the decoder's WebAssembly, a manifest, an icon and a service worker,
 * no server code; the trust roots baked into the script, so the page believes the deployments its publisher
 * chose and never the ones a service announces. Every file but the page and the worker has its hash in its
 * name; the page pins its script and stylesheet with Subresource Integrity, the script pins the WebAssembly,
 * and `SHA256SUMS` lists every file, so whoever publishes the folder can announce one list (or its hash)
 * and anyone can check a hosted copy against it (`scripts/check-verifier.ts`). The same sources and roots
 * give the same bytes, so the list can also be checked by building again.
 *
 *   npm run build:verifier -- --roots roots.json --out dist/verifier [--api https://service.example]
 *
 * See docs/verifier-hosting.md.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { VeritraceError } from "../core/errors.ts";
import { parseTrustRoots, type TrustRoot } from "../core/trust-roots.ts";
import { BROWSER_TARGETS, folderScriptSize, VERIFIER_SCRIPT_BUDGET_GZIP, type ScriptSize } from "./build-app.ts";
import { scanPageHtml } from "./verifier-scan-page.ts";
import { buildServiceWorker, integrityOf, sha256Hex, VERIFIER_ICON, webAppManifest, WORKER_FILE } from "./verifier-pwa.ts";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const VERIFIER = path.join(root, "app", "verifier");

/** The hash lists, written last and listing every other file. */
export const SUMS_FILE = "SHA256SUMS";
export const SUMS_JSON_FILE = "SHA256SUMS.json";

/** A build option that cannot be used; the message says which and why. */
export class BuildVerifierError extends Error {
  override name = "BuildVerifierError";
}

export type BuildVerifierParameters = {
  /** The trust roots: a `{ "version": 1, "roots": [...] }` document, checked by `parseTrustRoots`. */
  roots: unknown;
  /** Where to write: missing, empty, or an earlier build of this script (which is replaced). */
  outDir: string;
  /** The service to ask for proofs, scan logs and custody; omitted: the origin that hosts the page. */
  api?: string | undefined;
  minify?: boolean;
};

export type SumsEntry = { path: string; sha256: string; bytes: number };

/** `SHA256SUMS.json`: the same list as `SHA256SUMS`, and what the build trusts. */
export type SumsDocument = { version: 1; api: string; roots: TrustRoot[]; files: SumsEntry[] };

export type BuildVerifierReturnType = {
  outDir: string;
  roots: TrustRoot[];
  api: string;
  /** Every file written, `SHA256SUMS` and `SHA256SUMS.json` included. */
  files: string[];
  sums: SumsEntry[];
  /** The hash of `SHA256SUMS` itself: one value to announce for the whole build. */
  sumsSha256: string;
  script: ScriptSize;
};

/** The API's base URL as the page prefixes it: https, or http on this device (tests, a local service). */
export function apiBaseOf(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BuildVerifierError(`--api is not a URL: ${value}`);
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new BuildVerifierError(`--api must be an https:// URL (a page on an https host cannot call plain http): ${value}`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new BuildVerifierError(`--api must be the service's base URL, without query, fragment or credentials: ${value}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The origins the page may connect to, besides its own: the API and every root's RPC. */
export function connectSources(api: string, roots: readonly TrustRoot[]): string[] {
  const origins = new Set<string>();
  if (api !== "") origins.add(new URL(api).origin);
  for (const root of roots) for (const rpc of root.rpcUrls) origins.add(new URL(rpc).origin);
  // https: and the device's loopback: a user may check against a node of their own (see static-app.ts).
  return ["'self'", ...origins, "https:", "http://127.0.0.1:*", "http://localhost:*"];
}

/**
 * The page's policy, in a meta element since a static host sends whatever headers it likes. A meta policy
 * cannot say frame-ancestors: docs/verifier-hosting.md asks hosts to send that one as a header.
 */
export function contentSecurityPolicy(api: string, roots: readonly TrustRoot[]): string {
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval': compiling the QR decoder's WebAssembly, and nothing else; no inline script.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src ${connectSources(api, roots).join(" ")}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
  ].join("; ");
}

type PageFiles = { script: string; style: string; manifest: string; icon: string };

/** The service's page, made to stand alone: relative, hashed, integrity-pinned references and its own policy. */
function staticIndexHtml(source: string, files: PageFiles, integrity: (file: string) => string, policy: string, api: string): string {
  let html = source;
  const replaceOnce = (pattern: RegExp, replacement: string) => {
    const matches = html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
    if (matches !== 1) throw new BuildVerifierError(`app/verifier/index.html changed: expected one ${pattern.source}, found ${matches}; update scripts/build-verifier.ts`);
    html = html.replace(pattern, replacement);
  };
  const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  replaceOnce(
    /<meta charset="utf-8" \/>/,
    `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${escape(policy)}" />\n    <meta name="referrer" content="no-referrer" />`,
  );
  replaceOnce(/<link rel="icon" href="\/verify\/icon\.svg" type="image\/svg\+xml" \/>/, `<link rel="icon" href="${files.icon}" type="image/svg+xml" />`);
  replaceOnce(/<link rel="manifest" href="\/verify\/manifest\.webmanifest" \/>/, `<link rel="manifest" href="${files.manifest}" />`);
  replaceOnce(
    /<link rel="stylesheet" href="\/verify\/verifier\.css" \/>/,
    `<link rel="stylesheet" href="${files.style}" integrity="${integrity(files.style)}" />`,
  );
  replaceOnce(
    /<script type="module" src="\/verify\/verifier\.js"><\/script>/,
    `<script type="module" src="${files.script}" integrity="${integrity(files.script)}"></script>`,
  );
  // The served page's early requests: a static build has its roots baked in, and its service elsewhere.
  replaceOnce(/\n *<!-- Asked for while the script loads[^\n]*-->/, "");
  replaceOnce(/\n *<link rel="preload" href="\/verify\/trust-roots\.json" as="fetch" crossorigin="anonymous" \/>/, "");
  replaceOnce(/\n *<link rel="preload" href="\/api\/v1\/network" as="fetch" crossorigin="anonymous" \/>/, "");
  // The customs mode signs officers in and stays with the service.
  replaceOnce(/href="\/verify\/customs"/, `href="${escape(api)}/verify/customs"`);
  const leftover = html.match(/(?:src|href)="\/[^"]*"/);
  if (leftover) throw new BuildVerifierError(`app/verifier/index.html has a path this build does not rewrite: ${leftover[0]}`);
  return html;
}

/** `name.ext` → `name-<hash>.ext`, as esbuild names the script and stylesheet. */
const hashedName = (file: string, bytes: Uint8Array) => {
  const ext = path.extname(file);
  return `${path.basename(file, ext)}-${sha256Hex(bytes).slice(0, 10)}${ext}`;
};

/** Only an empty folder or an earlier build is replaced: `--out .` by mistake must not empty a project. */
async function checkOutDir(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  const entries = await readdir(outDir);
  if (entries.length > 0 && !entries.includes(SUMS_JSON_FILE)) {
    throw new BuildVerifierError(`${outDir} is not empty and is not an earlier verifier build: choose an empty folder`);
  }
}

export async function buildVerifier(params: BuildVerifierParameters): Promise<BuildVerifierReturnType> {
  const roots = parseTrustRoots(params.roots);
  const api = apiBaseOf(params.api);
  const finalDir = path.resolve(params.outDir);
  const minify = params.minify ?? true;
  await checkOutDir(finalDir);
  // Written beside the target and moved into place when complete: a failed build leaves the last one as it was.
  const outDir = `${finalDir}.partial`;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  try {
    return await writeBuild({ roots, api, outDir, finalDir, minify });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

type WriteBuildParameters = { roots: TrustRoot[]; api: string; outDir: string; finalDir: string; minify: boolean };

async function writeBuild({ roots, api, outDir, finalDir, minify }: WriteBuildParameters): Promise<BuildVerifierReturnType> {
  const written = new Map<string, Uint8Array>();
  const put = async (file: string, bytes: Uint8Array) => {
    await writeFile(path.join(outDir, file), bytes);
    written.set(file, bytes);
  };
  const putHashed = async (file: string, bytes: Uint8Array) => {
    const name = hashedName(file, bytes);
    await put(name, bytes);
    return name;
  };

  // Each file is named by its hash before anything that refers to it is written.
  const wasmBytes = await readFile(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
  const wasm = await putHashed("zxing_reader.wasm", wasmBytes);
  const icon = await putHashed("icon.svg", await readFile(VERIFIER_ICON));
  const manifest = await putHashed("manifest.webmanifest", Buffer.from(webAppManifest({ id: "./", startUrl: "./", scope: "./", icon })));

  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(VERIFIER, "main.ts"), path.join(VERIFIER, "verifier.css")],
    // Both outputs are named verifier-<hash>, the .js and the .css.
    entryNames: "verifier-[hash]",
    // The worker's registration, whether or not main.ts imports it too (the bundle holds it once).
    inject: [path.join(VERIFIER, "pwa.ts")],
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: BROWSER_TARGETS,
    minify,
    // No source maps: the build is reproducible, so its sources are the repository at the built commit.
    sourcemap: false,
    metafile: true,
    define: {
      __VERITRACE_TRUST_ROOTS__: JSON.stringify(roots),
      __VERITRACE_API_BASE__: JSON.stringify(api),
      __VERITRACE_DECODER_WASM__: JSON.stringify({ file: wasm, integrity: integrityOf(wasmBytes) }),
    },
    logLevel: "warning",
  });
  // Roots defined into a bundle that never reads them would publish a verifier believing whatever its
  // service announces: refuse rather than build it.
  if (!(path.relative(root, path.join(VERIFIER, "build-config.ts")) in result.metafile.inputs)) {
    throw new BuildVerifierError("the verifier page does not read its baked-in trust roots (nothing imports app/verifier/build-config.ts): refusing to build it");
  }
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outDir, path.resolve(root, file)));
  const script = outputs.find((file) => file.endsWith(".js"));
  const style = outputs.find((file) => file.endsWith(".css"));
  if (script === undefined || style === undefined || outputs.length !== 2) throw new BuildVerifierError(`unexpected bundle outputs: ${outputs.join(", ")}`);
  for (const file of outputs) written.set(file, await readFile(path.join(outDir, file)));

  const integrity = (file: string) => integrityOf(written.get(file)!);
  // The scan page: a static copy is opened to scan with (labels link to the service), and shows "Checking
  // this label…" by its script when it is given one.
  const html = staticIndexHtml(scanPageHtml(await readFile(path.join(VERIFIER, "index.html"), "utf8")), { script, style, manifest, icon }, integrity, contentSecurityPolicy(api, roots), api);
  await put("index.html", Buffer.from(html));

  await buildServiceWorker({
    outFile: path.join(outDir, WORKER_FILE),
    page: { url: "index.html", bytes: written.get("index.html")!, pinned: true },
    // Most hosts answer the folder with its index.html.
    pageAliases: ["./"],
    files: [script, style, wasm, manifest, icon].map((file) => ({ url: file, bytes: written.get(file)!, pinned: true })),
    target: BROWSER_TARGETS,
    minify,
  });
  written.set(WORKER_FILE, await readFile(path.join(outDir, WORKER_FILE)));

  const sums: SumsEntry[] = [...written]
    .map(([file, bytes]) => ({ path: file, sha256: sha256Hex(bytes), bytes: bytes.length }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sumsText = sums.map((entry) => `${entry.sha256}  ${entry.path}\n`).join("");
  await writeFile(path.join(outDir, SUMS_FILE), sumsText);
  const document: SumsDocument = { version: 1, api, roots, files: sums };
  await writeFile(path.join(outDir, SUMS_JSON_FILE), `${JSON.stringify(document, null, 2)}\n`);
  await rm(finalDir, { recursive: true, force: true });
  await rename(outDir, finalDir);

  return {
    outDir: finalDir,
    roots,
    api,
    files: [...sums.map((entry) => entry.path), SUMS_FILE, SUMS_JSON_FILE].sort(),
    sums,
    sumsSha256: sha256Hex(Buffer.from(sumsText)),
    script: await folderScriptSize(finalDir),
  };
}

/** Reads a roots file, saying which file is not JSON before `parseTrustRoots` says which field is wrong. */
export async function readRootsFile(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BuildVerifierError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** An error the person running the build can fix: a bad roots file, option or folder, a missing file. */
export function isUsageError(error: unknown): error is Error {
  if (error instanceof BuildVerifierError || error instanceof VeritraceError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && (code.startsWith("ERR_PARSE_ARGS") || code === "ENOENT" || code === "EISDIR");
}

if (import.meta.main) {
  const usage = "npm run build:verifier -- --roots <roots.json> --out <dir> [--api <https://service.example>]";
  try {
    const { values } = parseArgs({ options: { roots: { type: "string" }, out: { type: "string" }, api: { type: "string" } }, strict: true });
    if (values.roots === undefined || values.out === undefined) throw new BuildVerifierError(`--roots and --out are required: ${usage}`);
    const started = performance.now();
    const built = await buildVerifier({ roots: await readRootsFile(values.roots), outDir: values.out, api: values.api });
    const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
    console.log(`Verifier built into ${path.relative(process.cwd(), built.outDir) || "."}/ in ${Math.round(performance.now() - started)} ms`);
    console.log(`Trusts: ${built.roots.map((r) => `${r.name} (chain ${r.chainId}, registry ${r.productRegistry})`).join("; ")}`);
    console.log(`Asks for proofs and scan logs: ${built.api === "" ? "the origin that hosts it" : built.api}`);
    for (const entry of built.sums) console.log(`  ${entry.sha256}  ${entry.path} (${kB(entry.bytes)})`);
    console.log(`JavaScript: ${kB(built.script.raw)} raw, ${kB(built.script.gzip)} gzipped (budget ${kB(VERIFIER_SCRIPT_BUDGET_GZIP)})`);
    console.log(`Announce with the folder: ${SUMS_FILE}, whose sha256 is ${built.sumsSha256}`);
    if (built.script.gzip > VERIFIER_SCRIPT_BUDGET_GZIP) {
      console.error("The verifier's JavaScript is over its budget");
      process.exitCode = 1;
    }
  } catch (error) {
    // A bad roots file, option or folder: its message is the whole story. Anything else is a bug: a stack.
    if (!isUsageError(error)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
