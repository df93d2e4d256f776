/**
 * What makes the verifier an installable app that opens offline, in both of its builds: the page the
 * service serves (`build-app.ts`, at /verify) and the static folder anyone can host (`build-verifier.ts`).
 * Its icon, its web app manifest, and its service worker (`app/verifier/sw.ts`) bundled with the list of
 * files to keep, their hashes, and a version derived from them.
 */
import { createHash } from "node:crypto";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import type { Precache } from "../app/verifier/sw.ts";

const root = path.resolve(import.meta.dirname, "..");

export const VERIFIER_ICON = path.join(root, "app", "verifier", "icon.svg");
const WORKER_SOURCE = path.join(root, "app", "verifier", "sw.ts");
/** The worker's file name, fixed across builds: an installed page finds its next version at the same address. */
export const WORKER_FILE = "sw.js";
const LABEL_LINKS_WORKER_SOURCE = path.join(root, "app", "verifier", "label-links-sw.ts");
/** The label links' worker (app/verifier/label-links-sw.ts), for the page the service serves only. */
export const LABEL_LINKS_WORKER_FILE = "label-links-sw.js";

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** A Subresource Integrity value, as `integrity="…"` and `fetch(url, { integrity })` check it. */
export const integrityOf = (bytes: Uint8Array): string => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

export type WebAppManifestParameters = {
  /** The app's identity across versions; start, scope and icon are resolved against the manifest's address. */
  id: string;
  startUrl: string;
  scope: string;
  icon: string;
};

/** The web app manifest: what a phone shows when the verifier is added to its home screen. */
export function webAppManifest({ id, startUrl, scope, icon }: WebAppManifestParameters): string {
  const manifest = {
    id,
    name: "Veritrace product check",
    short_name: "Veritrace",
    description: "Check a product's label against the public blockchain record, in your browser.",
    start_url: startUrl,
    scope,
    display: "standalone",
    background_color: "#f2f2f2",
    theme_color: "#111111",
    // The mark sits inside the safe zone of a masked icon, so one drawing serves both purposes.
    icons: [
      { src: icon, sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: icon, sizes: "any", type: "image/svg+xml", purpose: "maskable" },
    ],
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A file the worker keeps: its address relative to the worker, and its bytes as built. */
export type WorkerFile = {
  url: string;
  bytes: Uint8Array;
  /** Kept only if it has these very bytes; false where a server may still rewrite it. */
  pinned: boolean;
};

export type BuildServiceWorkerParameters = {
  outFile: string;
  page: WorkerFile;
  pageAliases?: string[];
  files: WorkerFile[];
  fresh?: string[];
  target: string[];
  minify?: boolean;
};

/** Bundles the worker with its precache list written in; returns that list. */
export async function buildServiceWorker(params: BuildServiceWorkerParameters): Promise<Precache> {
  const all = [params.page, ...params.files];
  const version = sha256Hex(Buffer.from(all.map((file) => `${file.url} ${sha256Hex(file.bytes)}\n`).join(""))).slice(0, 16);
  const precache: Precache = {
    version,
    page: params.page.url,
    pageAliases: params.pageAliases ?? [],
    files: all.map((file) => (file.pinned ? { url: file.url, integrity: integrityOf(file.bytes) } : { url: file.url })),
    fresh: params.fresh ?? [],
  };
  await build({
    absWorkingDir: root,
    entryPoints: [WORKER_SOURCE],
    outfile: params.outFile,
    bundle: true,
    // A classic worker: module service workers are still missing from some browsers a shopper may carry.
    format: "iife",
    platform: "browser",
    target: params.target,
    minify: params.minify ?? true,
    define: { __VERITRACE_PRECACHE__: JSON.stringify(precache) },
    logLevel: "warning",
  });
  return precache;
}

export type WriteServedVerifierPwaParameters = { pageDir: string; target: string[]; minify?: boolean };

/**
 * The page the service serves (`app/dist/verifier/`, at /verify): its icon, manifest and worker, written
 * beside its script once the rest of the folder is built. Returns the files it wrote.
 */
export async function writeServedVerifierPwa({ pageDir, target, minify }: WriteServedVerifierPwaParameters): Promise<string[]> {
  await copyFile(VERIFIER_ICON, path.join(pageDir, "icon.svg"));
  await writeFile(path.join(pageDir, "manifest.webmanifest"), webAppManifest({ id: "/verify", startUrl: "/verify", scope: "/verify", icon: "icon.svg" }));
  const file = async (name: string): Promise<WorkerFile> => ({ url: name, bytes: await readFile(path.join(pageDir, name)), pinned: true });
  await buildServiceWorker({
    outFile: path.join(pageDir, WORKER_FILE),
    // The service sends index.html for /verify; not pinned, so that the service may one day write into it.
    page: { url: "/verify", bytes: await readFile(path.join(pageDir, "index.html")), pinned: false },
    // The page's script and the chunks it loads later (the QR decoders), all kept for offline scanning.
    files: await Promise.all([...(await pageScripts(pageDir)), "verifier.css", "zxing_reader.wasm", "manifest.webmanifest", "icon.svg"].map(file)),
    // The service's trust roots, served beside the page from its configuration rather than built.
    fresh: ["trust-roots.json"],
    target,
    minify,
  });
  // Not in the precache above: it holds nothing of the page, and a new build replaces it as any worker.
  await build({
    absWorkingDir: root,
    entryPoints: [LABEL_LINKS_WORKER_SOURCE],
    outfile: path.join(pageDir, LABEL_LINKS_WORKER_FILE),
    bundle: true,
    format: "iife",
    platform: "browser",
    target,
    minify: minify ?? true,
    logLevel: "warning",
  });
  return ["icon.svg", "manifest.webmanifest", WORKER_FILE, LABEL_LINKS_WORKER_FILE];
}

/** The served page's scripts: its entry, `verifier.js`, first, then its chunks; the workers are not among them. */
async function pageScripts(pageDir: string): Promise<string[]> {
  const workers = [WORKER_FILE, LABEL_LINKS_WORKER_FILE];
  const chunks = (await readdir(pageDir)).filter((file) => file.endsWith(".js") && file !== "verifier.js" && !workers.includes(file)).sort();
  return ["verifier.js", ...chunks];
}
