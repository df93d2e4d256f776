/**
 * Where an item has been: its batch, and each shipment that declared it with the Merkle proof a verifier
 * checks with `isDeclared` on chain, its hand-overs and its inspections. The proofs come from this
 * service's store, so a verifier checks them against the chain rather than trusting them.
 */
import { bytesToHex, type Hex } from "viem";
import type { ServiceContext } from "../../context.ts";
import { itemOfCode } from "./items.ts";
import { shipmentRegistry, shipmentTrees } from "./registry.ts";
import { shipmentDetail, storedShipment } from "./view.ts";
import type { CustodyView, DeclarationProof } from "../../../api/shipments.ts";

export async function declarationProof(ctx: ServiceContext, shipmentId: Hex, uri: string): Promise<DeclarationProof> {
  const shipment = await storedShipment(ctx, shipmentId);
  const { itemId } = await itemOfCode(ctx, uri, "code");
  const entry = (await ctx.store.shipmentsWithItem(itemId)).find((s) => s.shipmentId === shipmentId);
  return proofAt(ctx, shipmentId, shipment.itemsRoot, itemId, entry?.index);
}

async function proofAt(ctx: ServiceContext, shipmentId: Hex, itemsRoot: Hex, itemId: Uint8Array, index: number | undefined): Promise<DeclarationProof> {
  return {
    shipmentId,
    itemId: bytesToHex(itemId),
    declared: index !== undefined,
    itemsRoot,
    proof: index === undefined ? [] : (await shipmentTrees(ctx).get(shipmentId)).proof(index),
    registry: { chainId: ctx.deployment.chainId, address: shipmentRegistry(ctx).address },
  };
}

export async function itemCustody(ctx: ServiceContext, uri: string): Promise<CustodyView> {
  const { itemId, batch } = await itemOfCode(ctx, uri, "code");
  const onChain = await ctx.chain.getBatch(batch.id);
  const shipments = await Promise.all(
    (await ctx.store.shipmentsWithItem(itemId)).map(async ({ shipmentId, index }) => {
      const shipment = await storedShipment(ctx, shipmentId);
      const [detail, declaration] = await Promise.all([shipmentDetail(ctx, shipment), proofAt(ctx, shipmentId, shipment.itemsRoot, itemId, index)]);
      return { ...detail, declaration };
    }),
  );
  return {
    itemId: bytesToHex(itemId),
    batch: {
      batchId: batch.id,
      brandId: batch.brandId,
      gtin: batch.gtin,
      lot: batch.lot,
      anchoredAt: onChain.anchoredAt === 0 ? null : new Date(onChain.anchoredAt * 1000).toISOString(),
      transactionHash: batch.transactionHash ?? null,
      blockNumber: batch.blockNumber ?? null,
    },
    shipments,
  };
}
