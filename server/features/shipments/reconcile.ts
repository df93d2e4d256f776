/**
 * The reconciler's share for shipments: parties admitted, declarations sent, claimed inspection outcomes
 * recorded, wherever a crash (or a reset local chain) left the chain behind the store. Each step is
 * idempotent; one that fails is logged and retried next round without holding up the others. An
 * incremental round (`reconcile-round.ts`) only tops up the accounts of parties admitted before.
 */
import type { ServiceContext } from "../../context.ts";
import type { ReconcileRound } from "../../reconcile-round.ts";
import { ensureFunded } from "../organisations/organisations.ts";
import { sendInspection } from "./inspections/record.ts";
import { ensurePartyOnChain } from "../organisations/parties.ts";
import { sendDeclaration } from "./declare.ts";

export async function reconcileShipments(ctx: ServiceContext, round: ReconcileRound): Promise<void> {
  if (ctx.deployment.shipmentRegistry === undefined) return;
  const steps: Array<[string, () => Promise<unknown>]> = [];
  for (const party of await ctx.store.listParties()) {
    // A party row whose organisation was never written had no key handed out: nothing to admit.
    if ((await ctx.store.getOrganisation(party.orgId)) === undefined) continue;
    const key = `party:${party.address}`;
    const state = [party.kind, party.country, party.name];
    if (round.settled(key, state)) steps.push([`party ${party.address}`, () => ensureFunded(ctx, party.address)]);
    else steps.push([`party ${party.address}`, () => ensurePartyOnChain(ctx, party).then(() => round.settle(key, state))]);
  }
  for (const s of await ctx.store.listShipmentsInState("declaring")) steps.push([`shipment ${s.id}`, () => sendDeclaration(ctx, s)]);
  for (const i of await ctx.store.listUnrecordedInspections()) steps.push([`inspection ${i.id}`, () => sendInspection(ctx, i)]);
  for (const [what, step] of steps) {
    await step().catch((err) => ctx.logger.warn({ err, what }, "shipment reconciliation step failed; retrying next round"));
  }
}
