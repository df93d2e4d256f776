/**
 * The facts a shipment's risk lane is scored on, gathered from the store (past inspections' outcomes,
 * when parties first appeared, counterfeit scans, the shipment's items) and the chain (its batches'
 * statuses, the brands' active alerts). Read once per request for every shipment scored (`RiskReads`), then
 * per shipment.
 */
import type { Hex } from "viem";
import { BrandAlertIndex } from "../../../../core/risk/brand-alerts.ts";
import type { RiskFacts } from "../../../../core/risk/facts.ts";
import { Status } from "../../../../core/status.ts";
import type { ServiceContext } from "../../../context.ts";
import type { RiskHistory, Shipment } from "../store/types.ts";

const DAY_MS = 86_400_000;

/** What every shipment's facts share: read once per request. */
export type RiskReads = {
  history: RiskHistory;
  /** Counterfeit scans in the scan window by "GTIN|country" (GTINs as 14 digits). */
  scans: Map<string, number>;
  /** Batch statuses read from the chain so far. */
  statuses: Map<Hex, number>;
  /** The brands' alerts active now, indexed by GTIN. */
  alerts: BrandAlertIndex;
  now: number;
};

const gtin14 = (gtin: string): string => gtin.padStart(14, "0");

export async function readRiskContext(ctx: ServiceContext, now = Date.now()): Promise<RiskReads> {
  const since = now - ctx.config.riskWeights.scanWindowDays * DAY_MS;
  const [history, counts, alerts] = await Promise.all([
    ctx.store.riskHistory(),
    ctx.store.counterfeitScansByGtinAndCountry(since),
    ctx.store.alerts.active(new Date(now).toISOString()),
  ]);
  const scans = new Map<string, number>();
  for (const c of counts) {
    const key = `${gtin14(c.gtin)}|${c.country}`;
    scans.set(key, (scans.get(key) ?? 0) + c.scans);
  }
  return { history, scans, statuses: new Map(), alerts: new BrandAlertIndex(alerts), now };
}

export async function riskFacts(ctx: ServiceContext, reads: RiskReads, shipment: Shipment): Promise<RiskFacts> {
  const { history } = reads;
  const items = await ctx.store.shipmentRiskItems(shipment.id);
  let flaggedItems = 0;
  for (const batch of items.batches) {
    let status = reads.statuses.get(batch.batchId);
    if (status === undefined) reads.statuses.set(batch.batchId, (status = (await ctx.chain.getBatch(batch.batchId)).status));
    if (status === Status.Recalled || status === Status.Stolen) flaggedItems += batch.items;
  }
  let destinationCounterfeitScans = 0;
  for (const gtin of new Set(items.batches.map((b) => gtin14(b.gtin)))) destinationCounterfeitScans += reads.scans.get(`${gtin}|${shipment.destination}`) ?? 0;
  const alerts = reads.alerts.match(items.batches, shipment.destination, shipment.origin);
  const party = (address: string, records: Map<string, { inspected: number; seized: number }>) => {
    const key = address.toLowerCase();
    const first = history.firstSeen.get(key);
    return { ...(records.get(key) ?? { inspected: 0, seized: 0 }), ageDays: first === undefined ? undefined : Math.max(0, (reads.now - Date.parse(first)) / DAY_MS) };
  };
  return {
    all: history.all,
    route: history.routes.get(`${shipment.origin}>${shipment.destination}`) ?? { inspected: 0, seized: 0 },
    shipper: party(shipment.shipper, history.shippers),
    consignee: party(shipment.consignee, history.consignees),
    destinationCounterfeitScans,
    items: shipment.itemCount,
    flaggedItems,
    impossibleItems: items.declaredElsewhere,
    brandAlerts: alerts.length,
    brandAlertReasons: alerts.map((a) => a.reason),
  };
}
