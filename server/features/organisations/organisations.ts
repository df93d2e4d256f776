/**
 * Organisations: the consortium registrar (one, made at first start) and the brands it admits. For each
 * brand the service makes and holds two keys: the brand admin (signers, statuses) and a first issuing
 * signer. The chain is brought in line by `ensureBrandOnChain`, which is idempotent: the same call finishes
 * an admission interrupted by a crash and re-creates a brand on a reset local chain.
 */
import { randomUUID } from "node:crypto";
import type { Address, Hex } from "viem";
import { brandIdOf } from "../../../core/ids.ts";
import { checkCountryCode, countryBytes } from "../../../core/iso3166.ts";
import { productRegistryAbi } from "../../../core/abi/index.ts";
import { checkPrefixesFree } from "../brands/prefix-check.ts";
import { sendIdentityCall } from "../brands/registry-calls.ts";
import { hashApiKey, newApiKey } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict } from "../../errors.ts";
import type { Account, Organisation } from "./store/types.ts";
import type { BrandView } from "../../../api/brands.ts";

export async function brandView(ctx: ServiceContext, org: Organisation): Promise<BrandView> {
  const [accounts, country, prefixes, labelDomains] = await Promise.all([
    ctx.store.listAccounts(org.id),
    ctx.store.brands.brandCountry(org.id),
    ctx.store.brands.listPrefixes(org.id),
    ctx.store.brands.listLabelDomains(org.id),
  ]);
  return {
    id: org.id,
    name: org.name,
    brandId: org.brandId!,
    country: country ?? null,
    prefixes,
    labelDomains,
    metadataUri: org.metadataUri,
    admin: accounts.find((a) => a.role === "admin")!.address,
    signers: accounts
      .filter((a) => a.role === "signer")
      .map((a) => ({ address: a.address, active: a.removedAt === undefined, createdAt: a.createdAt, removedAt: a.removedAt })),
    createdAt: org.createdAt,
  };
}

/** The key of an organisation's account in a role (the newest active one). */
/** The name of the organisation of this service that holds `address` (a brand's admin, a retailer); undefined when none does. */
export async function accountHolderName(ctx: ServiceContext, address: Address): Promise<string | undefined> {
  const account = await ctx.store.getAccount(address);
  return account && (await ctx.store.getOrganisation(account.orgId))?.name;
}

export async function accountKey(ctx: ServiceContext, orgId: string, role: Account["role"]): Promise<{ address: Address; key: Hex } | undefined> {
  const account = (await ctx.store.listAccounts(orgId))
    .filter((a) => a.role === role && a.removedAt === undefined)
    .at(-1);
  return account && { address: account.address, key: ctx.vault.open(account.address, account.encryptedKey) };
}

export async function registrarKey(ctx: ServiceContext): Promise<Hex> {
  const registrar = (await ctx.store.listOrganisations()).find((o) => o.kind === "registrar");
  const key = registrar && (await accountKey(ctx, registrar.id, "registrar"));
  if (!key) throw new Error("The service holds no registrar key");
  return key.key;
}

/**
 * Makes the registrar organisation on first start, holding `key` (the registrar's chain key).
 * Returns its API key only when it was just made: it is never shown again.
 */
export async function ensureRegistrar(ctx: ServiceContext, key: Hex, address: Address): Promise<{ organisation: Organisation; apiKey?: string }> {
  const existing = (await ctx.store.listOrganisations()).find((o) => o.kind === "registrar");
  if (existing) return { organisation: existing };
  const createdAt = new Date().toISOString();
  const organisation: Organisation = { id: randomUUID(), name: "Consortium registrar", kind: "registrar", brandId: undefined, parentId: undefined, metadataUri: "", createdAt };
  const apiKey = newApiKey();
  const account: Account = { address, orgId: organisation.id, role: "registrar", encryptedKey: ctx.vault.seal(address, key), createdAt, removedAt: undefined };
  await ctx.store.createOrganisation(organisation, [account], hashApiKey(apiKey));
  return { organisation, apiKey };
}

export type CreateBrandParameters = {
  name: string;
  metadataUri: string;
  /** ISO 3166-1 alpha-2, recorded on chain with the name. */
  country?: string | undefined;
  /** GS1 company prefixes to assign at admission. */
  prefixes?: readonly string[] | undefined;
  /** Hosts the brand's labels may point to; by default the host this service prints in label links. */
  labelDomains?: readonly string[] | undefined;
};

