/**
 * Serves the built web app (`app/dist`, made by `scripts/build-app.ts`): the brand console at `/console`,
 * the consumer verifier at `/verify` (where the GS1 resolver sends a scanned label, `?code=<uri>`) and its
 * customs mode at `/verify/customs`, and the content licence page at `/licences` (check a licence, the
 * notices register), and a brand's intelligence page at `/intelligence`. All call the API on the same origin and load nothing from any other host.
 *
 * The verifier also reads the chain itself, so its policy lets it connect to the RPC the service announces
 * and, because a user may distrust that node and set their own in the page's settings, to any HTTPS origin
 * and to this device's loopback (a node of one's own). Narrowing `connect-src` to the announced RPC would
 * make the service the judge of which node a user may check it against, the very trust the page exists to
 * avoid; the wider list costs little, since the page holds no secret and `script-src 'self'` already keeps
 * out injected code that could send anything anywhere. Plain-HTTP RPCs elsewhere stay blocked (no one
 * should check a label over a link anyone on the way can rewrite).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router, type RequestHandler } from "express";
import { SCAN_PAGE_FILE } from "../../scripts/verifier-scan-page.ts";
import { AppError } from "../errors.ts";
import { precompressedFiles, sendBuiltFile } from "./precompressed.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const DEFAULT_DIST_DIR = path.join(REPO_ROOT, "app", "dist");

const BASE_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  // blob: for the label downloads the console saves; data: for the pages' empty favicon.
  "img-src 'self' data: blob:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

const CONSOLE_POLICY = [...BASE_POLICY, "script-src 'self'", "connect-src 'self'"].join("; ");

/** The RPC origins the verifier may read the chain from; see the file comment for why this wide. */
export function verifierConnectSources(verifierRpcUrl: string | undefined): string[] {
  const sources = ["'self'", "https:", "http://127.0.0.1:*", "http://localhost:*"];
  if (verifierRpcUrl !== undefined) {
    const { origin } = new URL(verifierRpcUrl);
    if (!sources.includes(origin)) sources.splice(1, 0, origin);
  }
  return sources;
}

function verifierPolicy(verifierRpcUrl: string | undefined): string {
  return [
    ...BASE_POLICY,
    // 'wasm-unsafe-eval': compiling the QR decoder's WebAssembly (served from here), and nothing else.
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src ${verifierConnectSources(verifierRpcUrl).join(" ")}`,
    // The page installs as an app that opens offline: its service worker and manifest, both from here.
    "worker-src 'self'",
    "manifest-src 'self'",
    // The camera preview is a MediaStream, not a URL: no media-src is needed.
  ].join("; ");
}

/**
 * The licence page reads the LicenceRegistry itself through the same RPCs as the verifier, but compiles no
 * WebAssembly (no decoder): the verifier's policy without 'wasm-unsafe-eval'.
 */
function licencesPolicy(verifierRpcUrl: string | undefined): string {
  return [...BASE_POLICY, "script-src 'self'", `connect-src ${verifierConnectSources(verifierRpcUrl).join(" ")}`].join("; ");
}

const headers =
  (policy: string, permissions: string): RequestHandler =>
  (_req, res, next) => {
    res.setHeader("Content-Security-Policy", policy);
    res.setHeader("Permissions-Policy", permissions);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    next();
  };

export type AppRoutesParameters = {
  distDir?: string;
  /** The RPC the verifier page reads the chain from: its origin must be allowed to connect. */
  verifierRpcUrl?: string | undefined;
};

export function appRoutes(params: AppRoutesParameters = {}): Router {
  const distDir = params.distDir ?? DEFAULT_DIST_DIR;
  // Each page: the folder `scripts/build-app.ts` writes it into, the path it is served at, its headers.
  const verifierPolicyText = verifierPolicy(params.verifierRpcUrl);
  const pages = [
    { dir: "console", route: "/console", headers: headers(CONSOLE_POLICY, "camera=(), geolocation=(), microphone=()") },
    // The verifier's customs mode reads the chain and films labels as the verifier does: the same policy,
    // but no location (an office's scans are not sent to the consumer scan log). Listed before `/verify`,
    // whose static folder would otherwise be searched for its files first.
    { dir: "customs", route: "/verify/customs", headers: headers(verifierPolicyText, "camera=(self), geolocation=(), microphone=()") },
    { dir: "verifier", route: "/verify", headers: headers(verifierPolicyText, "camera=(self), geolocation=(self), microphone=()") },
    // Check a licence and the notices register: reads the chain, needs no camera and no location.
    { dir: "licences", route: "/licences", headers: headers(licencesPolicy(params.verifierRpcUrl), "camera=(), geolocation=(), microphone=()") },
    // A brand's intelligence: talks to this service only, as the console does.
    { dir: "intelligence", route: "/intelligence", headers: headers(CONSOLE_POLICY, "camera=(), geolocation=(), microphone=()") },
  ];
  const router = Router();
  // The verifier's worker sits in /verify/ but the page is /verify itself: a scope of /verify covers both,
  // which a worker in /verify/ may take only when the service says so.
  router.get("/verify/sw.js", (_req, res, next) => {
    res.setHeader("Service-Worker-Allowed", "/verify");
    next();
  });
  // The label links' worker (app/verifier/label-links-sw.ts) covers the resolver's /01/ links, outside its folder.
  router.get("/verify/label-links-sw.js", (_req, res, next) => {
    res.setHeader("Service-Worker-Allowed", "/01/");
    next();
  });
  for (const page of pages) {
    const pageDir = path.join(distDir, page.dir);
    const indexFile = path.join(pageDir, "index.html");
    // The verifier's HTML shows "Checking this label…" until its script runs: right when a label's link
    // (`?code=`) opened it; without one, its scan page variant.
    const scanFile = path.join(pageDir, SCAN_PAGE_FILE);
    router.get(page.route, page.headers, (req, res, next) => {
      if (!existsSync(indexFile)) {
        throw new AppError(`The web app is not built: run \`npm run build\` (missing ${path.relative(REPO_ROOT, indexFile)})`, {
          status: 503,
          code: "APP_NOT_BUILT",
        });
      }
      // Assets keep fixed names across builds, so the browser must revalidate rather than cache blindly.
      res.setHeader("Cache-Control", "no-cache");
      const scanPage = page.dir === "verifier" && req.query.code === undefined && existsSync(scanFile);
      sendBuiltFile(req, res, scanPage ? scanFile : indexFile, next);
    });
    router.use(
      page.route,
      page.headers,
      // Every file: revalidated, as the page is (see above), whether sent as a compressed copy or as it is.
      (_req, res, next) => {
        res.setHeader("Cache-Control", "no-cache");
        next();
      },
      precompressedFiles(pageDir),
      express.static(pageDir, { index: false, redirect: false }),
    );
  }
  return router;
}
