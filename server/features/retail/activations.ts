/**
 * First sale: the brand, or a retailer it authorised, records that an item was sold, where. The chain
 * keeps one activation per item, and any holder of the item's Merkle proof could record it; so the service
 * records a sale only for a code the verify endpoint calls GENUINE (the same answer, `codeVerdict`), lest a
 * forged or revoked label use up the genuine item's one first sale. It checks what it can first so that a
 * refused sale costs no transaction, and reads the chain again when a transaction lost a race to another
 * seller.
 */
import type { Address, Hex } from "viem";
import { checkCountryCode, countryBytes, countryCode } from "../../../core/iso3166.ts";
import { parseDigitalLink } from "../../../core/gs1/index.ts";
import { ReasonCode } from "../../../core/verdict.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { chainUnreachable } from "../../chain/faults.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountHolderName, accountKey } from "../organisations/organisations.ts";
import { getProof, type ProofQuery } from "../verification/proofs.ts";
import { codeVerdict } from "../verification/verify.ts";
import type { ActivationView, ItemAlreadySoldDetails, ItemNotSellableDetails } from "../../../api/retailers.ts";
import type { VerifyView } from "../../../api/verification.ts";

const notSeller = (message: string) => new AppError(message, { status: 403, code: "NOT_SELLER" });

/** Reasons that say the brand withdrew a genuine item (recalled, stolen, destroyed), not that its label is false. */
const WITHDRAWN = new Set<string>([
  ReasonCode.ITEM_RECALLED,
  ReasonCode.ITEM_STOLEN,
  ReasonCode.ITEM_DESTROYED,
  ReasonCode.BATCH_RECALLED,
  ReasonCode.BATCH_STOLEN,
  ReasonCode.BATCH_DESTROYED,
]);

export async function activateItem(
  ctx: ServiceContext,
  org: Organisation,
  params: ProofQuery & { country: string },
): Promise<ActivationView> {
  const country = checkCountryCode(params.country);
  // Text that is no item code at all is bad input (400, naming the GS1 rule it breaks), not a verdict.
  if ("uri" in params) parseDigitalLink(params.uri);
  // A label is judged before its item is looked up: an unsigned or forged label names no item of ours, and
  // the seller should hear what the verifier says of it rather than "no such item".
  const presented = "uri" in params ? await sellableVerdict(ctx, params.uri) : undefined;
  const item = await getProof(ctx, params);
  const brandOrg = (await ctx.store.listOrganisations()).find((o) => o.kind === "brand" && o.brandId === item.brandId);
  const sellerOrgId = org.kind === "brand" ? org.id : org.parentId;
  if (brandOrg === undefined || sellerOrgId !== brandOrg.id) {
    throw notSeller(`${org.name} may not record sales of this item: it belongs to another brand`);
  }
  const seller = await accountKey(ctx, org.id, "admin");
  if (seller === undefined) throw notSeller(`${org.name} was deauthorised by its brand`);

  // Asked by GTIN, lot and serial: the label this service issued for the item.
  const verdict = presented ?? (await sellableVerdict(ctx, item.uri));
  if (verdict.firstSale !== null) {
    const { seller, soldAt, country } = verdict.firstSale;
    throw await alreadySold(ctx, { seller, activatedAt: Date.parse(soldAt) / 1000, country });
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
    const now = await chainSale(ctx, item.itemId);
    if (now !== undefined) throw await alreadySold(ctx, now);
    throw error;
  }
  const { sellerName, ...sale } = await saleFacts(ctx, (await chainSale(ctx, item.itemId))!);
  return {
    itemId: item.itemId,
    batchId: item.batchId,
    serial: item.code.serial,
    ...sale,
    sellerName: sellerName ?? undefined,
    transactionHash: receipt.hash,
    blockNumber: receipt.blockNumber,
  };
}

/** The verify endpoint's answer for the label, when it is GENUINE; otherwise the error that refuses the sale. */
async function sellableVerdict(ctx: ServiceContext, uri: string): Promise<VerifyView> {
  const verdict = await codeVerdict(ctx, uri);
  if (verdict.verdict !== "GENUINE") throw notSellable(verdict);
  return verdict;
}

/**
 * Why a code that is not GENUINE cannot be sold, with the verdict's facts. A genuine item its brand
 * withdrew is ITEM_NOT_ACTIVE (409, as before verdicts were asked); a label that is not the brand's (forged,
 * unsigned, signed by a revoked key, copied onto another host, cloned) is ITEM_NOT_GENUINE (422); a chain
 * that does not answer is its usual 503, not a fault of the code.
 */
function notSellable(view: VerifyView): AppError {
  const reasons = view.reasons.map(({ code, message, detail }) => ({ code, message, ...(detail === undefined ? {} : { detail }) }));
  const details: ItemNotSellableDetails = { verdict: view.verdict, reasons };
  const why = reasons[0]?.message ?? "no reason given";
  if (view.verdict === "UNVERIFIED" && reasons.some((r) => r.code === ReasonCode.CHAIN_UNREACHABLE)) {
    return chainUnreachable("The chain cannot be reached right now, so the label cannot be checked before the sale; try again shortly");
  }
  if (view.verdict === "REVOKED" && reasons.every((r) => WITHDRAWN.has(r.code))) {
    return new AppError(`A recalled, stolen or destroyed item (or an item of such a batch) cannot be sold: ${why}`, { status: 409, code: "ITEM_NOT_ACTIVE", details });
  }
  return new AppError(`Only a label the verifier calls GENUINE can be sold; this one is ${view.verdict}: ${why}`, { status: 422, code: "ITEM_NOT_GENUINE", details });
}

type Sale = { seller: Address; activatedAt: number; country: string };

/** The item's first sale on chain (country as its ISO code); undefined when it has none. */
async function chainSale(ctx: ServiceContext, itemId: Hex): Promise<Sale | undefined> {
  const a = await ctx.chain.getActivation(itemId);
  return a.activatedAt === 0 ? undefined : { seller: a.seller, activatedAt: a.activatedAt, country: countryCode(a.country) };
}

/** Who sold, where and when: the seller by name where this service knows the organisation holding its account. */
async function saleFacts(ctx: ServiceContext, sale: Sale): Promise<ItemAlreadySoldDetails> {
  const sellerName = (await accountHolderName(ctx, sale.seller)) ?? null;
  return { seller: sale.seller, sellerName, country: sale.country, activatedAt: new Date(sale.activatedAt * 1000).toISOString() };
}

async function alreadySold(ctx: ServiceContext, sale: Sale): Promise<AppError> {
  const details = await saleFacts(ctx, sale);
  return new AppError(`This item was sold already: by ${details.sellerName ?? details.seller} in ${details.country} at ${details.activatedAt}`, {
    status: 409,
    code: "ITEM_ALREADY_ACTIVATED",
    details,
  });
}
