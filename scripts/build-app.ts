/**
 * Bundles the browser pages under `app/` into `app/dist/` with esbuild: one folder per page holding its
 * `index.html`, script and stylesheet (and the verifier's QR decoder, `zxing_reader.wasm`). Everything the
 * pages need is in that folder, so the service serves them without any third-party host. Run by
 * `npm run build`; the browser tests call `buildApp()` themselves.
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { LANGUAGES, type LanguageCode } from "../app/i18n/languages.ts";
import { precompress } from "./precompress.ts";
import { writeServedVerifierPwa } from "./verifier-pwa.ts";
import { SCAN_PAGE_FILE, scanPageHtml } from "./verifier-scan-page.ts";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

/**
 * A page of the web app: its HTML, its entry script and its stylesheet, relative to `app/`, and files
 * copied beside them as they are (module specifiers, resolved from the project).
 */
type Page = { name: string; html: string; script: string; style: string; copies?: string[]; split?: boolean };

const pages: Page[] = [
  { name: "console", html: "console/index.html", script: "console/main.ts", style: "console/console.css" },
  // The decoder's WebAssembly is served by the service itself: by default zxing-wasm fetches it from a CDN.
  // Split: what the first verdict does not need (the QR decoders) is a chunk of its own, loaded after it.
  { name: "verifier", html: "verifier/index.html", script: "verifier/main.ts", style: "verifier/verifier.css", copies: ["zxing-wasm/reader/zxing_reader.wasm"], split: true },
  // The verifier's customs mode, a page of its own so that shoppers never download it; it loads the
  // decoder's WebAssembly from the verifier's folder.
  // Split, like the verifier: each language's catalogues are chunks, fetched only for the active language.
  { name: "customs", html: "verifier/customs/index.html", script: "verifier/customs/main.ts", style: "verifier/customs/customs.css", split: true },
  // Check a licence and the notices register (content), read from the LicenceRegistry by the page itself.
  { name: "licences", html: "licences/index.html", script: "licences/main.ts", style: "licences/licences.css", split: true },
  // A brand's intelligence: the map's countries (world-atlas) and the chart (uPlot) are bundled in.
  { name: "intelligence", html: "intelligence/index.html", script: "intelligence/main.ts", style: "intelligence/intelligence.css" },
];

/** The budget for the verifier's JavaScript, gzipped; its WebAssembly decoder is counted apart. */
export const VERIFIER_SCRIPT_BUDGET_GZIP = 200 * 1024;
/** The customs mode runs on the same phones over the same links, so it is held to the same budget. */
export const CUSTOMS_SCRIPT_BUDGET_GZIP = VERIFIER_SCRIPT_BUDGET_GZIP;
/** The licence page is opened on the same phones (a creator checking a re-upload): the same budget. */
export const LICENCES_SCRIPT_BUDGET_GZIP = VERIFIER_SCRIPT_BUDGET_GZIP;
/** The intelligence page, map data included, is held to the verifier's budget too (issue 13). */
export const INTELLIGENCE_SCRIPT_BUDGET_GZIP = VERIFIER_SCRIPT_BUDGET_GZIP;

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
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: BROWSER_TARGETS,
    minify: params.minify ?? true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  } as const;
  const entries = (page: Page, out: (name: string) => string) => [
    { in: path.join(appDir, page.script), out: out(page.name) },
    { in: path.join(appDir, page.style), out: out(page.name) },
  ];
  const whole = pages.filter((page) => !page.split);
  const results = [await build({ ...common, entryPoints: whole.flatMap((page) => entries(page, (name) => `${name}/${name}`)), outdir: outDir })];
  // A split page is built on its own, so that its chunks sit in its own folder, which is all the service
  // serves at its address.
  const preloads = new Map<string, string[]>();
  for (const page of pages.filter((page) => page.split)) {
    const split = await build({ ...common, entryPoints: entries(page, (name) => name), outdir: path.join(outDir, page.name), splitting: true, chunkNames: `${page.name}-[name]-[hash]` });
    results.push(split);
    preloads.set(page.name, staticChunks(split.metafile, path.join(outDir, page.name), `${page.name}.js`));
  }
  for (const page of pages) {
    await mkdir(path.join(outDir, page.name), { recursive: true });
    const html = await readFile(path.join(appDir, page.html), "utf8");
    await writeFile(path.join(outDir, page.name, "index.html"), withModulePreloads(html, page.name, preloads.get(page.name) ?? []));
    for (const specifier of page.copies ?? []) {
      await copyFile(require.resolve(specifier), path.join(outDir, page.name, path.basename(specifier)));
    }
  }
  const verifierDir = path.join(outDir, "verifier");
  await writeFile(path.join(verifierDir, SCAN_PAGE_FILE), scanPageHtml(await readFile(path.join(verifierDir, "index.html"), "utf8")));
  // The verifier installs as an app that opens offline: its manifest, icon and service worker.
  const pwaFiles = await writeServedVerifierPwa({ pageDir: path.join(outDir, "verifier"), target: BROWSER_TARGETS, minify: params.minify ?? true });
  const files = [
    ...results.flatMap((result) => Object.keys(result.metafile.outputs)).map((file) => path.relative(outDir, path.resolve(root, file))),
    ...pages.flatMap((page) => [`${page.name}/index.html`, ...(page.copies ?? []).map((specifier) => `${page.name}/${path.basename(specifier)}`)]),
    ...pwaFiles.map((file) => `verifier/${file}`),
    `verifier/${SCAN_PAGE_FILE}`,
  ];
  // Last, so that every file the pages load (the service worker too) has its compressed copies.
  files.push(...(await precompress(outDir, files)));
  return { outDir, files: files.sort() };
}

