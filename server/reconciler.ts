/**
 * Keeps the chain in line with the store: at start and then periodically, every brand is (re)admitted
 * with its signers where the chain lacks them, every retailer (de)authorised as the store says, every
 * shipment party, declaration and inspection outcome sent (`features/shipments/reconcile.ts`), and every confirmed batch whose root the chain no longer
 * shows (a reset local chain) goes back to anchoring with the same root, items and signatures.
 */
import type { ServiceContext } from "./context.ts";
import { ensureBrandOnChain } from "./features/organisations/organisations.ts";
import { ensureRetailerOnChain } from "./features/retail/retailers.ts";
import { reconcileShipments } from "./features/shipments/reconcile.ts";
import { reconcileLicences } from "./features/licences/reconcile.ts";

export async function reconcile(ctx: ServiceContext): Promise<{ reanchored: number }> {
  const organisations = await ctx.store.listOrganisations();
  for (const org of organisations) {
    if (org.kind === "brand") await ensureBrandOnChain(ctx, org);
  }
  // After the brands: a retailer is authorised by its brand's admin.
  for (const org of organisations) {
    if (org.kind === "retailer") await ensureRetailerOnChain(ctx, org);
  }
  // Parties, declarations and inspection outcomes (the registrar funds and admits parties).
  await reconcileShipments(ctx);
  // Rights holders and platforms admitted, the index of works loaded (features/licences/reconcile.ts).
  await reconcileLicences(ctx);
  let reanchored = 0;
  for (const batch of await ctx.store.listBatchesInState("confirmed")) {
    const onChain = await ctx.chain.getBatch(batch.id);
    if (onChain.anchoredAt !== 0) continue;
    ctx.logger.warn({ batchId: batch.id }, "confirmed batch missing on chain; anchoring it again");
    await ctx.store.updateBatch(batch.id, {
      state: "anchoring",
      transactionHash: undefined,
      rawTransaction: undefined,
      blockNumber: undefined,
      confirmedAt: undefined,
    });
    reanchored++;
  }
  if (reanchored > 0) ctx.wakeWorker();
  return { reanchored };
}

/** Runs `reconcile` every `intervalMs` until stopped; a failed round is logged and retried next time. */
export function startReconciler(ctx: ServiceContext, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = reconcile(ctx).catch((err) => ctx.logger.warn({ err }, "reconciliation round failed"));
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
