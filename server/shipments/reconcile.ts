/**
 * The reconciler's share for shipments: parties admitted, declarations sent, claimed inspection outcomes
 * recorded, wherever a crash (or a reset local chain) left the chain behind the store. Each step is
 * idempotent; one that fails is logged and retried next round without holding up the others.
 */
import type { ServiceContext } from "../context.ts";
import { sendInspection } from "../inspections/record.ts";
import { ensurePartyOnChain } from "../use-cases/parties.ts";
import { sendDeclaration } from "./declare.ts";

export async function reconcileShipments(ctx: ServiceContext): Promise<void> {
  if (ctx.deployment.shipmentRegistry === undefined) return;
  const steps: Array<[string, () => Promise<unknown>]> = [
    // A party row whose organisation was never written had no key handed out: nothing to admit.
    ...ctx.store
      .listParties()
      .filter((party) => ctx.store.getOrganisation(party.orgId) !== undefined)
      .map((party): [string, () => Promise<unknown>] => [`party ${party.address}`, () => ensurePartyOnChain(ctx, party)]),
    ...ctx.store.listShipmentsInState("declaring").map((s): [string, () => Promise<unknown>] => [`shipment ${s.id}`, () => sendDeclaration(ctx, s)]),
    ...ctx.store.listUnrecordedInspections().map((i): [string, () => Promise<unknown>] => [`inspection ${i.id}`, () => sendInspection(ctx, i)]),
  ];
  for (const [what, step] of steps) {
    await step().catch((err) => ctx.logger.warn({ err, what }, "shipment reconciliation step failed; retrying next round"));
  }
}
