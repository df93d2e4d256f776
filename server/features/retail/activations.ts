/**
 * First sale: the brand, or a retailer it authorised, records that an item was sold, where. The chain
 * keeps one activation per item; the service checks what it can first so that a refused sale costs no
 * transaction, and reads the chain again when a transaction lost a race to another seller.
 */
import { zeroAddress, type Address, type Hex } from "viem";
import { checkCountryCode, countryBytes, countryCode } from "../../../core/iso3166.ts";
import { Status } from "../../../core/status.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountKey } from "../organisations/organisations.ts";
import { getProof, type ProofQuery } from "../verification/proofs.ts";
import type { ActivationView } from "../../../api/retailers.ts";

const notSeller = (message: string) => new AppError(message, { status: 403, code: "NOT_SELLER" });

export async function activateItem(
  ctx: ServiceContext,
  org: Organisation,
  params: ProofQuery & { country: string },
): Promise<ActivationView> {
  const country = checkCountryCode(params.country);
  const item = await getProof(ctx, params);
  const brandOrg = (await ctx.store.listOrganisations()).find((o) => o.kind === "brand" && o.brandId === item.brandId);
  const sellerOrgId = org.kind === "brand" ? org.id : org.parentId;
  if (brandOrg === undefined || sellerOrgId !== brandOrg.id) {
    throw notSeller(`${org.name} may not record sales of this item: it belongs to another brand`);
  }
  const seller = await accountKey(ctx, org.id, "admin");
  if (seller === undefined) throw notSeller(`${org.name} was deauthorised by its brand`);

  const sold = await ctx.chain.getActivation(item.itemId);
  if (sold.seller !== zeroAddress) throw await alreadySold(ctx, sold);
  const [batch, itemStatus] = await Promise.all([ctx.chain.getBatch(item.batchId), ctx.chain.getItemStatus(item.itemId)]);
  if (batch.status !== Status.Active || itemStatus !== Status.Active) {
    throw conflict("A recalled, stolen or destroyed item (or an item of such a batch) cannot be sold", "ITEM_NOT_ACTIVE");
  }

  const call = ctx.chain.registryCall("activateItem", [
    item.brandId,
    { gtin: BigInt(item.code.gtin), lot: item.code.lot, serial: item.code.serial, expiry: item.code.expiry ?? 0 },
    item.proof,
    countryBytes(country),
  ]);
  let receipt;
  try {
    receipt = await ctx.chain.execute(seller.key, "activateItem", call);
  } catch (error) {
    // Another seller's sale landed between the check and this transaction.
    const now = await ctx.chain.getActivation(item.itemId);
    if (now.seller !== zeroAddress) throw await alreadySold(ctx, now);
    throw error;
  }
  const recorded = await ctx.chain.getActivation(item.itemId);
  return {
    ...(await view(ctx, item.itemId, item.batchId, item.code.serial, recorded)),
    transactionHash: receipt.hash,
    blockNumber: receipt.blockNumber,
  };
}

type ChainActivation = { seller: Address; activatedAt: number; country: Hex };

async function view(ctx: ServiceContext, itemId: Hex, batchId: Hex, serial: string, a: ChainActivation) {
  const sellerName = await organisationName(ctx, a.seller);
  return {
    itemId,
    batchId,
    serial,
    seller: a.seller,
    sellerName,
    country: countryCode(a.country),
    activatedAt: new Date(a.activatedAt * 1000).toISOString(),
  };
}

/** The name of the organisation of this service holding `address`; undefined when none does. */
async function organisationName(ctx: ServiceContext, address: Address): Promise<string | undefined> {
  const account = await ctx.store.getAccount(address);
  return account && (await ctx.store.getOrganisation(account.orgId))?.name;
}

async function alreadySold(ctx: ServiceContext, a: ChainActivation): Promise<AppError> {
  const by = (await organisationName(ctx, a.seller)) ?? a.seller;
  const when = new Date(a.activatedAt * 1000).toISOString();
  return conflict(`This item was sold already: by ${by} in ${countryCode(a.country)} at ${when}`, "ITEM_ALREADY_ACTIVATED");
}
