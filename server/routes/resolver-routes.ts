/**
 * The GS1 Digital Link resolver on the service's own host: the URI printed in every label. Browsers are
 * sent (307) to the verifier page, JSON clients get the verification, linkset clients the item's links.
 *
 * A malformed code is a 400, as the GS1 resolver standard requires: JSON (with the GS1 error code and
 * field) for API clients, and for a browser a short HTML page saying what is wrong with the label, with a
 * link to the verifier page, which explains the same in the verdict's words.
 */
import { Router, type RequestHandler, type Response } from "express";
import { parseDigitalLink } from "../../core/gs1/index.ts";
import type { ServiceContext } from "../context.ts";
import { validate } from "../http/validate.ts";
import { itemLinks, linkFor, linkHeader, linkset, resolverDescription } from "../resolver/links.ts";
import { verifyCode } from "../use-cases/verify.ts";
import { resolverQuery } from "./schemas.ts";

const LINKSET = "application/linkset+json";
const NEGOTIATED = ["text/html", "application/json", LINKSET];

export function resolverRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const root = Router();
  root.get("/01/:gtin/10/:lot/21/:serial", limit, async (req, res) => {
    const { linkType } = validate(resolverQuery, req.query, "query");
    const codeUri = ctx.publicBaseUrl + withoutLinkType(req.originalUrl);
    const links = itemLinks(ctx.publicBaseUrl, codeUri);
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Expose-Headers", "Link");
    res.setHeader("Vary", "Accept");
    res.setHeader("Link", linkHeader(codeUri, links));
    const wants = linkType === "all" ? LINKSET : req.accepts(NEGOTIATED) || "text/html";
    try {
      parseDigitalLink(codeUri);
    } catch (error) {
      if (wants !== "text/html") throw error;
      return badLabelPage(res, (error as Error).message, links);
    }
    if (linkType !== undefined && linkType !== "all") return res.redirect(307, linkFor(links, linkType).href);
    if (wants === LINKSET) return res.type(LINKSET).send(JSON.stringify(linkset(codeUri, links)));
    if (wants === "application/json") return res.json(await verifyCode(ctx, codeUri));
    res.redirect(307, linkFor(links, undefined).href);
  });
  root.get("/.well-known/gs1resolver", limit, (_req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.json(resolverDescription(ctx.publicBaseUrl));
  });
  return root;
}

/** The request's path and query as sent, minus the resolver's own `linkType`: the label's code URI. */
function withoutLinkType(originalUrl: string): string {
  const at = originalUrl.indexOf("?");
  if (at === -1) return originalUrl;
  const kept = originalUrl
    .slice(at + 1)
    .split("&")
    .filter((p) => p !== "" && p.split("=")[0] !== "linkType");
  return originalUrl.slice(0, at) + (kept.length === 0 ? "" : `?${kept.join("&")}`);
}

function badLabelPage(res: Response, problem: string, links: ReturnType<typeof itemLinks>): void {
  const page = linkFor(links, undefined).href;
  res
    .status(400)
    .setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
    .type("html")
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>Not a valid product code</title><body style="font:1.1rem system-ui;margin:1rem;max-width:40rem">` +
        `<h1>Not a valid product code</h1><p>${escapeHtml(problem)}.</p>` +
        `<p>A genuine label never looks like this. <a href="${escapeHtml(page)}">See what the verifier says</a>.</p></body></html>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
