/**
 * The reconciler's licence round: every rights holder and platform of this service funded and admitted on
 * chain (finishing an admission a crash interrupted, or redoing it on a reset local chain), and the
 * perceptual-hash index of works brought up to the chain's head (at start: loaded from every event). An
 * incremental round (`reconcile-round.ts`) only tops up the accounts of parties admitted before.
 */
import { platformIdOf } from "../../../core/licence-ids.ts";
import type { ServiceContext } from "../../context.ts";
import type { ReconcileRound } from "../../reconcile-round.ts";
import { accountKey, ensureFunded } from "../organisations/organisations.ts";
import { ensureLicencePartyOnChain } from "./parties.ts";
import { hasLicenceRegistry, workIndex } from "./registry.ts";

export async function reconcileLicences(ctx: ServiceContext, round: ReconcileRound): Promise<void> {
  if (!hasLicenceRegistry(ctx)) return;
  for (const org of await ctx.store.listOrganisations()) {
    if (org.kind !== "rights-holder" && org.kind !== "platform") continue;
    const { address } = (await accountKey(ctx, org.id, "admin"))!;
    const key = org.kind === "platform" ? `platform:${platformIdOf(org.name)}` : `holder:${address}`;
    const state = [org.name, address];
    if (round.settled(key, state)) {
      await ensureFunded(ctx, address);
      continue;
    }
    await ensureLicencePartyOnChain(ctx, org);
    round.settle(key, state);
  }
  await workIndex(ctx).sync();
}
