/** A brand's issuing keys: the service makes a new one, or cuts one off on chain. */
import { getAddress, type Address } from "viem";
import type { ServiceContext } from "../../context.ts";
import { conflict, notFound } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountKey, brandView, ensureFunded } from "../organisations/organisations.ts";
import type { BrandView } from "../../../api/brands.ts";

export async function addSigner(ctx: ServiceContext, org: Organisation): Promise<BrandView> {
  await ctx.chain.assertReachable();
  const { address, sealed } = ctx.vault.newKey();
  await ctx.store.addAccount({ address, orgId: org.id, role: "signer", encryptedKey: sealed, createdAt: new Date().toISOString(), removedAt: undefined });
  await ensureFunded(ctx, address);
  const admin = (await accountKey(ctx, org.id, "admin"))!;
  await ctx.chain.execute(admin.key, "addSigner", ctx.chain.registryCall("addSigner", [org.brandId!, address]));
  return brandView(ctx, org);
}

export async function removeSigner(ctx: ServiceContext, org: Organisation, address: Address): Promise<BrandView> {
  const account = await ctx.store.getAccount(getAddress(address));
  if (!account || account.orgId !== org.id || account.role !== "signer") {
    throw notFound(`${address} is not a signer of this brand`, "UNKNOWN_SIGNER");
  }
  if (account.removedAt !== undefined) throw conflict(`${address} was removed already`, "SIGNER_REMOVED", "address");
  const admin = (await accountKey(ctx, org.id, "admin"))!;
  await ctx.chain.execute(admin.key, "removeSigner", ctx.chain.registryCall("removeSigner", [org.brandId!, account.address]));
  await ctx.store.markAccountRemoved(account.address, new Date().toISOString());
  return brandView(ctx, org);
}
