/**
 * The public proof of an item: its fields, signature, Merkle proof and batch, for any verifier to check
 * against the chain itself. The server is not trusted here: a wrong proof simply fails on chain.
 */
import { bytesToHex } from "viem";
import { buildDigitalLink, normalizeGtin, parseDigitalLink, validateItemCode } from "../../../core/gs1/index.ts";
import { itemIdOf } from "../../../core/ids.ts";
import { encodeSignature } from "../../../core/signature.ts";
import type { ItemCode } from "../../../core/types.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict, notFound } from "../../errors.ts";
import { signingBrand } from "./signing-brand.ts";
import type { ItemProof } from "../../../api/verification.ts";

export type ProofQuery = { uri: string } | { gtin: string; lot: string; serial: string; brandId?: string | undefined };

/**
 * Items are keyed by brand. A label names its brand through its signature (the signer's brand on chain);
 * plain GS1 fields name it only when one brand issued them, or with `brandId`.
 */
export async function getProof(ctx: ServiceContext, query: ProofQuery): Promise<ItemProof> {
  // A GTIN typed into a form is often the 13 digits printed under a barcode: items are kept by the 14-digit form.
  const wanted: ItemCode = "uri" in query ? parseDigitalLink(query.uri).code : { gtin: normalizeGtin(query.gtin), lot: query.lot, serial: query.serial };
  const missing = () => notFound(`No item (01) ${wanted.gtin} (10) ${wanted.lot} (21) ${wanted.serial} was issued here`, "UNKNOWN_ITEM");
  let found;
  if ("uri" in query) {
    const signing = await signingBrand(ctx, query.uri);
    if (signing === undefined) throw missing();
    found = await ctx.store.findItem(signing.brandId, wanted.gtin, wanted.lot, wanted.serial);
  } else {
    validateItemCode(wanted);
    const candidates = (await ctx.store.findItems(wanted.gtin, wanted.lot, wanted.serial)).filter(({ batch }) => query.brandId === undefined || batch.brandId.toLowerCase() === query.brandId.toLowerCase());
    if (candidates.length > 1) {
      throw conflict(`${candidates.length} brands issued (01) ${wanted.gtin} (10) ${wanted.lot} (21) ${wanted.serial}: give brandId`, "AMBIGUOUS_ITEM", "brandId");
    }
    found = candidates[0];
  }
  if (!found) throw missing();
  const { batch, item } = found;
  if (batch.state !== "confirmed") {
    throw conflict(`The item's batch is ${batch.state === "failed" ? "failed" : "not yet confirmed on chain"}`, "BATCH_NOT_CONFIRMED");
  }
  const code: ItemCode = { gtin: batch.gtin, lot: batch.lot, serial: item.serial, ...(batch.expiry === undefined ? {} : { expiry: batch.expiry }) };
  const signature = encodeSignature(item.signature);
  return {
    code,
    uri: buildDigitalLink({ base: ctx.publicBaseUrl, code, signature }),
    signature,
    brandId: batch.brandId,
    batchId: batch.id,
    itemId: itemIdOf(batch.id, item.serial),
    leaf: bytesToHex(item.leaf),
    merkleRoot: batch.merkleRoot!,
    proof: await ctx.trees.proof(batch, item.index),
    registry: { chainId: ctx.deployment.chainId, address: ctx.deployment.productRegistry.address },
    transactionHash: batch.transactionHash,
    blockNumber: batch.blockNumber,
  };
}
