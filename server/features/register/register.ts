/**
 * The consortium's register of known infringements: whether a brand, a GTIN or a lot was seized by customs
 * or scanned counterfeit by consumers, where (route, country) and when (first and last) — aggregated, never
 * one scan's place or time — and the brands' active alerts to customs, by country (register-alerts.ts).
 * Customs offices, platforms and the registrar ask of any brand; a brand only of its own (another brand's
 * problems are that brand's to share).
 */
import { normalizeGtin } from "../../../core/gs1/index.ts";
import { VeritraceError } from "../../../core/errors.ts";
import type { RegisterQuery, RegisterView } from "../../../api/register.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, badRequest } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { registerAlerts } from "./register-alerts.ts";

export async function searchRegister(ctx: ServiceContext, caller: Organisation, query: RegisterQuery): Promise<RegisterView> {
  let brandId = query.brandId;
  if (caller.kind === "brand") {
    const own = caller.brandId!.toLowerCase() as `0x${string}`;
    if (brandId !== undefined && brandId !== own) {
      throw new AppError("A brand may ask the register only of its own products", { status: 403, code: "NOT_YOUR_BRAND", field: "brandId" });
    }
    brandId = own;
  }
  let gtin: string | undefined;
  try {
    gtin = query.gtin === undefined ? undefined : normalizeGtin(query.gtin);
  } catch (error) {
    if (error instanceof VeritraceError) throw badRequest(`gtin: ${error.message}`, error.code, "gtin");
    throw error;
  }
  const filter = { brandId, gtin, lot: query.lot };
  const [byRoute, byCountry, alerts] = await Promise.all([ctx.store.register.seizures(filter), ctx.store.register.counterfeitScans(filter), registerAlerts(ctx, caller, filter)]);
  const sum = (xs: Array<{ [k: string]: unknown }>, key: string) => xs.reduce((n, x) => n + (x[key] as number), 0);
  return {
    query: { brandId: brandId ?? null, gtin: gtin ?? null, lot: query.lot ?? null },
    known: byRoute.length > 0 || byCountry.length > 0 || alerts.active > 0,
    seized: { seizures: sum(byRoute, "seizures"), items: sum(byRoute, "items"), byRoute },
    counterfeit: { scans: sum(byCountry, "scans"), byCountry },
    alerts,
    asOf: new Date().toISOString(),
  };
}
