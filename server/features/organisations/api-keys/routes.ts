/**
 * API keys over HTTP: every organisation manages its own (`/keys`), the registrar any organisation's
 * (`/organisations/{orgId}/keys`). A rotation answers the new secret once; nothing ever answers an old one.
 */
import { Router } from "express";
import { z } from "zod";
import { requireOrganisation } from "../../../http/auth.ts";
import type { ServiceContext } from "../../../context.ts";
import { notFound } from "../../../errors.ts";
import { validate } from "../../../http/validate.ts";
import { ORGANISATION_KINDS } from "../store/types.ts";
import { listApiKeys, MAX_GRACE_SECONDS, revokeApiKey, rotateApiKey } from "./api-keys.ts";

export const keyPath = z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/, "must be a key id: 16 lower-case hex digits") });
export const orgPath = z.object({ orgId: z.uuid("must be an organisation id (a UUID)") });
export const rotateKeyBody = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_GRACE_SECONDS)
      .default(0)
      .describe("How long the old key stays valid, so running clients can switch (default 0: refused at once; at most a week)"),
    label: z.string().trim().min(1).max(100).optional().describe("A name for the new key (default: the old key's)"),
  })
  .strict();

export function apiKeyRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const anyone = requireOrganisation(ctx.store, ...ORGANISATION_KINDS);
  const registrar = requireOrganisation(ctx.store, "registrar");

  const organisation = async (params: unknown): Promise<string> => {
    const { orgId } = validate(orgPath, params, "path");
    if (!(await ctx.store.getOrganisation(orgId))) throw notFound(`No organisation ${orgId}`, "ORGANISATION_NOT_FOUND");
    return orgId;
  };

  router.get("/keys", anyone, async (_req, res) => {
    res.json({ keys: await listApiKeys(ctx, res.locals.organisation.id) });
  });

  router.post("/keys/:keyId/rotate", anyone, async (req, res) => {
    const { keyId } = validate(keyPath, req.params, "path");
    res.status(201).json(await rotateApiKey(ctx, res.locals.organisation.id, keyId, validate(rotateKeyBody, req.body, "body")));
  });

  router.delete("/keys/:keyId", anyone, async (req, res) => {
    const { keyId } = validate(keyPath, req.params, "path");
    res.json({ key: await revokeApiKey(ctx, res.locals.organisation.id, keyId) });
  });

  router.get("/organisations/:orgId/keys", registrar, async (req, res) => {
    res.json({ keys: await listApiKeys(ctx, await organisation(req.params)) });
  });

  router.post("/organisations/:orgId/keys/:keyId/rotate", registrar, async (req, res) => {
    const orgId = await organisation(req.params);
    const { keyId } = validate(keyPath, req.params, "path");
    res.status(201).json(await rotateApiKey(ctx, orgId, keyId, validate(rotateKeyBody, req.body, "body")));
  });

  router.delete("/organisations/:orgId/keys/:keyId", registrar, async (req, res) => {
    const orgId = await organisation(req.params);
    const { keyId } = validate(keyPath, req.params, "path");
    res.json({ key: await revokeApiKey(ctx, orgId, keyId) });
  });

  return router;
}
