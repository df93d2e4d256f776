/**
 * The verifier pages' trust roots as the service is configured to give them (TRUST_ROOTS_FILE, or its own
 * deployment as the development root), served as a file of the page beside its script: whoever hosts the
 * page chooses its roots, as a static host does by building it. The API never announces roots.
 */
import { Router } from "express";
import type { TrustRootsDocument } from "../../core/trust-roots.ts";
import type { ServiceContext } from "../context.ts";

export const TRUST_ROOTS_PATH = "/verify/trust-roots.json";

export function trustRootsFile(ctx: ServiceContext): Router {
  const document: TrustRootsDocument = { version: 1, roots: ctx.pageTrustRoots };
  const router = Router();
  router.get(TRUST_ROOTS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.json(document);
  });
  return router;
}
