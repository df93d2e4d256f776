/** Retailers a brand authorises, and first sales recorded by the brand or its retailers. */
import { Router } from "express";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { validate } from "../../http/validate.ts";
import { activateItem } from "./activations.ts";
import { createRetailer, listRetailers, removeRetailer } from "./retailers.ts";
import { activationBody, createRetailerBody, retailerIdPath } from "../../../api/retailers.ts";

export function retailerRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const brand = requireOrganisation(ctx.store, "brand");
  const seller = requireOrganisation(ctx.store, "brand", "retailer");

  router.post("/retailers", brand, async (req, res) => {
    const body = validate(createRetailerBody, req.body, "body");
    const created = await createRetailer(ctx, res.locals.organisation, body);
    res.status(201).json(created);
  });

  router.get("/retailers", brand, async (_req, res) => {
    res.json({ retailers: await listRetailers(ctx, res.locals.organisation) });
  });

  router.delete("/retailers/:id", brand, async (req, res) => {
    const { id } = validate(retailerIdPath, req.params, "path");
    res.json(await removeRetailer(ctx, res.locals.organisation, id));
  });

  router.post("/activations", seller, async (req, res) => {
    const body = validate(activationBody, req.body, "body");
    const { country, ...item } = body;
    const query = "code" in item ? { uri: item.code } : item;
    res.status(201).json({ activation: await activateItem(ctx, res.locals.organisation, { ...query, country }) });
  });

  return router;
}
