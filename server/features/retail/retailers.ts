/**
 * Retailers a brand authorises on chain to record first sales of its items. The service makes and holds
 * the retailer's one key (role `admin`), funds it, and has the brand admin authorise it; the retailer gets
 * its own API key, good for recording sales and nothing else.
 */
import { randomUUID } from "node:crypto";
import { hashApiKey, newApiKey } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict, notFound } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountKey, ensureFunded } from "../organisations/organisations.ts";
import type { RetailerView } from "../../../api/retailers.ts";

async function retailerView(ctx: ServiceContext, retailer: Organisation, brand: Organisation): Promise<RetailerView> {
  const account = (await ctx.store.listAccounts(retailer.id))[0]!;
  return {
    id: retailer.id,
    name: retailer.name,
    address: account.address,
    brandId: brand.brandId!,
    authorised: account.removedAt === undefined,
    createdAt: retailer.createdAt,
    removedAt: account.removedAt,
  };
}

export async function createRetailer(
  ctx: ServiceContext,
  brand: Organisation,
  params: { name: string },
): Promise<{ retailer: RetailerView; apiKey: string }> {
  if (await ctx.store.findOrganisationByName(params.name)) {
    throw conflict(`An organisation named ${JSON.stringify(params.name)} exists already`, "NAME_TAKEN", "name");
  }
  await ctx.chain.assertReachable();
  const createdAt = new Date().toISOString();
  const retailer: Organisation = { id: randomUUID(), name: params.name, kind: "retailer", brandId: undefined, parentId: brand.id, metadataUri: "", createdAt };
  const { address, sealed } = ctx.vault.newKey();
  const apiKey = newApiKey();
  // Stored first: the reconciler finishes an authorisation a crash interrupted.
  await ctx.store.createOrganisation(retailer, [{ address, orgId: retailer.id, role: "admin", encryptedKey: sealed, createdAt, removedAt: undefined }], hashApiKey(apiKey));
  await ensureRetailerOnChain(ctx, retailer);
  ctx.logger.info({ retailer: retailer.name, brand: brand.name, address }, "retailer authorised");
  return { retailer: await retailerView(ctx, retailer, brand), apiKey };
}

export async function listRetailers(ctx: ServiceContext, brand: Organisation): Promise<RetailerView[]> {
  const retailers = (await ctx.store.listOrganisations()).filter((o) => o.kind === "retailer" && o.parentId === brand.id);
  return Promise.all(retailers.map((o) => retailerView(ctx, o, brand)));
}

export async function removeRetailer(ctx: ServiceContext, brand: Organisation, retailerId: string): Promise<RetailerView> {
  const retailer = await ctx.store.getOrganisation(retailerId);
  if (!retailer || retailer.kind !== "retailer" || retailer.parentId !== brand.id) {
    throw notFound(`No retailer ${retailerId} of this brand`, "UNKNOWN_RETAILER");
  }
  const account = (await ctx.store.listAccounts(retailer.id))[0]!;
  if (account.removedAt !== undefined) throw conflict(`Retailer ${retailer.name} was deauthorised already`, "RETAILER_REMOVED");
  await ctx.chain.assertReachable();
  await ctx.store.markAccountRemoved(account.address, new Date().toISOString());
  await ensureRetailerOnChain(ctx, retailer);
  return retailerView(ctx, retailer, brand);
}

/** Brings the chain in line with the store for one retailer: funded and authorised, or deauthorised. Idempotent. */
export async function ensureRetailerOnChain(ctx: ServiceContext, retailer: Organisation): Promise<void> {
  const brand = (await ctx.store.getOrganisation(retailer.parentId!))!;
  const account = (await ctx.store.listAccounts(retailer.id))[0]!;
  const authorised = await ctx.chain.isRetailer(brand.brandId!, account.address);
  const wanted = account.removedAt === undefined;
  if (authorised === wanted) return;
  const admin = (await accountKey(ctx, brand.id, "admin"))!;
  if (wanted) {
    await ensureFunded(ctx, account.address);
    await ctx.chain.execute(admin.key, "authoriseRetailer", ctx.chain.registryCall("authoriseRetailer", [brand.brandId!, account.address]));
  } else {
    await ctx.chain.execute(admin.key, "deauthoriseRetailer", ctx.chain.registryCall("deauthoriseRetailer", [brand.brandId!, account.address]));
  }
}
