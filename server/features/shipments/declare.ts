/**
 * Declaring a shipment: one `declareShipment` transaction whatever the item count, since the items live
 * in a Merkle root. The shipment and its item ids are stored first (`declaring`), then sent; a crash in
 * between leaves a shipment the reconciler sends (or finds mined) on the next round.
 */
import type { Address, Hex } from "viem";
import { checkCountryCode, countryBytes } from "../../../core/iso3166.ts";
import { shipmentIdOf } from "../../../core/shipment-ids.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import type { Shipment } from "./store/types.ts";
import { accountKey } from "../organisations/organisations.ts";
import { partyAccount } from "../organisations/parties.ts";
import { shipmentItems } from "./items.ts";
import { shipmentRegistry } from "./registry.ts";
import { buildShipmentTree } from "./trees.ts";
import { shipmentView } from "./view.ts";
import type { ShipmentView } from "../../../api/shipments.ts";

export type DeclareShipmentParameters = {
  waybill: string;
  consignee: Address;
  origin: string;
  destination: string;
  codes?: readonly unknown[] | undefined;
  batches?: readonly Hex[] | undefined;
};

export async function declareShipment(ctx: ServiceContext, org: Organisation, params: DeclareShipmentParameters): Promise<ShipmentView> {
  const origin = checkCountryCode(params.origin, "origin");
  const destination = checkCountryCode(params.destination, "destination");
  const registry = shipmentRegistry(ctx);
  const { itemIds, refs } = await shipmentItems(ctx, org, params.codes ?? [], params.batches ?? []);
  const shipper = await partyAccount(ctx, org, origin);
  const id = shipmentIdOf(shipper.address, params.waybill);
  if ((await ctx.store.getShipment(id)) !== undefined || (await registry.getShipment(id)).declaredAt !== 0) {
    throw conflict(`You declared waybill ${JSON.stringify(params.waybill)} already (shipment ${id})`, "SHIPMENT_EXISTS", "waybill");
  }
  const tree = await buildShipmentTree(itemIds);
  const shipment: Shipment = {
    id,
    orgId: org.id,
    shipper: shipper.address,
    waybill: params.waybill,
    consignee: params.consignee,
    origin,
    destination,
    itemCount: itemIds.length / 32,
    itemsRoot: tree.root,
    state: "declaring",
    transactionHash: undefined,
    blockNumber: undefined,
    createdAt: new Date().toISOString(),
  };
  await ctx.store.createShipment(shipment, itemIds, refs);
  await sendDeclaration(ctx, shipment);
  ctx.logger.info({ shipmentId: id, items: shipment.itemCount }, "shipment declared");
  return shipmentView(ctx, (await ctx.store.getShipment(id))!);
}

/** Sends the stored declaration, or records the one the chain already has. Idempotent. */
export async function sendDeclaration(ctx: ServiceContext, shipment: Shipment): Promise<void> {
  const registry = shipmentRegistry(ctx);
  if ((await registry.getShipment(shipment.id)).declaredAt !== 0) {
    const mined = await registry.declaration(shipment.id);
    if (mined !== undefined) await ctx.store.confirmShipment(shipment.id, mined.transactionHash, mined.blockNumber);
    return;
  }
  const { key } = (await accountKey(ctx, shipment.orgId, "admin"))!;
  const call = registry.call("declareShipment", [
    shipment.waybill,
    shipment.consignee,
    countryBytes(shipment.origin),
    countryBytes(shipment.destination),
    shipment.itemCount,
    shipment.itemsRoot,
  ]);
  const receipt = await ctx.chain.execute(key, "declareShipment", call);
  await ctx.store.confirmShipment(shipment.id, receipt.hash, receipt.blockNumber);
}

