/**
 * Keeps the chain in line with the store: at start and then periodically, every brand is (re)admitted
 * with its signers where the chain lacks them, every retailer (de)authorised as the store says, every
 * shipment party, declaration and inspection outcome sent (`features/shipments/reconcile.ts`), and every
 * confirmed batch whose root the chain no longer shows (a reset local chain) goes back to anchoring with the
 * same root, items and signatures (`features/brands/reconcile.ts`). A round past the first follows the
 * chain index's cursor and looks only at what changed since the previous one, unless the chain reorganised
 * under it (`reconcile-round.ts`).
 */
import type { ServiceContext } from "./context.ts";
import { reconcileAdmissions } from "./features/organisations/reconcile.ts";
import { reconcileShipments } from "./features/shipments/reconcile.ts";
import { reconcileLicences } from "./features/licences/reconcile.ts";
import { reconcileBatches } from "./features/brands/reconcile.ts";
import { beginRound, endRound } from "./reconcile-round.ts";

export async function reconcile(ctx: ServiceContext): Promise<{ reanchored: number; full: boolean }> {
  const round = await beginRound(ctx);
  // Brands with their identity and signers, then retailers (features/organisations/reconcile.ts).
  await reconcileAdmissions(ctx, round);
  // Parties, declarations and inspection outcomes (the registrar funds and admits parties).
  await reconcileShipments(ctx, round);
  // Rights holders and platforms admitted, the index of works loaded (features/licences/reconcile.ts).
  await reconcileLicences(ctx, round);
  const reanchored = await reconcileBatches(ctx, round);
  if (reanchored > 0) ctx.wakeWorker();
  endRound(ctx, round);
  return { reanchored, full: round.full };
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
