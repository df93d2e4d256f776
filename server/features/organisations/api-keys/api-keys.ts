/**
 * An organisation's API keys: list them (never the secret), rotate one (a new secret shown once; the old
 * one refused at once, or after a grace period the caller chooses so that running clients can switch),
 * revoke one (refused from then on). The registrar can do the same for any organisation, which is how a
 * locked-out organisation gets a key again.
 */
import { hashApiKey, newApiKey } from "../../../http/auth.ts";
import type { ServiceContext } from "../../../context.ts";
import { AppError, conflict, notFound } from "../../../errors.ts";
import type { ApiKeyRecord } from "../store/types.ts";
import type { ApiKeyView, RotatedKey } from "../../../../api/keys.ts";

/** The longest grace a rotation may leave the old key: a week covers a deployment cycle. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

const isRefused = (key: ApiKeyRecord, now: number) => key.revokedAt !== undefined && Date.parse(key.revokedAt) <= now;

export function apiKeyView(key: ApiKeyRecord, now = Date.now()): ApiKeyView {
  return {
    id: key.id,
    label: key.label ?? null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
    revokedAt: key.revokedAt ?? null,
    active: !isRefused(key, now),
  };
}

export async function listApiKeys(ctx: ServiceContext, orgId: string): Promise<ApiKeyView[]> {
  return (await ctx.store.apiKeys.list(orgId)).map((key) => apiKeyView(key));
}

async function existingKey(ctx: ServiceContext, orgId: string, keyId: string): Promise<ApiKeyRecord> {
  const key = await ctx.store.apiKeys.get(orgId, keyId);
  if (!key) throw notFound(`This organisation has no API key ${keyId}`, "API_KEY_NOT_FOUND");
  return key;
}

export async function rotateApiKey(
  ctx: ServiceContext,
  orgId: string,
  keyId: string,
  options: { graceSeconds: number; label?: string | undefined },
): Promise<RotatedKey> {
  const old = await existingKey(ctx, orgId, keyId);
  // A key already on its way out has been replaced once: rotating it again would leave two successors.
  if (old.revokedAt !== undefined) {
    throw conflict(`API key ${keyId} was revoked or rotated already (refused from ${old.revokedAt}); rotate its successor`, "API_KEY_REVOKED", "keyId");
  }
  const now = Date.now();
  const apiKey = newApiKey();
  const newHash = hashApiKey(apiKey);
  const replaced = await ctx.store.apiKeys.replace({
    orgId,
    oldId: keyId,
    newHash,
    label: options.label ?? old.label,
    createdAt: new Date(now).toISOString(),
    oldRevokedAt: new Date(now + options.graceSeconds * 1000).toISOString(),
  });
  // Another request rotated or revoked it between the read above and this write.
  if (!replaced) throw conflict(`API key ${keyId} was revoked or rotated already; rotate its successor`, "API_KEY_REVOKED", "keyId");
  ctx.logger.info({ orgId, keyId, newKeyId: newHash.slice(0, 16), graceSeconds: options.graceSeconds }, "API key rotated");
  const [key, replacedKey] = [await ctx.store.apiKeys.findByHash(newHash), await existingKey(ctx, orgId, keyId)];
  return { apiKey, key: apiKeyView(key!, now), replaced: apiKeyView(replacedKey, now) };
}

export async function revokeApiKey(ctx: ServiceContext, orgId: string, keyId: string): Promise<ApiKeyView> {
  const key = await existingKey(ctx, orgId, keyId);
  const now = Date.now();
  // Revoking twice changes nothing; revoking a key in its grace period ends the grace now.
  if (isRefused(key, now)) return apiKeyView(key, now);
  // The store checks for another active key in the same transaction as the write: two revocations at once
  // must not each see the other key still active and leave the organisation with none.
  const revoked = await ctx.store.apiKeys.revoke(orgId, keyId, new Date(now).toISOString());
  if (!revoked) {
    throw new AppError(`API key ${keyId} is this organisation's last one: rotate it instead, or it could never sign in again`, {
      status: 409,
      code: "LAST_API_KEY",
      field: "keyId",
    });
  }
  ctx.logger.info({ orgId, keyId }, "API key revoked");
  return apiKeyView(await existingKey(ctx, orgId, keyId), now);
}
