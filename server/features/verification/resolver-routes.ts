/**
 * The GS1 Digital Link resolver on the service's own host: the URI printed in every label, answered as the
 * GS1-Conformant Resolver standard says (docs/resolver.md). Browsers are sent (307) to the verifier page,
 * JSON clients get the verification, linkset clients (or `linkType=linkset`/`all`) the item's links, and a
 * `linkType` the item has is a 307 to that link; one it has not is a 404, never the default link.
 *
 * Every problem answers with its status and a machine code: JSON for API clients, and for a browser a
 * short HTML page saying what is wrong with the label in plain words. A malformed code (check digit, AI
 * order, an unknown segment) is a 400, as the standard requires of syntax errors; a well-formed code that
 * is not a whole item (a GTIN alone, no serial) is a 404: this resolver has links for items only.
 */
import { Router, type Request, type RequestHandler, type Response } from "express";
import { VeritraceError } from "../../../core/errors.ts";
import { Gs1ErrorCode, normalizeGtin, parseDigitalLink, percentDecodeSegment } from "../../../core/gs1/index.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../../http/validate.ts";
import { itemLinks, LINKSET_CONTEXT, LINKSET_LINK_TYPES, linkFor, linkHeader, linkset, resolverDescription } from "./resolver-links.ts";
import { verifyCode } from "./verify.ts";
import { resolverQuery } from "../../../api/verification.ts";

const LINKSET = "application/linkset+json";
const NEGOTIATED = ["text/html", "application/json", LINKSET];
const AI_FIELDS: Record<string, string> = { "01": "gtin", "10": "lot", "21": "serial" };

/** Readable from other origins, and varying with Accept, whatever the answer (errors included). */
const resolverHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "Link, X-Request-Id");
  res.setHeader("Vary", "Accept");
  next();
};

export function resolverRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const root = Router();
  root.get("/01/:gtin/10/:lot/21/:serial", limit, resolverHeaders, async (req, res) => {
    const { linkType } = validate(resolverQuery, req.query, "query");
    const codeUri = ctx.publicBaseUrl + labelPath(req.originalUrl);
    const links = itemLinks(ctx.publicBaseUrl, codeUri);
    res.setHeader("Link", linkHeader(codeUri, links));
    const wants = linkType !== undefined && LINKSET_LINK_TYPES.includes(linkType) ? LINKSET : negotiated(req);
    try {
      parseDigitalLink(codeUri);
    } catch (error) {
      if (wants !== "text/html") throw error;
      return problemPage(res, 400, "Not a valid product code", `${(error as Error).message}.`, linkFor(links)!.href);
    }
    if (linkType !== undefined && wants !== LINKSET) {
      const link = linkFor(links, linkType);
      if (link !== undefined) return res.redirect(307, link.href);
      const message = `This item has no link of type ${JSON.stringify(linkType)}; its types are ${Object.keys(links).join(", ")}`;
      if (wants !== "text/html") throw new AppError(message, { status: 404, code: "LINK_TYPE_NOT_AVAILABLE", field: "linkType" });
      return problemPage(res, 404, "No such link for this product", `${message}.`, linkFor(links)!.href);
    }
    if (wants === LINKSET) {
      res.append("Link", `<${LINKSET_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`);
      return res.type(LINKSET).send(JSON.stringify(linkset(codeUri, links)));
    }
    if (wants === "application/json") return res.json(await verifyCode(ctx, codeUri));
    res.redirect(307, linkFor(links)!.href);
  });
  // Any other GET under /01/: a code in the wrong order, with a segment too many, or not a whole item. A
  // middleware rather than a route: its answers are the item route's error answers (the API description
  // lists them there), and its metrics label is the mount, `/01/*`.
  root.use("/01", (req, _res, next) => next(req.method === "GET" || req.method === "HEAD" ? undefined : "router"), limit, resolverHeaders, (req, res) => {
    const problem = notAnItemCode(ctx.publicBaseUrl + labelPath(req.originalUrl));
    if (negotiated(req) !== "text/html") throw problem;
    const title = problem.status === 404 ? "This code names a product, not one item" : "Not a valid product code";
    problemPage(res, problem.status, title, `${problem.message}.`, `${ctx.publicBaseUrl}/verify`);
  });
  root.get("/.well-known/gs1resolver", limit, (_req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.json(resolverDescription(ctx.publicBaseUrl));
  });
  return root;
}

/** What the client asked for by Accept; `*\/*` and none are a browser's. */
function negotiated(req: Request): string {
  return req.accepts(NEGOTIATED) || "text/html";
}

/**
 * The request's path and query as sent, minus the resolver's own `linkType` and a trailing slash (which the
 * standard asks resolvers to tolerate): the label's code URI.
 */
function labelPath(originalUrl: string): string {
  const at = originalUrl.indexOf("?");
  const path = (at === -1 ? originalUrl : originalUrl.slice(0, at)).replace(/(.)\/$/, "$1");
  if (at === -1) return path;
  const kept = originalUrl
    .slice(at + 1)
    .split("&")
    .filter((p) => p !== "" && p.split("=")[0] !== "linkType");
  return path + (kept.length === 0 ? "" : `?${kept.join("&")}`);
}

/** Why a path under /01/ that is not /01/<gtin>/10/<lot>/21/<serial> gets no item: 400 malformed, 404 incomplete. */
function notAnItemCode(codeUri: string): AppError {
  try {
    parseDigitalLink(codeUri);
  } catch (error) {
    if (!(error instanceof VeritraceError)) throw error;
    const field = error.field === undefined ? undefined : (AI_FIELDS[error.field] ?? error.field);
    if (error.code !== Gs1ErrorCode.MISSING_AI) return new AppError(error.message, { status: 400, code: error.code, field, cause: error });
    // Well-formed but short of a serial: first make sure what is there is well-formed (the GTIN's check digit).
    const gtin = /\/01\/([^/?]*)/.exec(codeUri)?.[1] ?? "";
    try {
      normalizeGtin(percentDecodeSegment(gtin, "01"));
    } catch (gtinError) {
      if (gtinError instanceof VeritraceError) return new AppError(gtinError.message, { status: 400, code: gtinError.code, field: "gtin", cause: gtinError });
      throw gtinError;
    }
    return new AppError(
      `This resolver has links for whole item codes only (/01/<gtin>/10/<lot>/21/<serial>), as printed on Veritrace labels: ${error.message}`,
      { status: 404, code: "ITEM_QUALIFIERS_REQUIRED", field, cause: error },
    );
  }
  // Parsed after all (a form the item route does not match): the code's own path is the one to ask.
  return new AppError("This is not the path of an item code: ask /01/<gtin>/10/<lot>/21/<serial>", { status: 404, code: "NO_ROUTE" });
}

function problemPage(res: Response, status: number, title: string, problem: string, verifier: string): void {
  res
    .status(status)
    .setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
    .type("html")
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>${escapeHtml(title)}</title><body style="font:1.1rem system-ui;margin:1rem;max-width:40rem">` +
        `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(problem)}</p>` +
        `<p>A genuine Veritrace label never looks like this. <a href="${escapeHtml(verifier)}">See what the verifier says</a>.</p>` +
        `<p><small>Reference: ${escapeHtml(String(res.locals.requestId ?? ""))}</small></p></body></html>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
