/**
 * The shared register of known infringements, read from chain events: every seizure (for any office), and
 * a brand's infringements (the `InfringementRecorded` events naming its brand id).
 */
import type { InfringementView, SeizureView } from "../../../api/shipments.ts";
import type { ServiceContext } from "../../context.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { shipmentRegistry } from "./registry.ts";
import { partyName } from "./view.ts";

export async function listSeizures(ctx: ServiceContext): Promise<SeizureView[]> {
  const registry = shipmentRegistry(ctx);
  const [seizures, infringements] = await Promise.all([registry.inspections({ outcome: "seized" }), registry.infringements({})]);
  return Promise.all(
    seizures.map(async (s) => ({
      ...s,
      officeName: await partyName(ctx, s.office),
      brandIds: infringements.filter((i) => i.transactionHash === s.transactionHash && i.shipmentId === s.shipmentId).map((i) => i.brandId),
    })),
  );
}

export async function brandInfringements(ctx: ServiceContext, brand: Organisation): Promise<InfringementView[]> {
  const events = await shipmentRegistry(ctx).infringements({ brandId: brand.brandId! });
  return Promise.all(
    events.map(async (e) => {
      const shipment = await ctx.store.getShipment(e.shipmentId);
      return {
        ...e,
        officeName: await partyName(ctx, e.office),
        shipment: shipment === undefined ? null : { waybill: shipment.waybill, origin: shipment.origin, destination: shipment.destination },
      };
    }),
  );
}
