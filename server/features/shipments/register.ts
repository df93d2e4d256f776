/**
 * The shared register of known infringements: every seizure (for any office), and a brand's
 * infringements (the `InfringementRecorded` events naming its brand id). Both are read from the chain
 * index a page at a time (docs/indexer.md); the block times come from the chain, once per block.
 */
import { OUTCOMES } from "../../../api/customs.ts";
import type { PageInfo, PageRequest } from "../../../api/paging.ts";
import type { InfringementView, SeizureView } from "../../../api/shipments.ts";
import { infringementOf, inspectionOf, type InfringementArgs, type InspectionArgs } from "../../chain/shipment-registry.ts";
import type { ServiceContext } from "../../context.ts";
import { indexEvents, indexPage } from "../../indexer/index-pages.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { shipmentRegistry } from "./registry.ts";
import { partyName } from "./view.ts";

const SEIZED = OUTCOMES.indexOf("seized");

/**
 * Seizures, oldest first: the index's ShipmentInspected rows whose outcome is seized (the outcome is an
 * argument, not a key column, so the page is filled by scanning), each with the brands its
 * InfringementRecorded rows (same transaction) name.
 */
export async function listSeizures(ctx: ServiceContext, page: PageRequest): Promise<{ seizures: SeizureView[] } & PageInfo> {
  const registry = shipmentRegistry(ctx);
  const { events, ...pageInfo } = await indexPage(ctx, { eventName: "ShipmentInspected", contract: registry.address }, page, (event) => Number(event.args.outcome) === SEIZED);
  const seizures = await Promise.all(
    events.map(async (event) => {
      const seizure = inspectionOf(event.args as InspectionArgs, await registry.mined(event));
      // A seized shipment takes no later inspection, so its infringements are this seizure's: the transaction says so anyway.
      const infringements = await indexEvents(ctx, { eventName: "InfringementRecorded", contract: registry.address, shipmentId: seizure.shipmentId });
      return {
        ...seizure,
        officeName: await partyName(ctx, seizure.office),
        brandIds: infringements.filter((i) => i.transactionHash === event.transactionHash).map((i) => (i.args as InfringementArgs).brandId),
      };
    }),
  );
  return { seizures, ...pageInfo };
}

/** The seizures that concern `brand`, oldest first, a page at a time, with the shipment as this service stored it. */
export async function brandInfringements(ctx: ServiceContext, brand: Organisation, page: PageRequest): Promise<{ infringements: InfringementView[] } & PageInfo> {
  const registry = shipmentRegistry(ctx);
  const { events, ...pageInfo } = await indexPage(ctx, { eventName: "InfringementRecorded", contract: registry.address, brandId: brand.brandId! }, page);
  const infringements = await Promise.all(
    events.map(async (event) => {
      const e = infringementOf(event.args as InfringementArgs, await registry.mined(event));
      const shipment = await ctx.store.getShipment(e.shipmentId);
      return {
        ...e,
        officeName: await partyName(ctx, e.office),
        shipment: shipment === undefined ? null : { waybill: shipment.waybill, origin: shipment.origin, destination: shipment.destination },
      };
    }),
  );
  return { infringements, ...pageInfo };
}
