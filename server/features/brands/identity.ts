/**
 * A brand's identity beyond its admission, recorded by the registrar on chain: its GS1 company prefixes
 * (which GTINs are its own) and the hosts its labels may point to. The chain is the record the verifier
 * reads; the store keeps what the registrar asked for, so that a reset local chain gets it back
 * (`ensureBrandOnChain` in features/organisations/organisations.ts).
 */
import type { Hex } from "viem";
import type { ServiceContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { registrarKey } from "../organisations/organisations.ts";
import { readRegistry } from "./prefix-check.ts";
import { sendIdentityCall } from "./registry-calls.ts";
import type { LabelDomainChange, PrefixChange, PrefixTransfer, PrefixView } from "../../../api/brands.ts";

const isZero = (id: Hex) => BigInt(id) === 0n;

/** The brand organisation behind a brand id, when this service admitted it. */
export async function brandOrganisation(ctx: ServiceContext, brandId: string): Promise<Organisation> {
  const org = (await ctx.store.listOrganisations()).find((o) => o.kind === "brand" && o.brandId?.toLowerCase() === brandId.toLowerCase());
  if (org === undefined) throw notFound(`brandId: no brand ${brandId} was admitted through this service`, "UNKNOWN_BRAND");
  return org;
}

export async function assignPrefix(ctx: ServiceContext, brandId: Hex, prefix: string): Promise<PrefixChange> {
  const org = await brandOrganisation(ctx, brandId);
  const receipt = await sendIdentityCall(ctx, await registrarKey(ctx), "assignPrefix", [org.brandId, prefix]);
  await ctx.store.brands.setPrefixHolder(prefix, org.id, new Date().toISOString());
  ctx.logger.info({ brandId: org.brandId, prefix }, "prefix assigned");
  return { prefix, brandId: org.brandId!, transactionHash: receipt.hash };
}

export async function withdrawPrefix(ctx: ServiceContext, prefix: string): Promise<PrefixChange> {
  const holder = await readRegistry<Hex>(ctx, "prefixOwner", [prefix]);
  const receipt = await sendIdentityCall(ctx, await registrarKey(ctx), "withdrawPrefix", [prefix]);
  await ctx.store.brands.removePrefix(prefix);
  ctx.logger.info({ brandId: holder, prefix }, "prefix withdrawn");
  return { prefix, brandId: holder, transactionHash: receipt.hash };
}

export async function transferPrefix(ctx: ServiceContext, prefix: string, toBrandId: Hex): Promise<PrefixTransfer> {
  const to = await brandOrganisation(ctx, toBrandId);
  const holder = await readRegistry<Hex>(ctx, "prefixOwner", [prefix]);
  const receipt = await sendIdentityCall(ctx, await registrarKey(ctx), "transferPrefix", [prefix, to.brandId]);
  await ctx.store.brands.setPrefixHolder(prefix, to.id, new Date().toISOString());
  ctx.logger.info({ from: holder, to: to.brandId, prefix }, "prefix transferred");
  return { prefix, fromBrandId: holder, brandId: to.brandId!, transactionHash: receipt.hash };
}

/** Who holds a prefix, as the chain says (public). */
export async function prefixView(ctx: ServiceContext, prefix: string): Promise<PrefixView> {
  const holder = await readRegistry<Hex>(ctx, "prefixOwner", [prefix]);
  if (isZero(holder)) return { prefix, brandId: null, name: null };
  const brand = await readRegistry<{ name: string }>(ctx, "getBrand", [holder]);
  return { prefix, brandId: holder, name: brand.name };
}

export async function addLabelDomain(ctx: ServiceContext, brandId: Hex, host: string): Promise<LabelDomainChange> {
  const org = await brandOrganisation(ctx, brandId);
  const receipt = await sendIdentityCall(ctx, await registrarKey(ctx), "addLabelDomain", [org.brandId, host]);
  await ctx.store.brands.addLabelDomain(org.id, host, new Date().toISOString());
  return { brandId: org.brandId!, host, transactionHash: receipt.hash };
}

export async function removeLabelDomain(ctx: ServiceContext, brandId: Hex, host: string): Promise<LabelDomainChange> {
  const org = await brandOrganisation(ctx, brandId);
  const receipt = await sendIdentityCall(ctx, await registrarKey(ctx), "removeLabelDomain", [org.brandId, host]);
  await ctx.store.brands.removeLabelDomain(org.id, host);
  return { brandId: org.brandId!, host, transactionHash: receipt.hash };
}
