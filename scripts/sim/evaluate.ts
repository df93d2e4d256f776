/**
 * Replays a simulated year as an office would live it: each day's declared shipments get their lanes from
 * the facts known that day (past outcomes, past scans), the office opens as many as its budget allows,
 * and what it finds feeds the next days' facts. The same replay with random selection is the baseline.
 * Returns precision, recall and lift of the opened shipments, and the forecast's backtest error.
 */
import type { RiskFacts } from "../../core/risk/facts.ts";
import { backtestForecast, DEFAULT_FORECAST } from "../../core/risk/forecast.ts";
import { assessRisk } from "../../core/risk/score.ts";
import { DEFAULT_RISK_WEIGHTS, type IndicatorId, type RiskWeights } from "../../core/risk/weights.ts";
import { Random } from "./random.ts";
import type { SimScan, SimShipment, Trade } from "./trade.ts";

export type Policy = "risk" | "random";

export type Selection = {
  policy: Policy;
  /** Shipments declared over the measured days, and how many carried fakes. */
  shipments: number;
  infringing: number;
  inspected: number;
  /** Inspected shipments that carried fakes. */
  found: number;
  precision: number;
  recall: number;
  /** Precision over the share of shipments with fakes: how many times better than opening at random. */
  lift: number;
  /** Shipments the red lane held (risk policy only), and the share of them with fakes. */
  red?: { shipments: number; precision: number };
};

export type ReplaySettings = {
  /** Share of each day's shipments the office can open. */
  budget: number;
  /** Days of random inspections first, so that there is some history (not measured). */
  warmupDays: number;
  /** Chance an inspection of a shipment with fakes finds them. */
  detection: number;
  seed: number;
};

export const DEFAULT_REPLAY: ReplaySettings = { budget: 0.05, warmupDays: 60, detection: 0.95, seed: 7 };

type Record = { inspected: number; seized: number };

/** Counterfeit scans by GTIN and country, as sorted days, to count a window quickly. */
class ScanIndex {
  #days = new Map<string, number[]>();

  constructor(scans: readonly SimScan[]) {
    for (const s of scans) {
      const key = `${s.gtin}|${s.country}`;
      let days = this.#days.get(key);
      if (!days) this.#days.set(key, (days = []));
      days.push(s.day);
    }
  }

