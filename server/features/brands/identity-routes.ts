/**
 * The registrar's record of brand identity: GS1 company prefixes (assign, withdraw, transfer; who holds one
 * is public) and the hosts a brand's labels may point to. Every change is a registry transaction.
 */
import { Router, type RequestHandler } from "express";
import type { Hex } from "viem";
import { z } from "zod";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { validate } from "../../http/validate.ts";
import { hostField, labelDomainBody, prefixBody, prefixParam, transferPrefixBody } from "../../../api/brands.ts";
import { addLabelDomain, assignPrefix, prefixView, removeLabelDomain, transferPrefix, withdrawPrefix } from "./identity.ts";

const brandPath = z.object({ brandId: transferPrefixBody.shape.brandId });
const prefixPath = z.object({ prefix: prefixParam });
const hostPath = brandPath.extend({ host: hostField });

export function brandIdentityRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const router = Router();
  const registrar = requireOrganisation(ctx.store, "registrar");

  router.post("/brands/:brandId/prefixes", registrar, async (req, res) => {
    const { brandId } = validate(brandPath, req.params, "path");
    const { prefix } = validate(prefixBody, req.body, "body");
    res.status(201).json(await assignPrefix(ctx, brandId as Hex, prefix));
  });

  router.get("/prefixes/:prefix", limit, async (req, res) => {
    res.json(await prefixView(ctx, validate(prefixPath, req.params, "path").prefix));
  });

  router.delete("/prefixes/:prefix", registrar, async (req, res) => {
    res.json(await withdrawPrefix(ctx, validate(prefixPath, req.params, "path").prefix));
  });

  router.post("/prefixes/:prefix/transfer", registrar, async (req, res) => {
    const { prefix } = validate(prefixPath, req.params, "path");
    const { brandId } = validate(transferPrefixBody, req.body, "body");
    res.json(await transferPrefix(ctx, prefix, brandId as Hex));
  });

  router.post("/brands/:brandId/label-domains", registrar, async (req, res) => {
    const { brandId } = validate(brandPath, req.params, "path");
    const { host } = validate(labelDomainBody, req.body, "body");
    res.status(201).json(await addLabelDomain(ctx, brandId as Hex, host));
  });

  router.delete("/brands/:brandId/label-domains/:host", registrar, async (req, res) => {
    const { brandId, host } = validate(hostPath, req.params, "path");
    res.json(await removeLabelDomain(ctx, brandId as Hex, host));
  });

  return router;
}
