/**
 * Brand alerts to customs: a brand raises an alert that fakes of one of its GTINs (or one lot) are expected
 * in a destination country, optionally from one origin, for some days; customs risk lanes fire the
 * `brand-alert` indicator on matching shipments and quote the reason. A withdrawn alert stays as history.
 * States are judged by the service's clock when read: an alert expires without anything being written.
 */
import { randomUUID } from "node:crypto";
import type { AlertListView, AlertState, AlertView } from "../../../api/alerts.ts";
import type { ServiceContext } from "../../context.ts";
import { notFound } from "../../errors.ts";
import { checkGtinOwned } from "../brands/batches.ts";
import type { Organisation } from "../organisations/store/types.ts";
import type { RaiseAlertInput } from "./alert-input.ts";
import type { Alert } from "./store/types.ts";

const DAY_MS = 86_400_000;

export function alertState(alert: Alert, now: number): AlertState {
  if (alert.withdrawnAt !== undefined) return "withdrawn";
  return Date.parse(alert.expiresAt) <= now ? "expired" : "active";
}

export function alertView(alert: Alert, now: number): AlertView {
  return {
    id: alert.id,
    brandId: alert.brandId,
    gtin: alert.gtin,
    lot: alert.lot ?? null,
    country: alert.country,
    origin: alert.origin ?? null,
    reason: alert.reason,
    raisedAt: alert.raisedAt,
    expiresAt: alert.expiresAt,
    withdrawnAt: alert.withdrawnAt ?? null,
    state: alertState(alert, now),
  };
}

/** Raises an alert for a GTIN inside the brand's GS1 company prefixes (GTIN_NOT_OWNED otherwise). */
export async function raiseAlert(ctx: ServiceContext, org: Organisation, input: RaiseAlertInput, now = Date.now()): Promise<AlertView> {
  await checkGtinOwned(ctx, org, input.gtin);
  const alert = await ctx.store.alerts.raise({
    id: randomUUID(),
    orgId: org.id,
    brandId: org.brandId!,
    gtin: input.gtin,
    lot: input.lot,
    country: input.country,
    origin: input.origin,
    reason: input.reason,
    raisedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + input.days * DAY_MS).toISOString(),
  });
  return alertView(alert, now);
}

export async function listAlerts(
  ctx: ServiceContext,
  org: Organisation,
  query: { state?: AlertState | undefined; limit: number; cursor?: string | undefined },
  now = Date.now(),
): Promise<AlertListView> {
  // One more than asked: whether there is a next page, without counting.
  const rows = await ctx.store.alerts.list(org.id, {
    state: query.state,
    now: new Date(now).toISOString(),
    limit: query.limit + 1,
    beforeSeq: query.cursor === undefined ? undefined : Number(query.cursor),
  });
  const page = rows.slice(0, query.limit);
  return { alerts: page.map((a) => alertView(a, now)), nextCursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null };
}

/** Another brand's alert is answered as unknown: whether an id exists is not another brand's to learn. */
const unknownAlert = (id: string) => notFound(`Your brand has no alert ${id}`, "UNKNOWN_ALERT");

export async function getAlert(ctx: ServiceContext, org: Organisation, id: string, now = Date.now()): Promise<AlertView> {
  const alert = await ctx.store.alerts.get(id);
  if (alert === undefined || alert.orgId !== org.id) throw unknownAlert(id);
  return alertView(alert, now);
}

/** Withdraws the alert (kept, state "withdrawn"); withdrawing it again changes nothing. */
export async function withdrawAlert(ctx: ServiceContext, org: Organisation, id: string, now = Date.now()): Promise<AlertView> {
  const alert = await ctx.store.alerts.withdraw(id, org.id, new Date(now).toISOString());
  if (alert === undefined) throw unknownAlert(id);
  return alertView(alert, now);
}
