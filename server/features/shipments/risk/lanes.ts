/**
 * Customs risk lanes: each declared shipment bound for an office's country, not yet given an inspection
 * outcome, gets green, amber or red from explainable indicators (core/risk/), riskiest first. An outcome
 * the office records is a seizure or a clearance in the history the next lanes are scored on.
 */
import type { Hex } from "viem";
import { assessRisk } from "../../../../core/risk/score.ts";
import type { LanesView, RiskLaneName, RiskView } from "../../../../api/risk.ts";
import type { ServiceContext } from "../../../context.ts";
import { notFound } from "../../../errors.ts";
import type { Organisation } from "../../organisations/store/types.ts";
import { officeParty } from "../inspections/inspect.ts";
import type { Shipment } from "../store/types.ts";
import { readRiskContext, riskFacts, type RiskReads } from "./facts.ts";

async function assess(ctx: ServiceContext, reads: RiskReads, shipment: Shipment): Promise<RiskView> {
  const a = assessRisk(await riskFacts(ctx, reads, shipment), ctx.config.riskWeights);
  return {
    shipmentId: shipment.id,
    waybill: shipment.waybill,
    origin: shipment.origin,
    destination: shipment.destination,
    shipper: shipment.shipper,
    consignee: shipment.consignee,
    itemCount: shipment.itemCount,
    declaredAt: shipment.createdAt,
    lane: a.lane,
    score: a.score,
    reason: a.reason,
    indicators: a.indicators,
  };
}

export async function riskLanes(ctx: ServiceContext, office: Organisation, query: { limit: number; lane?: RiskLaneName | undefined }): Promise<LanesView> {
  const { country } = await officeParty(ctx, office);
  const reads = await readRiskContext(ctx);
  const bound = (await ctx.store.listShipmentsInState("confirmed")).filter((s) => s.destination === country && !reads.history.inspectedShipments.has(s.id));
  const views: RiskView[] = [];
  for (const shipment of bound) views.push(await assess(ctx, reads, shipment));
  const chosen = views.filter((v) => query.lane === undefined || v.lane === query.lane).sort((a, b) => b.score - a.score || a.declaredAt.localeCompare(b.declaredAt));
  const { amber, red, redMinIndicators } = ctx.config.riskWeights;
  return { office: { country }, thresholds: { amber, red, redMinIndicators }, lanes: chosen.slice(0, query.limit), total: chosen.length };
}

/** One shipment's lane, for any customs office (a shipment may be inspected wherever it passes). */
export async function shipmentRisk(ctx: ServiceContext, id: Hex): Promise<RiskView> {
  const shipment = await ctx.store.getShipment(id);
  if (shipment === undefined) throw notFound(`No shipment ${id} was declared through this service`, "UNKNOWN_SHIPMENT");
  return assess(ctx, await readRiskContext(ctx), shipment);
}
