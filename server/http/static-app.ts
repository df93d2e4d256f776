/**
 * Serves the built web app (`app/dist`, made by `scripts/build-app.ts`): the brand console at `/console`.
 * The pages call the API on the same origin, so the policy below lets them load and fetch nothing from
 * anywhere else.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router, type RequestHandler } from "express";
import { AppError } from "../errors.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const DEFAULT_DIST_DIR = path.join(REPO_ROOT, "app", "dist");

/** The pages `scripts/build-app.ts` writes, each a folder of `app/dist` served under its own path. */
const PAGES = ["console"] as const;

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: for the label downloads the console saves; data: for its empty favicon.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
  const router = Router();
  for (const page of PAGES) {
    const pageDir = path.join(distDir, page);
    const indexFile = path.join(pageDir, "index.html");
    router.get(`/${page}`, securityHeaders, (_req, res) => {
      if (!existsSync(indexFile)) {
        throw new AppError(`The web app is not built: run \`npm run build\` (missing ${path.relative(REPO_ROOT, indexFile)})`, {
          status: 503,
          code: "APP_NOT_BUILT",
        });
      }
      // Assets keep fixed names across builds, so the browser must revalidate rather than cache blindly.
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(indexFile);
    });
    router.use(
      `/${page}`,
      securityHeaders,
      express.static(pageDir, { index: false, redirect: false, setHeaders: (res) => res.setHeader("Cache-Control", "no-cache") }),
    );
  }
  return router;
}
