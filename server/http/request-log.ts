/**
 * One JSON log line per request, when its response has been sent (or the client went away first), with
 * the request id, the full path as the client sent it (`/api/v1/...`, not the router-relative one), the
 * route template, the status and the time taken. The query string is never logged: it carries scanned
 * codes with their signatures and may carry a key someone put there; the template and path say enough to
 * find a request. The request's own logger (`res.locals.log`) stamps its id on anything else logged for it.
 */
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { routeTemplate } from "./route-template.ts";

declare module "express-serve-static-core" {
  interface Locals {
    log: Logger;
  }
}

/** The path of `originalUrl`, without its query string. */
export function pathOnly(originalUrl: string): string {
  const at = originalUrl.indexOf("?");
  return at === -1 ? originalUrl : originalUrl.slice(0, at);
}

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const log = logger.child({ reqId: res.locals.requestId });
    res.locals.log = log;
    const line = () => ({
      method: req.method,
      path: pathOnly(req.originalUrl),
      route: routeTemplate(res.locals),
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    res.on("finish", () => log.info({ ...line(), status: res.statusCode }, "request"));
    res.on("close", () => {
      if (!res.writableFinished) log.warn(line(), "request aborted before the response was sent");
    });
    next();
  };
}
