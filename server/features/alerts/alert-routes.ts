/** A brand's alerts to customs: raise, list, read, withdraw (docs/alerts.md). */
import { Router } from "express";
import { alertIdPath, alertsQuery } from "../../../api/alerts.ts";
import type { ServiceContext } from "../../context.ts";
import { requireOrganisation } from "../../http/auth.ts";
import { validate } from "../../http/validate.ts";
import { readAlertInput } from "./alert-input.ts";
import { getAlert, listAlerts, raiseAlert, withdrawAlert } from "./alerts.ts";

export function alertRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const brand = requireOrganisation(ctx.store, "brand");

  router.post("/brand/alerts", brand, async (req, res) => {
    const alert = await raiseAlert(ctx, res.locals.organisation, readAlertInput(req.body));
    res.status(201).location(`/api/v1/brand/alerts/${alert.id}`).json({ alert });
  });

  router.get("/brand/alerts", brand, async (req, res) => {
    res.json(await listAlerts(ctx, res.locals.organisation, validate(alertsQuery, req.query, "query")));
  });

  router.get("/brand/alerts/:id", brand, async (req, res) => {
    const { id } = validate(alertIdPath, req.params, "path");
    res.json({ alert: await getAlert(ctx, res.locals.organisation, id) });
  });

  router.delete("/brand/alerts/:id", brand, async (req, res) => {
    const { id } = validate(alertIdPath, req.params, "path");
    res.json({ alert: await withdrawAlert(ctx, res.locals.organisation, id) });
  });

  return router;
}
