/**
 * The brand intelligence page's answer: one brand's counterfeit and suspicious verdicts by country and day,
 * the scan log's hotspots, clone clusters, seizures by route and a 7-day forecast per country with its
 * backtest error, and product notices' outcomes per platform. Only the brand's own data (its key says which brand), and only aggregates (store part).
 */
import { normalizeGtin } from "../../../core/gs1/index.ts";
import { VeritraceError } from "../../../core/errors.ts";
import { backtestForecast, DEFAULT_FORECAST, forecastCounts } from "../../../core/risk/forecast.ts";
import type { ForecastRow, IntelligenceQuery, IntelligenceView, VerdictCounts } from "../../../api/intelligence.ts";
import type { ServiceContext } from "../../context.ts";
import { badRequest } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import type { VerdictsByDay } from "./store/types.ts";
import { noticeOutcomes } from "./notice-outcomes.ts";

const DAY_MS = 86_400_000;
/** The default period: 90 days, enough for the forecast's 28-day warm-up and several backtest windows. */
const DEFAULT_DAYS = 90;
/** The longest period asked for: the daily series holds one row per day. */
export const MAX_DAYS = 731;

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function brandIntelligence(ctx: ServiceContext, caller: Organisation, query: IntelligenceQuery, now = Date.now()): Promise<IntelligenceView> {
  const gtin = normalized(query.gtin);
  const to = query.to ?? dateOf(now);
  const from = query.from ?? dateOf(dayMs(to) - (DEFAULT_DAYS - 1) * DAY_MS);
  const days = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  if (days < 1) throw badRequest("from is after to", "INVALID_PERIOD", "from");
  if (days > MAX_DAYS) throw badRequest(`A period is at most ${MAX_DAYS} days`, "PERIOD_TOO_LONG", "from");
  const filter = { brandId: caller.brandId!, gtin, lot: query.lot, from: dayMs(from), to: dayMs(to) + DAY_MS };
  const { intelligence } = ctx.store;
  const [verdicts, hotspots, cloneClusters, seizures, notices] = await Promise.all([
    intelligence.verdicts(filter),
    intelligence.hotspots(filter),
    intelligence.cloneClusters(filter),
    intelligence.seizures(filter),
    noticeOutcomes(ctx, filter),
  ]);
  const dates = Array.from({ length: days }, (_, i) => dateOf(dayMs(from) + i * DAY_MS));
  return {
    query: { gtin: gtin ?? null, lot: query.lot ?? null, from, to },
    totals: add(verdicts),
    byCountry: byCountry(verdicts),
    daily: dates.map((day) => ({ day, ...add(verdicts.filter((v) => v.day === day)) })),
    hotspots,
    cloneClusters,
    seizures,
    forecast: forecast(verdicts, dates),
    notices,
    asOf: new Date(now).toISOString(),
  };
}

function normalized(gtin: string | undefined): string | undefined {
  try {
    return gtin === undefined ? undefined : normalizeGtin(gtin);
  } catch (error) {
    if (error instanceof VeritraceError) throw badRequest(`gtin: ${error.message}`, error.code, "gtin");
    throw error;
  }
}

const add = (rows: readonly VerdictCounts[]): VerdictCounts =>
  rows.reduce((t, r) => ({ counterfeit: t.counterfeit + r.counterfeit, suspicious: t.suspicious + r.suspicious }), { counterfeit: 0, suspicious: 0 });

function byCountry(verdicts: readonly VerdictsByDay[]): IntelligenceView["byCountry"] {
  const countries = new Map<string | null, VerdictCounts>();
  for (const v of verdicts) countries.set(v.country, add([countries.get(v.country) ?? { counterfeit: 0, suspicious: 0 }, v]));
  return [...countries]
    .map(([country, counts]) => ({ country, ...counts }))
    .sort((a, b) => b.counterfeit - a.counterfeit || b.suspicious - a.suspicious || byName(a.country, b.country));
}

/** Countries in code order, "no country" last. */
const byName = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** Per country with counterfeit verdicts: the daily series over the period (zeros included), forecast and backtested. */
function forecast(verdicts: readonly VerdictsByDay[], dates: readonly string[]): ForecastRow[] {
  const index = new Map(dates.map((d, i) => [d, i]));
  const series = new Map<string, number[]>();
  for (const v of verdicts) {
    if (v.country === null || v.counterfeit === 0) continue;
    const counts = series.get(v.country) ?? Array<number>(dates.length).fill(0);
    counts[index.get(v.day)!]! += v.counterfeit;
    series.set(v.country, counts);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return [...series]
    .map(([country, counts]) => {
      const f = forecastCounts(counts, DEFAULT_FORECAST);
      const b = backtestForecast(counts, DEFAULT_FORECAST);
      return {
        country,
        next7Days: round(f.total),
        daily: f.daily.map(round),
        backtest: { windows: b.windows, mae: round(b.mae), naiveMae: round(b.naiveMae), meanActual: round(b.meanActual) },
      };
    })
    .sort((a, b) => b.next7Days - a.next7Days || a.country.localeCompare(b.country));
}