/** The chunks `entry` (a file name in `dir`) imports statically, directly or not: all needed before it runs. */
function staticChunks(metafile: Metafile, dir: string, entry: string): string[] {
  const byFile = new Map(Object.entries(metafile.outputs).map(([file, output]) => [path.resolve(root, file), output]));
  const found = new Set<string>();
  const visit = (file: string) => {
    for (const imported of byFile.get(file)?.imports ?? []) {
      const chunk = path.resolve(root, imported.path);
      if (imported.kind !== "import-statement" || found.has(chunk)) continue;
      found.add(chunk);
      visit(chunk);
    }
  };
  visit(path.join(dir, entry));
  return [...found].map((file) => path.relative(dir, file)).sort();
}

/**
 * The page's HTML with a modulepreload for each chunk its script imports: without them the browser finds
 * each chunk only once the file importing it has arrived, one round trip after another.
 */
function withModulePreloads(html: string, name: string, chunks: string[]): string {
  if (chunks.length === 0) return html;
  const script = new RegExp(`<script type="module" src="([^"]*/)${name}\\.js"></script>`);
  const match = script.exec(html);
  if (match === null) throw new Error(`${name}/index.html loads no ${name}.js module to preload the chunks of`);
  const links = chunks.map((chunk) => `\n    <link rel="modulepreload" href="${match[1]}${chunk}" />`).join("");
  return html.replace(script, `${match[0]}${links}`);
}

export type ScriptSize = { files: string[]; raw: number; gzip: number };

/** The JavaScript a page loads, raw and gzipped (level 9, as a server would send it), source maps apart. */
export async function pageScriptSize(outDir: string, page: string): Promise<ScriptSize> {
  return folderScriptSize(path.join(outDir, page));
}

/** The JavaScript in one folder (a page's, or a static verifier build), raw and gzipped. */
export async function folderScriptSize(pageDir: string): Promise<ScriptSize> {
  return filesSize(pageDir, (await readdir(pageDir)).filter((file) => file.endsWith(".js")).sort());
}

/**
 * What a reader of one language loads at most: the page's JavaScript without the other languages'
 * catalogue chunks (`<page>-<code>-<hash>.js`, app/i18n), for the language whose chunks weigh most
 * gzipped. This is the figure the budget holds, since a page fetches only its active language.
 */
export async function oneLanguageScriptSize(outDir: string, page: string): Promise<ScriptSize & { language: LanguageCode }> {
  const dir = path.join(outDir, page);
  const all = (await readdir(dir)).filter((file) => file.endsWith(".js")).sort();
  const languageOf = (file: string) => LANGUAGES.find(({ code }) => new RegExp(`^${page}-${code}-[A-Z0-9]+\\.js$`).test(file))?.code;
  let heaviest: (ScriptSize & { language: LanguageCode }) | undefined;
  for (const { code } of LANGUAGES) {
    const size = await filesSize(dir, all.filter((file) => languageOf(file) === undefined || languageOf(file) === code));
    if (heaviest === undefined || size.gzip > heaviest.gzip) heaviest = { ...size, language: code };
  }
  return heaviest!;
}

async function filesSize(pageDir: string, files: string[]): Promise<ScriptSize> {
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
    ["intelligence", "Intelligence page", INTELLIGENCE_SCRIPT_BUDGET_GZIP],
  ] as const) {
    const size = await pageScriptSize(outDir, page);
    const one = await oneLanguageScriptSize(outDir, page);
    console.log(
      `${label} JavaScript, one language (the heaviest, ${one.language}): ${kB(one.raw)} raw, ${kB(one.gzip)} gzipped (budget ${kB(budget)}); ` +
        `all languages: ${kB(size.raw)} raw, ${kB(size.gzip)} gzipped`,
    );
    if (one.gzip > budget) {
      console.error(`The ${page} page's JavaScript is over its budget`);
      process.exitCode = 1;
    }
  }
}
