/**
 * The register's view of brand alerts: the active alerts of the asked brand, GTIN and lot, counted by
 * country (an alert without a lot covers every lot, so it answers a question about any one). The reasons
 * are the brand's words to customs: a customs office reads them (as it does in its risk lanes) and a
 * brand reads its own; platforms and the registrar see only where and how many.
 */
import type { Hex } from "viem";
import type { RegisterAlerts } from "../../../api/alerts.ts";
import type { ServiceContext } from "../../context.ts";
import type { Organisation } from "../organisations/store/types.ts";
import type { RegisterFilter } from "./store/types.ts";

const SEES_REASONS: ReadonlySet<Organisation["kind"]> = new Set(["customs", "brand"]);

export async function registerAlerts(ctx: ServiceContext, caller: Organisation, filter: RegisterFilter, now = Date.now()): Promise<RegisterAlerts> {
  const brandId = filter.brandId?.toLowerCase() as Hex | undefined;
  const alerts = (await ctx.store.alerts.active(new Date(now).toISOString(), filter.gtin)).filter(
    (a) => (brandId === undefined || a.brandId.toLowerCase() === brandId) && (filter.lot === undefined || a.lot === undefined || a.lot === filter.lot),
  );
  const groups = new Map<string, RegisterAlerts["byCountry"][number]>();
  for (const a of alerts) {
    const key = `${a.country}|${a.gtin}|${a.lot ?? ""}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { country: a.country, gtin: a.gtin, lot: a.lot ?? null, alerts: 1, firstRaisedAt: a.raisedAt, lastExpiresAt: a.expiresAt, ...(SEES_REASONS.has(caller.kind) ? { reasons: [a.reason] } : {}) });
      continue;
    }
    group.alerts++;
    if (a.raisedAt < group.firstRaisedAt) group.firstRaisedAt = a.raisedAt;
    if (a.expiresAt > group.lastExpiresAt) group.lastExpiresAt = a.expiresAt;
    group.reasons?.push(a.reason);
  }
  const byCountry = [...groups.values()].sort((x, y) => y.alerts - x.alerts || x.country.localeCompare(y.country) || x.gtin.localeCompare(y.gtin) || (x.lot ?? "").localeCompare(y.lot ?? ""));
  return { active: alerts.length, byCountry };
}
