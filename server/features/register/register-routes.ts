/** The register of known infringements, for customs offices, platforms, the registrar and (of their own) brands. */
import { Router } from "express";
import { registerQuery } from "../../../api/register.ts";
import type { ServiceContext } from "../../context.ts";
import { requireOrganisation } from "../../http/auth.ts";
import { validate } from "../../http/validate.ts";
import { searchRegister } from "./register.ts";

export function registerRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const allowed = requireOrganisation(ctx.store, "customs", "platform", "registrar", "brand");
  router.get("/register", allowed, async (req, res) => {
    res.json(await searchRegister(ctx, res.locals.organisation, validate(registerQuery, req.query, "query")));
  });
  return router;
}
