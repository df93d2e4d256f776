/**
 * EPCIS 2.0 exports of the service's records. The documents are built by `core/epcis.ts`; here they are
 * filled from the store and the chain. Item lists stay lazy: the store is read a page at a time while the
 * document is written, so a million-item batch never sits in memory.
 */
import { batchEpcisDocument, shipmentEpcisDocument, type EpcisDocument, type ShipmentEventsParameters } from "../../../core/epcis.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, conflict } from "../../errors.ts";
import type { Batch } from "./store/types.ts";

const PAGE = 1_000;

/** The batch's commissioning, dated by the registry's own record of the anchoring, not by the service's clock. */
export async function batchEpcis(ctx: ServiceContext, batch: Batch): Promise<EpcisDocument> {
  if (batch.state !== "confirmed" || batch.transactionHash === undefined) {
    throw conflict(`Batch ${batch.lot} is ${batch.state}: it is commissioned once it is confirmed on chain`, "BATCH_NOT_CONFIRMED");
  }
  const { anchoredAt } = await ctx.chain.getBatch(batch.id);
  const serials = {
    async *[Symbol.asyncIterator]() {
      for await (const page of ctx.store.iterateItems(batch.id, PAGE)) for (const item of page) yield item.serial;
    },
  };
  return batchEpcisDocument({
    resolverBase: ctx.publicBaseUrl,
    gtin: batch.gtin,
    lot: batch.lot,
    expiry: batch.expiry,
    serials,
    anchoredAt: new Date(Number(anchoredAt) * 1000),
    anchoring: { chainId: ctx.deployment.chainId, registry: ctx.deployment.productRegistry.address, transactionHash: batch.transactionHash },
    merkleRoot: batch.merkleRoot,
    creationDate: new Date(),
  });
}

/** What a shipment's export needs beyond what the deployment already knows (chain and ShipmentRegistry). */
export type ShipmentEpcisInput = Omit<ShipmentEventsParameters, "chainId" | "registry">;

/**
 * A shipment's history as an EPCIS document, from plain data the caller read from its store and the chain.
 * `items` are the declared items' Digital Link URIs (labels or ids; see `itemEpc` in core/epcis.ts to make
 * them from GTIN, lot and serial); hand-overs and inspections may come in any order.
 */
export function shipmentEpcis(ctx: ServiceContext, shipment: ShipmentEpcisInput): EpcisDocument {
  const registry = ctx.deployment.shipmentRegistry;
  if (registry === undefined) {
    throw new AppError("No ShipmentRegistry is deployed on this chain", { status: 503, code: "NO_SHIPMENT_REGISTRY" });
  }
  return shipmentEpcisDocument({ ...shipment, chainId: ctx.deployment.chainId, registry: registry.address, creationDate: new Date() });
}
