/**
 * Cross-origin access to the public API, so that a verifier hosted elsewhere (a consortium's, a customs
 * authority's, a consumer association's static copy, see docs/verifier-hosting.md) can ask this service for
 * proofs, scan logs and custody. Only the routes that page calls, which anyone may call anyway: any origin,
 * no credentials (`*` forbids them), no `Authorization` header allowed in a preflight, and nothing at all on
 * the API-key routes, so a browser never sends a brand's or an office's request from another site.
 */
import type { RequestHandler } from "express";

type PublicRoute = { method: "GET" | "POST"; path: RegExp };

/** The verifier page's calls, under /api/v1. */
export const CORS_ROUTES: readonly PublicRoute[] = [
  { method: "GET", path: /^\/proof\/?$/i },
  { method: "GET", path: /^\/network\/?$/i },
  { method: "GET", path: /^\/verify\/?$/i },
  { method: "GET", path: /^\/items\/custody\/?$/i },
  { method: "GET", path: /^\/shipments\/[^/]+\/proof\/?$/i },
  { method: "GET", path: /^\/scans\/?$/i },
  { method: "POST", path: /^\/scans\/?$/i },
  { method: "POST", path: /^\/sessions\/?$/i },
];

const ALLOWED_HEADERS = "content-type, accept";
/** How long a browser may reuse a preflight's answer (Chromium caps it at two hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/** Mounted at /api/v1, before the routers; answers preflights itself. */
export function publicCors(): RequestHandler {
  return (req, res, next) => {
    const methods = CORS_ROUTES.filter((route) => route.path.test(req.path)).map((route) => route.method);
    if (methods.length === 0) return next();
    const asked = req.method === "OPTIONS" ? req.get("access-control-request-method")?.toUpperCase() : undefined;
    if (asked !== undefined) {
      // A preflight: answered here, whatever it asks; the browser compares the answer with its request.
      res.setHeader("Access-Control-Allow-Origin", "*");
      res.setHeader("Access-Control-Allow-Methods", methods.join(", "));
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      res.setHeader("Access-Control-Max-Age", String(PREFLIGHT_MAX_AGE_SECONDS));
      res.status(204).end();
      return;
    }
    const method = req.method === "HEAD" ? "GET" : req.method;
    // Set before the route runs, so that its errors (404 for an unknown item, 429) are readable too.
    if ((methods as string[]).includes(method)) res.setHeader("Access-Control-Allow-Origin", "*");
    next();
  };
}
