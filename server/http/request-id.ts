/**
 * `X-Request-Id`: every request gets one, echoed in the response, written in each of its log lines and in
 * its error body, so that a user's report, a proxy's log and ours can be matched. A caller's (or a
 * proxy's) own id is kept when it is sane: short, and of characters that cannot forge a log line or a
 * header; anything else is replaced by a fresh UUID rather than refused, since an id is never a reason to
 * fail a request.
 */
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";

declare module "express-serve-static-core" {
  interface Locals {
    requestId: string;
  }
}

export const REQUEST_ID_HEADER = "X-Request-Id";

const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The caller's id when sane, else a new UUID. */
export function chooseRequestId(incoming: string | undefined): string {
  return incoming !== undefined && SANE_ID.test(incoming) ? incoming : randomUUID();
}

export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = chooseRequestId(req.get(REQUEST_ID_HEADER));
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}
