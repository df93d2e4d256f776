/**
 * A shipment's history as EPCIS 2.0 (packing, shipping, hand-overs, inspections), built by core's EPCIS
 * builder from the store (its items) and the chain (its declaration time, hand-overs and inspections).
 * Only the shipper exports it: the item list names serials, which stay unguessable only while unpublished.
 */
import type { Hex } from "viem";
import type { EpcisDocument } from "../../../core/epcis.ts";
import { buildDigitalLink } from "../../../core/gs1/index.ts";
import { countryCode } from "../../../core/iso3166.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { shipmentEpcis } from "../brands/epcis-export.ts";
import { shipmentRegistry } from "./registry.ts";
import { storedShipment } from "./view.ts";

export async function exportShipmentEpcis(ctx: ServiceContext, org: Organisation, shipmentId: Hex): Promise<{ document: EpcisDocument; waybill: string }> {
  const shipment = await storedShipment(ctx, shipmentId);
  if (shipment.orgId !== org.id) throw new AppError("Only the shipper exports a shipment's item-level history", { status: 403, code: "NOT_SHIPPER" });
  const registry = shipmentRegistry(ctx);
  const record = await registry.getShipment(shipmentId);
  if (record.declaredAt === 0 || shipment.transactionHash === undefined) throw conflict(`Shipment ${shipmentId} is not declared on chain yet`, "SHIPMENT_NOT_DECLARED");
  const [handovers, inspections] = await Promise.all([registry.handovers(shipmentId), registry.inspections(shipmentId)]);
  const places = new Map<string, string>();
  for (const i of inspections) {
    if (!places.has(i.office)) places.set(i.office, (await ctx.store.getParty(i.office))?.country ?? countryCode((await registry.getParty(i.office)).country));
  }
  const base = ctx.publicBaseUrl;
  // Lazy: the store is read a page at a time while the document is written.
  const items = {
    async *[Symbol.asyncIterator]() {
      for await (const code of ctx.store.shipmentItemKeys(shipmentId)) yield buildDigitalLink({ base, code });
    },
  };
  const document = shipmentEpcis(ctx, {
    shipmentId,
    waybill: shipment.waybill,
    shipper: shipment.shipper,
    consignee: shipment.consignee,
    origin: shipment.origin,
    destination: shipment.destination,
    items,
    declaredAt: new Date(record.declaredAt * 1000),
    transactionHash: shipment.transactionHash!,
    handOvers: handovers.map((h) => ({ from: h.from, to: h.to, place: h.place, at: new Date(h.at), transactionHash: h.transactionHash })),
    inspections: inspections.map((i) => ({
      office: i.office,
      place: places.get(i.office)!,
      outcome: i.outcome,
      counts: i.counts,
      reportHash: i.reportHash,
      at: new Date(i.at),
      transactionHash: i.transactionHash,
    })),
  });
  return { document, waybill: shipment.waybill };
}
