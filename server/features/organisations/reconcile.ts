/**
 * The reconciler's admissions round: every brand (re)admitted with its prefixes, label hosts and signers
 * where the chain lacks them, and every retailer (de)authorised as the store says. An incremental round
 * (`reconcile-round.ts`) skips a brand or retailer whose store rows are unchanged since the chain was
 * brought in line with them, unless the index shows an event that may have undone it; a skipped brand's
 * accounts are still topped up, since its signers spend gas on every batch.
 */
import type { ServiceContext } from "../../context.ts";
import type { ReconcileRound } from "../../reconcile-round.ts";
import { ensureRetailerOnChain } from "../retail/retailers.ts";
import { ensureBrandOnChain, ensureFunded } from "./organisations.ts";

export async function reconcileAdmissions(ctx: ServiceContext, round: ReconcileRound): Promise<void> {
  const organisations = await ctx.store.listOrganisations();
  for (const org of organisations) {
    if (org.kind !== "brand") continue;
    const accounts = await ctx.store.listAccounts(org.id);
    const state = [
      org.name,
      accounts.map((a) => [a.address, a.role, a.removedAt ?? null]),
      await ctx.store.brands.listPrefixes(org.id),
      await ctx.store.brands.listLabelDomains(org.id),
    ];
    const key = `brand:${org.brandId}`;
    if (round.settled(key, state)) {
      for (const account of accounts) if (account.removedAt === undefined) await ensureFunded(ctx, account.address);
      continue;
    }
    await ensureBrandOnChain(ctx, org);
    round.settle(key, state);
  }
  // After the brands: a retailer is authorised by its brand's admin.
  for (const org of organisations) {
    if (org.kind !== "retailer") continue;
    const account = (await ctx.store.listAccounts(org.id))[0]!;
    const key = `retailer:${account.address}`;
    const state = [org.parentId, account.removedAt ?? null];
    if (round.settled(key, state)) continue;
    await ensureRetailerOnChain(ctx, org);
    round.settle(key, state);
  }
}
