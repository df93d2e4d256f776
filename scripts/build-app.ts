/**
 * Bundles the browser pages under `app/` into `app/dist/` with esbuild: one folder per page holding its
 * `index.html`, script and stylesheet (and the verifier's QR decoder, `zxing_reader.wasm`). Everything the
 * pages need is in that folder, so the service serves them without any third-party host. Run by
 * `npm run build`; the browser tests call `buildApp()` themselves.
 */
import { copyFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { writeServedVerifierPwa } from "./verifier-pwa.ts";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

/**
 * A page of the web app: its HTML, its entry script and its stylesheet, relative to `app/`, and files
 * copied beside them as they are (module specifiers, resolved from the project).
 */
type Page = { name: string; html: string; script: string; style: string; copies?: string[] };

const pages: Page[] = [
  { name: "console", html: "console/index.html", script: "console/main.ts", style: "console/console.css" },
  // The decoder's WebAssembly is served by the service itself: by default zxing-wasm fetches it from a CDN.
  { name: "verifier", html: "verifier/index.html", script: "verifier/main.ts", style: "verifier/verifier.css", copies: ["zxing-wasm/reader/zxing_reader.wasm"] },
  // The verifier's customs mode, a page of its own so that shoppers never download it; it loads the
  // decoder's WebAssembly from the verifier's folder.
  { name: "customs", html: "verifier/customs/index.html", script: "verifier/customs/main.ts", style: "verifier/customs/customs.css" },
  // Check a licence and the notices register (content), read from the LicenceRegistry by the page itself.
  { name: "licences", html: "licences/index.html", script: "licences/main.ts", style: "licences/licences.css" },
];

/** The budget for the verifier's JavaScript, gzipped; its WebAssembly decoder is counted apart. */
export const VERIFIER_SCRIPT_BUDGET_GZIP = 200 * 1024;
/** The customs mode runs on the same phones over the same links, so it is held to the same budget. */
export const CUSTOMS_SCRIPT_BUDGET_GZIP = VERIFIER_SCRIPT_BUDGET_GZIP;
/** The licence page is opened on the same phones (a creator checking a re-upload): the same budget. */
export const LICENCES_SCRIPT_BUDGET_GZIP = VERIFIER_SCRIPT_BUDGET_GZIP;

/** The browsers a factory office laptop runs today; nothing older needs supporting. */
export const BROWSER_TARGETS = ["chrome111", "firefox111", "safari16.4", "edge111"];

export type BuildAppParameters = {
  /** Where to write; `app/dist` by default. Emptied first so no stale file is ever served. */
  outDir?: string;
  minify?: boolean;
};

export type BuildAppReturnType = { outDir: string; files: string[] };

export async function buildApp(params: BuildAppParameters = {}): Promise<BuildAppReturnType> {
  const appDir = path.join(root, "app");
  const outDir = params.outDir ?? path.join(appDir, "dist");
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: pages.flatMap((page) => [
      { in: path.join(appDir, page.script), out: `${page.name}/${page.name}` },
      { in: path.join(appDir, page.style), out: `${page.name}/${page.name}` },
    ]),
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: BROWSER_TARGETS,
    minify: params.minify ?? true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  for (const page of pages) {
    await mkdir(path.join(outDir, page.name), { recursive: true });
    await copyFile(path.join(appDir, page.html), path.join(outDir, page.name, "index.html"));
    for (const specifier of page.copies ?? []) {
      await copyFile(require.resolve(specifier), path.join(outDir, page.name, path.basename(specifier)));
    }
  }
  // The verifier installs as an app that opens offline: its manifest, icon and service worker.
  const pwaFiles = await writeServedVerifierPwa({ pageDir: path.join(outDir, "verifier"), target: BROWSER_TARGETS, minify: params.minify ?? true });
  const files = [
    ...Object.keys(result.metafile.outputs).map((file) => path.relative(outDir, path.resolve(root, file))),
    ...pages.flatMap((page) => [`${page.name}/index.html`, ...(page.copies ?? []).map((specifier) => `${page.name}/${path.basename(specifier)}`)]),
    ...pwaFiles.map((file) => `verifier/${file}`),
  ].sort();
  return { outDir, files };
}

export type ScriptSize = { files: string[]; raw: number; gzip: number };

/** The JavaScript a page loads, raw and gzipped (level 9, as a server would send it), source maps apart. */
export async function pageScriptSize(outDir: string, page: string): Promise<ScriptSize> {
  return folderScriptSize(path.join(outDir, page));
}

/** The JavaScript in one folder (a page's, or a static verifier build), raw and gzipped. */
export async function folderScriptSize(pageDir: string): Promise<ScriptSize> {
  const files = (await readdir(pageDir)).filter((file) => file.endsWith(".js")).sort();
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(path.join(pageDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

if (import.meta.main) {
  const started = performance.now();
  const { outDir, files } = await buildApp();
  console.log(`Web app built into ${path.relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms: ${files.join(", ")}`);
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  for (const [page, label, budget] of [
    ["verifier", "Verifier", VERIFIER_SCRIPT_BUDGET_GZIP],
    ["customs", "Customs mode", CUSTOMS_SCRIPT_BUDGET_GZIP],
    ["licences", "Licence page", LICENCES_SCRIPT_BUDGET_GZIP],
  ] as const) {
    const size = await pageScriptSize(outDir, page);
    console.log(`${label} JavaScript: ${kB(size.raw)} raw, ${kB(size.gzip)} gzipped (budget ${kB(budget)})`);
    if (size.gzip > budget) {
      console.error(`The ${page} page's JavaScript is over its budget`);
      process.exitCode = 1;
    }
  }
}
