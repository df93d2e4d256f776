/**
 * Bundles the browser pages under `app/` into `app/dist/` with esbuild: one folder per page holding its
 * `index.html`, script and stylesheet. Everything the pages need is in that folder, so the service serves
 * them without any third-party host. Run by `npm run build`; the browser tests call `buildApp()` themselves.
 */
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

/** A page of the web app: its HTML, its entry script and its stylesheet, relative to `app/`. */
type Page = { name: string; html: string; script: string; style: string };

const pages: Page[] = [{ name: "console", html: "console/index.html", script: "console/main.ts", style: "console/console.css" }];

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
    // The browsers a factory office laptop runs today; nothing older needs supporting.
    target: ["chrome111", "firefox111", "safari16.4", "edge111"],
    minify: params.minify ?? true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  for (const page of pages) {
    await mkdir(path.join(outDir, page.name), { recursive: true });
    await copyFile(path.join(appDir, page.html), path.join(outDir, page.name, "index.html"));
  }
  const files = [
    ...Object.keys(result.metafile.outputs).map((file) => path.relative(outDir, path.resolve(root, file))),
    ...pages.map((page) => `${page.name}/index.html`),
  ].sort();
  return { outDir, files };
}

if (import.meta.main) {
  const started = performance.now();
  const { outDir, files } = await buildApp();
  console.log(`Web app built into ${path.relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms: ${files.join(", ")}`);
}