  /** Scans in [from, to). */
  count(gtin: string, country: string, from: number, to: number): number {
    const days = this.#days.get(`${gtin}|${country}`);
    return days ? lowerBound(days, to) - lowerBound(days, from) : 0;
  }
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Brands raise an alert for a GTIN in a country after a burst of counterfeit scans there (5 in 14 days). */
const ALERT_SCANS = 5;
const ALERT_DAYS = 14;

export function replay(trade: Trade, policy: Policy, settings: ReplaySettings = DEFAULT_REPLAY, weights: RiskWeights = DEFAULT_RISK_WEIGHTS): Selection {
  const rng = new Random(settings.seed);
  const scans = new ScanIndex(trade.scans);
  const all: Record = { inspected: 0, seized: 0 };
  const records = new Map<string, Record>();
  const firstSeen = new Map<string, number>();
  const record = (key: string): Record => records.get(key) ?? { inspected: 0, seized: 0 };
  const byDay = groupByDay(trade.shipments, trade.settings.days);
  const result = { shipments: 0, infringing: 0, inspected: 0, found: 0, redShipments: 0, redInfringing: 0 };
  let carry = 0;
  for (let day = 0; day < trade.settings.days; day++) {
    const today = byDay[day]!;
    const measured = day >= settings.warmupDays;
    const scored = today.map((shipment) => ({ shipment, assessment: assessRisk(factsOf(shipment, day), weights) }));
    carry += today.length * settings.budget;
    const quota = Math.floor(carry);
    carry -= quota;
    const order = policy === "random" || !measured ? shuffle(scored, rng) : [...scored].sort((a, b) => b.assessment.score - a.assessment.score);
    const opened = new Set(order.slice(0, quota).map((s) => s.shipment.id));
    for (const { shipment, assessment } of scored) {
      if (!firstSeen.has(shipment.shipper)) firstSeen.set(shipment.shipper, day);
      if (!firstSeen.has(shipment.consignee)) firstSeen.set(shipment.consignee, day);
      const inspected = opened.has(shipment.id);
      const seized = inspected && shipment.infringing && rng.chance(settings.detection);
      if (measured) {
        result.shipments++;
        if (shipment.infringing) result.infringing++;
        if (inspected) result.inspected++;
        if (seized) result.found++;
        if (policy === "risk" && assessment.lane === "red") {
          result.redShipments++;
          if (shipment.infringing) result.redInfringing++;
        }
      }
      if (!inspected) continue;
      for (const r of [all, ...["route:" + shipment.origin + ">" + shipment.destination, shipment.shipper, shipment.consignee].map((key) => {
        const r = record(key);
        records.set(key, r);
        return r;
      })]) {
        r.inspected++;
        if (seized) r.seized++;
      }
    }
  }
  const precision = result.inspected === 0 ? 0 : result.found / result.inspected;
  const prevalence = result.infringing / result.shipments;
  return {
    policy,
    shipments: result.shipments,
    infringing: result.infringing,
    inspected: result.inspected,
    found: result.found,
    precision,
    recall: result.infringing === 0 ? 0 : result.found / result.infringing,
    lift: prevalence === 0 ? 0 : precision / prevalence,
    ...(policy === "risk" ? { red: { shipments: result.redShipments, precision: result.redShipments === 0 ? 0 : result.redInfringing / result.redShipments } } : {}),
  };

  function factsOf(shipment: SimShipment, day: number): RiskFacts {
    const party = (id: string) => ({ ...record(id), ageDays: firstSeen.has(id) ? day - firstSeen.get(id)! : undefined });
    let destinationCounterfeitScans = 0;
    let brandAlerts = 0;
    for (const gtin of shipment.gtins) {
      destinationCounterfeitScans += scans.count(gtin, shipment.destination, day - weights.scanWindowDays, day);
      if (scans.count(gtin, shipment.destination, day - ALERT_DAYS, day) >= ALERT_SCANS) brandAlerts++;
    }
    return {
      all: { ...all },
      route: record(`route:${shipment.origin}>${shipment.destination}`),
      shipper: party(shipment.shipper),
      consignee: party(shipment.consignee),
      destinationCounterfeitScans,
      items: shipment.items,
      flaggedItems: shipment.flaggedItems,
      impossibleItems: shipment.impossibleItems,
      brandAlerts,
    };
  }
}

/** The red lane's lift with each indicator switched off in turn: what each one is worth. */
export function ablation(trade: Trade, settings: ReplaySettings = DEFAULT_REPLAY): Array<{ without: IndicatorId; lift: number }> {
  return (Object.keys(DEFAULT_RISK_WEIGHTS.weights) as IndicatorId[]).map((id) => ({
    without: id,
    lift: replay(trade, "risk", settings, { ...DEFAULT_RISK_WEIGHTS, weights: { ...DEFAULT_RISK_WEIGHTS.weights, [id]: 0 } }).lift,
  }));
}

export type ForecastError = { series: number; windows: number; mae: number; naiveMae: number; meanActual: number };

/** The forecast backtested on every brand × destination series of daily counterfeit scans, errors pooled over windows. */
export function forecastError(trade: Trade): ForecastError {
  const series = new Map<string, number[]>();
  for (const s of trade.scans) {
    const key = `${s.brand}|${s.country}`;
    let counts = series.get(key);
    if (!counts) series.set(key, (counts = Array<number>(trade.settings.days).fill(0)));
    counts[s.day]!++;
  }
  let windows = 0;
  let error = 0;
  let naive = 0;
  let actual = 0;
  for (const counts of series.values()) {
    const b = backtestForecast(counts, DEFAULT_FORECAST);
    windows += b.windows;
    error += b.mae * b.windows;
    naive += b.naiveMae * b.windows;
    actual += b.meanActual * b.windows;
  }
  return { series: series.size, windows, mae: error / windows, naiveMae: naive / windows, meanActual: actual / windows };
}

function groupByDay(shipments: readonly SimShipment[], days: number): SimShipment[][] {
  const byDay: SimShipment[][] = Array.from({ length: days }, () => []);
  for (const s of shipments) byDay[s.day]!.push(s);
  return byDay;
}

function shuffle<T>(items: readonly T[], rng: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
