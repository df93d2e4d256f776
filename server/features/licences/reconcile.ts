/**
 * The reconciler's licence round: every rights holder and platform of this service funded and admitted on
 * chain (finishing an admission a crash interrupted, or redoing it on a reset local chain), and the
 * perceptual-hash index of works brought up to the chain's head (at start: loaded from every event).
 */
import type { ServiceContext } from "../../context.ts";
import { ensureLicencePartyOnChain } from "./parties.ts";
import { hasLicenceRegistry, workIndex } from "./registry.ts";

export async function reconcileLicences(ctx: ServiceContext): Promise<void> {
  if (!hasLicenceRegistry(ctx)) return;
  for (const org of await ctx.store.listOrganisations()) {
    if (org.kind === "rights-holder" || org.kind === "platform") await ensureLicencePartyOnChain(ctx, org);
  }
  await workIndex(ctx).sync();
}
