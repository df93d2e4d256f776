/** Customs risk lanes: the office's list of shipments bound for it, and one shipment's lane with its reasons. */
import { Router } from "express";
import { lanesQuery } from "../../../../api/risk.ts";
import { shipmentIdPath } from "../../../../api/shipments.ts";
import type { ServiceContext } from "../../../context.ts";
import { requireOrganisation } from "../../../http/auth.ts";
import { validate } from "../../../http/validate.ts";
import { riskLanes, shipmentRisk } from "./lanes.ts";

export function riskRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const customs = requireOrganisation(ctx.store, "customs");

  router.get("/customs/lanes", customs, async (req, res) => {
    res.json(await riskLanes(ctx, res.locals.organisation, validate(lanesQuery, req.query, "query")));
  });

  router.get("/shipments/:id/risk", customs, async (req, res) => {
    const { id } = validate(shipmentIdPath, req.params, "path");
    res.json({ risk: await shipmentRisk(ctx, id) });
  });

  return router;
}
