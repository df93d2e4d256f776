/**
 * The route template a request matched (`/api/v1/batches/:id`), the label its metrics and log lines carry
 * instead of the raw path, whose ids and codes would make a series per request.
 *
 * Express sets `req.route` when a route matches, while `req.baseUrl` (the router's mount) is still that
 * router's; by the time the response finishes, an error has unwound `baseUrl` to "". So the template is
 * taken at the moment Express assigns `req.route`, through an accessor on this request object. A request
 * refused by a router's middleware before any of its routes matched (a missing API key) is labelled by the
 * deepest mount it reached, `/api/v1/*`, recorded the same way from `req.baseUrl`.
 */
import type { Request, RequestHandler } from "express";

declare module "express-serve-static-core" {
  interface Locals {
    routeTemplate: string | undefined;
    /** The deepest router mount the request entered ("" for none). */
    routeMount: string | undefined;
  }
}

/** The label of requests no route matched (an unknown path, a body the JSON parser refused first). */
export const UNMATCHED = "unmatched";

export function recordRouteTemplate(): RequestHandler {
  return (req, res, next) => {
    let route: Request["route"];
    let baseUrl = req.baseUrl;
    Object.defineProperty(req, "baseUrl", {
      configurable: true,
      enumerable: true,
      get: () => baseUrl,
      set(value: string) {
        baseUrl = value;
        if (value.length > (res.locals.routeMount ?? "").length) res.locals.routeMount = value;
      },
    });
    Object.defineProperty(req, "route", {
      configurable: true,
      enumerable: true,
      get: () => route,
      set(value: Request["route"]) {
        route = value;
        const path = (value as { path?: unknown } | undefined)?.path;
        if (typeof path === "string") res.locals.routeTemplate = joinPaths(req.baseUrl, path);
      },
    });
    next();
  };
}

/**
 * The matched template; with no route matched, the deepest mount entered with `/*` (files of a static
 * folder, a refused API key, an unknown path under `/api/v1`); otherwise `unmatched`.
 */
export function routeTemplate(locals: { routeTemplate?: string | undefined; routeMount?: string | undefined }): string {
  if (locals.routeTemplate !== undefined) return locals.routeTemplate;
  return locals.routeMount ? `${locals.routeMount}/*` : UNMATCHED;
}

function joinPaths(base: string, path: string): string {
  if (base === "") return path;
  return path === "/" ? base : base + path;
}
