/**
 * The human API reference at `/docs/api`: Scalar's self-contained browser bundle, served from here, pointed
 * at this service's own `/api/v1/openapi.json`. Nothing is fetched from any other origin: Scalar's default
 * fonts (fonts.scalar.com), its telemetry, its AI agent, its MCP button and its developer tools (Scalar's
 * hosted services) are switched off, no CORS proxy
 * is configured, and the page's policy allows connections to this origin only, so a future Scalar default
 * that reaches out is blocked (and the browser test notices) rather than silently leaking readers' visits.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Router, type RequestHandler } from "express";
import { AppError } from "../errors.ts";

export const API_REFERENCE_PATH = "/docs/api";
const OPENAPI_PATH = "/api/v1/openapi.json";

/** The UMD build that carries everything (styles, icons, code highlighting) in one file. */
const SCALAR_BUNDLE = path.join(path.dirname(fileURLToPath(import.meta.resolve("@scalar/api-reference"))), "browser", "standalone.js");

const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Scalar (Vue) writes its styles into <style> elements and style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // The document, and the "test request" client, which calls this same service.
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Scalar's options; each one that would reach another origin is turned off. */
const SCALAR_CONFIGURATION = {
  url: OPENAPI_PATH,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  // Its panel (shown on localhost by default) offers Scalar's hosted services: SDKs, deploys, sign-ups.
  showDeveloperTools: "never",
  hideDarkModeToggle: false,
  defaultOpenFirstTag: true,
  documentDownloadType: "json",
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Veritrace API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="app"></div>
<script src="${API_REFERENCE_PATH}/scalar.js"></script>
<script src="${API_REFERENCE_PATH}/reference.js"></script>
</body>
</html>
`;

// A file rather than an inline script, so that the policy can keep script-src to 'self'.
const INIT_SCRIPT = `Scalar.createApiReference("#app", ${JSON.stringify(SCALAR_CONFIGURATION)});\n`;

const headers: RequestHandler = (_req, res, next) => {
  res.setHeader("Content-Security-Policy", POLICY);
  res.setHeader("Permissions-Policy", "camera=(), geolocation=(), microphone=()");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  // Revalidate (ETag), so that an upgraded bundle is picked up at once.
  res.setHeader("Cache-Control", "no-cache");
  next();
};

export function apiReferenceRoutes(): Router {
  const router = Router();
  router.get(API_REFERENCE_PATH, headers, (_req, res) => {
    res.type("html").send(PAGE);
  });
  // The page's two scripts: files of the page, not API routes, like the other pages' assets.
  router.use(API_REFERENCE_PATH, headers, (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (req.path === "/reference.js") return void res.type("text/javascript").send(INIT_SCRIPT);
    if (req.path !== "/scalar.js") return next();
    if (!existsSync(SCALAR_BUNDLE)) {
      throw new AppError("The API reference's bundle (@scalar/api-reference) is not installed: run `npm install`", { status: 503, code: "REFERENCE_NOT_INSTALLED" });
    }
    res.sendFile(SCALAR_BUNDLE, { headers: { "Content-Type": "text/javascript; charset=utf-8" } });
  });
  return router;
}
