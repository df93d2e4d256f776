/**
 * Shipments as the API shows them: the stored declaration, and (for one shipment) what the chain says
 * happened since: who holds it, whether it was seized, its hand-overs and inspections from events.
 */
import type { Address, Hex } from "viem";
import type { ServiceContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import type { Shipment } from "./store/types.ts";
import { shipmentRegistry } from "./registry.ts";
import type { ShipmentDetail, ShipmentView } from "../../../api/shipments.ts";

/** The name of an account when it is a party or a brand this service knows. */
export const partyName = async (ctx: ServiceContext, address: Address): Promise<string | null> => (await ctx.store.getParty(address))?.name ?? null;

export async function shipmentView(ctx: ServiceContext, s: Shipment): Promise<ShipmentView> {
  return {
    id: s.id,
    waybill: s.waybill,
    shipper: s.shipper,
    shipperName: await partyName(ctx, s.shipper),
    consignee: s.consignee,
    origin: s.origin,
    destination: s.destination,
    itemCount: s.itemCount,
    itemsRoot: s.itemsRoot,
    state: s.state === "confirmed" ? "confirmed" : "pending",
    transactionHash: s.transactionHash ?? null,
    blockNumber: s.blockNumber ?? null,
    createdAt: s.createdAt,
  };
}

export async function storedShipment(ctx: ServiceContext, id: Hex): Promise<Shipment> {
  const shipment = await ctx.store.getShipment(id);
  if (shipment === undefined) throw notFound(`No shipment ${id} was declared through this service`, "UNKNOWN_SHIPMENT");
  return shipment;
}

export async function shipmentDetail(ctx: ServiceContext, shipment: Shipment): Promise<ShipmentDetail> {
  const registry = shipmentRegistry(ctx);
  const [record, handovers, inspections] = await Promise.all([
    registry.getShipment(shipment.id),
    registry.handovers(shipment.id),
    registry.inspections(shipment.id),
  ]);
  const declared = record.declaredAt !== 0;
  return {
    ...(await shipmentView(ctx, shipment)),
    custodian: declared ? record.custodian : null,
    seized: record.seized,
    handovers: await Promise.all(handovers.map(async (h) => ({ ...h, fromName: await partyName(ctx, h.from), toName: await partyName(ctx, h.to) }))),
    inspections: await Promise.all(inspections.map(async (i) => ({ ...i, officeName: await partyName(ctx, i.office) }))),
  };
}