export async function createBrand(ctx: ServiceContext, params: CreateBrandParameters): Promise<{ brand: BrandView; apiKey: string }> {
  const brandId = brandIdOf(params.name);
  if (await ctx.store.findOrganisationByName(params.name)) {
    throw conflict(`A brand named ${JSON.stringify(params.name)} exists already`, "BRAND_EXISTS", "name");
  }
  if (params.country !== undefined) checkCountryCode(params.country);
  const onChain = await ctx.chain.getBrand(brandId);
  if (onChain.admittedAt !== 0n) {
    throw conflict(`The brand id of ${JSON.stringify(params.name)} is already admitted on chain`, "BRAND_EXISTS", "name");
  }
  const prefixes = params.prefixes ?? [];
  // Checked before anything is stored: a brand is never left half-made by a prefix another brand holds.
  await checkPrefixesFree(ctx, prefixes);
  const labelDomains = params.labelDomains ?? [new URL(ctx.publicBaseUrl).host];
  const createdAt = new Date().toISOString();
  const organisation: Organisation = { id: randomUUID(), name: params.name, kind: "brand", brandId, parentId: undefined, metadataUri: params.metadataUri, createdAt };
  const accounts: Account[] = (["admin", "signer"] as const).map((role) => {
    const { address, sealed } = ctx.vault.newKey();
    return { address, orgId: organisation.id, role, encryptedKey: sealed, createdAt, removedAt: undefined };
  });
  const apiKey = newApiKey();
  // Stored first: a crash before the chain steps leaves a brand that the next start finishes.
  await ctx.store.createOrganisation(organisation, accounts, hashApiKey(apiKey));
  await ctx.store.brands.setBrandCountry(organisation.id, params.country);
  for (const prefix of prefixes) await ctx.store.brands.setPrefixHolder(prefix, organisation.id, createdAt);
  for (const host of labelDomains) await ctx.store.brands.addLabelDomain(organisation.id, host, createdAt);
  await ensureBrandOnChain(ctx, organisation);
  ctx.logger.info({ brand: organisation.name, brandId }, "brand admitted");
  return { brand: await brandView(ctx, organisation), apiKey };
}

/** Tops up an account the service pays gas from, when the registrar funds accounts. */
export async function ensureFunded(ctx: ServiceContext, address: Address): Promise<void> {
  const amount = ctx.config.fundAccountWei;
  if (amount === 0n || (await ctx.chain.balance(address)) >= amount / 2n) return;
  await ctx.chain.execute(await registrarKey(ctx), "fund", { to: address, value: amount });
}

/** Brings the chain in line with the store for one brand: admitted, funded, its signers added or removed. */
export async function ensureBrandOnChain(ctx: ServiceContext, org: Organisation): Promise<void> {
  const brandId = org.brandId!;
  const accounts = await ctx.store.listAccounts(org.id);
  const admin = accounts.find((a) => a.role === "admin")!;
  for (const account of accounts) {
    if (account.removedAt === undefined) await ensureFunded(ctx, account.address);
  }
  const brand = await ctx.chain.getBrand(brandId);
  if (brand.admittedAt === 0n) {
    const country = await ctx.store.brands.brandCountry(org.id);
    const args = [org.name, country === undefined ? "0x0000" : countryBytes(country), admin.address, org.metadataUri];
    await sendIdentityCall(ctx, await registrarKey(ctx), "admitBrand", args);
  }
  await ensureIdentityOnChain(ctx, org);
  const adminKey = ctx.vault.open(admin.address, admin.encryptedKey);
  for (const signer of accounts.filter((a) => a.role === "signer")) {
    const record = await ctx.chain.getSigner(signer.address);
    if (record.brandId === "0x0000000000000000000000000000000000000000000000000000000000000000") {
      await ctx.chain.execute(adminKey, "addSigner", ctx.chain.registryCall("addSigner", [brandId, signer.address]));
      if (signer.removedAt === undefined) continue;
    }
    if (signer.removedAt !== undefined && (await ctx.chain.getSigner(signer.address)).removedAt === 0n) {
      await ctx.chain.execute(adminKey, "removeSigner", ctx.chain.registryCall("removeSigner", [brandId, signer.address]));
    }
  }
}

/** Assigns the brand's prefixes and label hosts the chain lacks (after a crash mid-admission, or on a reset chain). */
async function ensureIdentityOnChain(ctx: ServiceContext, org: Organisation): Promise<void> {
  const registry = { address: ctx.deployment.productRegistry.address, abi: productRegistryAbi } as const;
  for (const prefix of await ctx.store.brands.listPrefixes(org.id)) {
    const holder = await ctx.chain.client.readContract({ ...registry, functionName: "prefixOwner", args: [prefix] });
    if (BigInt(holder) === 0n) await sendIdentityCall(ctx, await registrarKey(ctx), "assignPrefix", [org.brandId, prefix]);
  }
  for (const host of await ctx.store.brands.listLabelDomains(org.id)) {
    const known = await ctx.chain.client.readContract({ ...registry, functionName: "isLabelDomain", args: [org.brandId!, host] });
    if (!known) await sendIdentityCall(ctx, await registrarKey(ctx), "addLabelDomain", [org.brandId, host]);
  }
}
