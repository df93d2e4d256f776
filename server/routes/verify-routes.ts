/** Verification for everyone: the server's verdict on a code, and the scan log with its history signal. */
import { Router, type RequestHandler } from "express";
import type { ServiceContext } from "../context.ts";
import { validate } from "../http/validate.ts";
import { recordScan, scanHistory } from "../use-cases/scans.ts";
import { verifyCode } from "../use-cases/verify.ts";
import { codeQuery, scanBody } from "./schemas.ts";

export function verifyRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const api = Router();
  api.get("/verify", limit, async (req, res) => {
    const { code } = validate(codeQuery, req.query, "query");
    res.json(await verifyCode(ctx, code));
  });
  api.post("/scans", limit, (req, res) => {
    const scan = validate(scanBody, req.body, "body");
    res.status(201).json({ history: recordScan(ctx, scan) });
  });
  api.get("/scans", limit, (req, res) => {
    const { code } = validate(codeQuery, req.query, "query");
    res.json({ history: scanHistory(ctx, code) });
  });
  return api;
}
