/**
 * Verification for everyone: the server's verdict on a code, scan sessions, and the scan log with its
 * history signal; and, for a brand, the counterfeit sightings of its GTINs.
 */
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { clientNetwork } from "../../http/client-network.ts";
import { validate } from "../../http/validate.ts";
import { counterfeitScans, issueSession, recordScan, scanHistory } from "./scans.ts";
import { verifyCode } from "./verify.ts";
import { codeQuery, scanBody } from "../../../api/verification.ts";

/** `since`: a date (2026-03-01) or date-time; the report counts sightings from then on. */
export const counterfeitScansQuery = z.strictObject({
  since: z.union([z.iso.date(), z.iso.datetime({ offset: true })], "must be a date (YYYY-MM-DD) or an ISO 8601 date-time").optional(),
});

export function verifyRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const api = Router();
  const brand = requireOrganisation(ctx.store, "brand");
  api.get("/verify", limit, async (req, res) => {
    const { code } = validate(codeQuery, req.query, "query");
    res.json(await verifyCode(ctx, code));
  });
  api.post("/sessions", limit, async (req, res) => {
    res.status(201).json(await issueSession(ctx, clientNetwork(req)));
  });
  api.post("/scans", limit, async (req, res) => {
    const scan = validate(scanBody, req.body, "body");
    const answer = await recordScan(ctx, { ...scan, network: clientNetwork(req) });
    res.status(answer.counted || answer.counterfeitSighting !== null ? 201 : 200).json(answer);
  });
  api.get("/scans", limit, async (req, res) => {
    const { code } = validate(codeQuery, req.query, "query");
    res.json({ history: await scanHistory(ctx, code) });
  });
  api.get("/brand/counterfeit-scans", brand, async (req, res) => {
    const { since } = validate(counterfeitScansQuery, req.query, "query");
    const counts = await counterfeitScans(ctx, res.locals.organisation, since === undefined ? undefined : Date.parse(since));
    res.json({ counterfeitScans: counts });
  });
  return api;
}
