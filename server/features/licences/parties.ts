/**
 * Rights holders and platforms, admitted by the registrar. As for customs offices, the service makes and
 * holds each one's key (role `admin`): a rights holder registers works, grants licences and files notices
 * from it; a platform answers notices from it. A platform's on-chain id is `keccak256(utf8(name))`.
 *
 * Order of writes: the organisation and its key first, then the chain (funded, admitted), which
 * `ensureLicencePartyOnChain` brings in line idempotently; the reconciler calls it for every such
 * organisation, so a crash in between is finished on the next round.
 */
import { randomUUID } from "node:crypto";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { platformIdOf } from "../../../core/licence-ids.ts";
import { hashApiKey, newApiKey } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { badRequest, conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountKey, ensureFunded, registrarKey } from "../organisations/organisations.ts";
import { licenceRegistry } from "./registry.ts";
import type { LicencePartyKind, LicencePartyView } from "../../../api/licences.ts";

export async function licencePartyView(ctx: ServiceContext, org: Organisation): Promise<LicencePartyView> {
  const kind = org.kind as LicencePartyKind;
  return {
    id: org.id,
    name: org.name,
    kind,
    address: (await accountKey(ctx, org.id, "admin"))!.address,
    ...(kind === "platform" ? { platformId: platformIdOf(org.name) } : {}),
    createdAt: org.createdAt,
  };
}

export async function createLicenceParty(
  ctx: ServiceContext,
  kind: LicencePartyKind,
  params: { name: string },
): Promise<{ organisation: LicencePartyView; apiKey: string }> {
  const registry = licenceRegistry(ctx);
  if (await ctx.store.findOrganisationByName(params.name)) {
    throw conflict(`An organisation named ${JSON.stringify(params.name)} exists already`, "NAME_TAKEN", "name");
  }
  if (kind === "platform" && (await registry.getPlatform(platformIdOf(params.name))).admittedAt !== 0) {
    throw conflict(`A platform named ${JSON.stringify(params.name)} is already admitted on chain`, "PLATFORM_EXISTS", "name");
  }
  await ctx.chain.assertReachable();
  const createdAt = new Date().toISOString();
  const org: Organisation = { id: randomUUID(), name: params.name, kind, brandId: undefined, parentId: undefined, metadataUri: "", createdAt };
  const { address, sealed } = ctx.vault.newKey();
  const apiKey = newApiKey();
  await ctx.store.createOrganisation(org, [{ address, orgId: org.id, role: "admin", encryptedKey: sealed, createdAt, removedAt: undefined }], hashApiKey(apiKey));
  await ensureLicencePartyOnChain(ctx, org);
  ctx.logger.info({ name: params.name, kind, address }, `${kind} admitted`);
  return { organisation: await licencePartyView(ctx, org), apiKey };
}

/** Brings the chain in line with the store for one rights holder or platform: funded and admitted. Idempotent. */
export async function ensureLicencePartyOnChain(ctx: ServiceContext, org: Organisation): Promise<void> {
  const registry = licenceRegistry(ctx);
  const { address } = (await accountKey(ctx, org.id, "admin"))!;
  await ensureFunded(ctx, address);
  if (org.kind === "rights-holder") {
    if ((await registry.getRightsHolder(address)).admittedAt !== 0) return;
    await registry.send(await registrarKey(ctx), "admitRightsHolder", "admitRightsHolder", [address, org.name]);
  } else if (org.kind === "platform") {
    if ((await registry.getPlatform(platformIdOf(org.name))).admittedAt !== 0) return;
    await registry.send(await registrarKey(ctx), "admitPlatform", "admitPlatform", [org.name, address]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * An account named as an address, or as an organisation id of this service (its admin account). Anything
 * else, or an organisation id this service does not know, is a 400 naming `field`.
 */
export async function resolveAccount(ctx: ServiceContext, value: string, field: string): Promise<Address> {
  if (isAddress(value, { strict: false })) return getAddress(value);
  if (UUID.test(value)) {
    const org = await ctx.store.getOrganisation(value.toLowerCase());
    const account = org && (await accountKey(ctx, org.id, "admin"));
    if (account) return account.address;
    throw badRequest(`${field}: no organisation ${value} here`, "UNKNOWN_ORGANISATION", field);
  }
  throw badRequest(`${field}: ${JSON.stringify(value)} is neither an address (0x and 40 hex digits) nor an organisation id`, "INVALID_FIELD", field);
}

/** The organisation of this service holding `address`, for display (null: none here). */
export async function accountName(ctx: ServiceContext, address: Address): Promise<string | null> {
  const account = await ctx.store.getAccount(address);
  const org = account && (await ctx.store.getOrganisation(account.orgId));
  return org?.name ?? null;
}

/**
 * A platform named by its on-chain id (0x + 64 hex digits), by its organisation id here, or by its name;
 * it must be admitted on chain, else 400 UNKNOWN_PLATFORM naming `field`.
 */
export async function resolvePlatform(ctx: ServiceContext, value: string, field: string): Promise<{ platformId: Hex; name: string; account: Address }> {
  let platformId: Hex;
  if (HEX32.test(value)) platformId = value.toLowerCase() as Hex;
  else if (UUID.test(value)) {
    const org = await ctx.store.getOrganisation(value.toLowerCase());
    if (org?.kind !== "platform") throw badRequest(`${field}: no platform with the organisation id ${value}`, "UNKNOWN_PLATFORM", field);
    platformId = platformIdOf(org.name);
  } else platformId = platformIdOf(value);
  const platform = await licenceRegistry(ctx).getPlatform(platformId);
  if (platform.admittedAt === 0) {
    throw badRequest(`${field}: ${JSON.stringify(value)} is not an admitted platform`, "UNKNOWN_PLATFORM", field);
  }
  return { platformId, name: platform.name, account: platform.account };
}
