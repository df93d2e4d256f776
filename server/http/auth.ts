/**
 * API keys: `vt_` + 32 random bytes in base64url, shown once; only their SHA-256 is stored. A key is
 * looked up by its hash, so no comparison of secrets happens in our code.
 */
import { createHash, randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { AppError, forbidden, unauthorized } from "../errors.ts";
import type { Organisation, OrganisationKind } from "../features/organisations/store/types.ts";
import type { Store } from "../store/store.ts";

export const newApiKey = (): string => `vt_${randomBytes(32).toString("base64url")}`;

export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/**
 * How fresh a key's "last used" time is kept: a write at most once a minute per key, not one per request,
 * which is all an operator deciding whether a key is still in use needs.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

declare module "express-serve-static-core" {
  interface Locals {
    organisation: Organisation;
    /** The id of the API key the request came with. */
    apiKeyId: string;
  }
}

function presentedKey(header: string | undefined, alternative: string | undefined): string | undefined {
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  return alternative?.trim() || undefined;
}

/** Requires a valid API key, of an organisation of one of `kinds`; puts the organisation in `res.locals`. */
export function requireOrganisation(store: Store, ...kinds: OrganisationKind[]): RequestHandler {
  return async (req, res, next) => {
    const key = presentedKey(req.get("authorization"), req.get("x-api-key"));
    if (!key) throw unauthorized("An API key is required: send it as `Authorization: Bearer <key>`");
    const hash = hashApiKey(key);
    const record = await store.apiKeys.findByHash(hash);
    const organisation = record && (await store.getOrganisation(record.orgId));
    if (!record || !organisation) throw unauthorized("The API key is not valid");
    const now = Date.now();
    if (record.revokedAt !== undefined && Date.parse(record.revokedAt) <= now) {
      throw new AppError(`The API key ${record.id} was revoked at ${record.revokedAt}; use its replacement`, { status: 401, code: "API_KEY_REVOKED" });
    }
    if (record.lastUsedAt === undefined || now - Date.parse(record.lastUsedAt) >= LAST_USED_RESOLUTION_MS) {
      await store.apiKeys.touch(hash, new Date(now).toISOString());
    }
    if (!kinds.includes(organisation.kind)) {
      throw forbidden(`This needs the key of a ${kinds.join(" or ")} organisation; yours is a ${organisation.kind}`);
    }
    res.locals.organisation = organisation;
    res.locals.apiKeyId = record.id;
    next();
  };
}
