/**
 * API keys: `vt_` + 32 random bytes in base64url, shown once; only their SHA-256 is stored. A key is
 * looked up by its hash, so no comparison of secrets happens in our code.
 */
import { createHash, randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { forbidden, unauthorized } from "./errors.ts";
import type { Organisation, OrganisationKind, Store } from "./store/store.ts";

export const newApiKey = (): string => `vt_${randomBytes(32).toString("base64url")}`;

export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

declare module "express-serve-static-core" {
  interface Locals {
    organisation: Organisation;
  }
}

function presentedKey(header: string | undefined, alternative: string | undefined): string | undefined {
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  return alternative?.trim() || undefined;
}

/** Requires a valid API key, of an organisation of one of `kinds`; puts the organisation in `res.locals`. */
export function requireOrganisation(store: Store, ...kinds: OrganisationKind[]): RequestHandler {
  return (req, res, next) => {
    const key = presentedKey(req.get("authorization"), req.get("x-api-key"));
    if (!key) throw unauthorized("An API key is required: send it as `Authorization: Bearer <key>`");
    const organisation = store.findOrganisationByApiKeyHash(hashApiKey(key));
    if (!organisation) throw unauthorized("The API key is not valid");
    if (!kinds.includes(organisation.kind)) {
      throw forbidden(`This needs the key of a ${kinds.join(" or ")} organisation; yours is a ${organisation.kind}`);
    }
    res.locals.organisation = organisation;
    next();
  };
}
