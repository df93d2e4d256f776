/** Each view of the intelligence page as CSV: a header line, then one record per row (RFC 4180, CRLF). */
import type { IntelligenceView, IntelligenceViewName } from "../../../api/intelligence.ts";
import { csvField } from "../brands/labels/csv.ts";

type Table = { header: string[]; rows: Array<Array<string | number | null>> };

const TABLES: Record<IntelligenceViewName, (v: IntelligenceView) => Table> = {
  countries: (v) => ({ header: ["country", "counterfeit", "suspicious"], rows: v.byCountry.map((r) => [r.country, r.counterfeit, r.suspicious]) }),
  daily: (v) => ({ header: ["day", "counterfeit", "suspicious"], rows: v.daily.map((r) => [r.day, r.counterfeit, r.suspicious]) }),
  hotspots: (v) => ({ header: ["latitude", "longitude", "scans", "sessions"], rows: v.hotspots.map((r) => [r.latitude, r.longitude, r.scans, r.sessions]) }),
  clones: (v) => ({
    header: ["gtin", "lot", "serial", "countries", "cells", "scans", "sessions", "first_day", "last_day"],
    rows: v.cloneClusters.map((r) => [r.gtin, r.lot, r.serial, r.countries, r.cells, r.scans, r.sessions, r.firstDay, r.lastDay]),
  }),
  seizures: (v) => ({
    header: ["origin", "destination", "seizures", "items", "first_at", "last_at"],
    rows: v.seizures.map((r) => [r.origin, r.destination, r.seizures, r.items, r.firstAt, r.lastAt]),
  }),
  notices: (v) => ({
    header: ["platform", "platform_id", "filed", "removed", "rejected", "counter_noticed", "open", "median_hours_to_answer", "p90_hours_to_answer"],
    rows: v.notices.map((r) => [r.platform, r.platformId, r.filed, r.removed, r.rejected, r.counterNoticed, r.open, r.medianHoursToAnswer, r.p90HoursToAnswer]),
  }),
  forecast: (v) => ({
    header: ["country", "next_7_days", "backtest_windows", "backtest_mae", "naive_mae", "mean_actual"],
    rows: v.forecast.map((r) => [r.country, r.next7Days, r.backtest.windows, r.backtest.mae, r.backtest.naiveMae, r.backtest.meanActual]),
  }),
};

export function intelligenceCsv(view: IntelligenceView, name: IntelligenceViewName): string {
  const { header, rows } = TABLES[name](view);
  const lines = [header.join(","), ...rows.map((cells) => cells.map((c) => csvField(c === null ? "" : String(c))).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
