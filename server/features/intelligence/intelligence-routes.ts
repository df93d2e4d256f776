/** The brand intelligence page's data: a brand's own key, JSON or one view as CSV. */
import { Router } from "express";
import { intelligenceQuery } from "../../../api/intelligence.ts";
import type { ServiceContext } from "../../context.ts";
import { requireOrganisation } from "../../http/auth.ts";
import { validate } from "../../http/validate.ts";
import { brandIntelligence } from "./intelligence.ts";
import { intelligenceCsv } from "./intelligence-csv.ts";

export function intelligenceRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get("/brand/intelligence", requireOrganisation(ctx.store, "brand"), async (req, res) => {
    const query = validate(intelligenceQuery, req.query, "query");
    const view = await brandIntelligence(ctx, res.locals.organisation, query);
    if (query.format !== "csv") return void res.json(view);
    res.attachment(`intelligence-${query.view}-${view.query.from}-${view.query.to}.csv`);
    res.type("text/csv; charset=utf-8; header=present").send(intelligenceCsv(view, query.view!));
  });
  return router;
}
