/** Brands (admitted by the registrar), the caller's own brand, and its signers. */
import { Router } from "express";
import type { Address } from "viem";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { badRequest } from "../../errors.ts";
import { validate } from "../../http/validate.ts";
import { brandView, createBrand } from "../organisations/organisations.ts";
import { addSigner, removeSigner } from "./signers.ts";
import { createBrandBody } from "../../../api/brands.ts";

export function organisationRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const registrar = requireOrganisation(ctx.store, "registrar");
  const brand = requireOrganisation(ctx.store, "brand");

  router.post("/brands", registrar, async (req, res) => {
    const body = validate(createBrandBody, req.body, "body");
    const { brand: created, apiKey } = await createBrand(ctx, body);
    res.status(201).location(`/api/v1/brand`).json({ brand: created, apiKey });
  });

  router.get("/brand", brand, async (_req, res) => {
    res.json(await brandView(ctx, res.locals.organisation));
  });

  router.post("/signers", brand, async (_req, res) => {
    res.status(201).json(await addSigner(ctx, res.locals.organisation));
  });

  router.delete("/signers/:address", brand, async (req, res) => {
    const address = String(req.params.address);
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw badRequest("address must be 0x and 40 hex digits", "INVALID_FIELD", "address");
    res.json(await removeSigner(ctx, res.locals.organisation, address as Address));
  });

  return router;
}
