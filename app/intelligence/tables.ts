/** The page's tables: one row per entry of a view, numbers right-aligned, an empty view said in words. */
import type { IntelligenceView } from "../../api/intelligence.ts";
import { h } from "../console/dom.ts";

/** A number shown as given (already rounded to text) or as is; both right-aligned. */
type Cell = string | number | { figure: string };

function fill(body: HTMLElement, rows: Cell[][], columns: number, empty: string): void {
  if (rows.length === 0) {
    body.replaceChildren(h("tr", {}, h("td", { colspan: String(columns), class: "hint" }, empty)));
    return;
  }
  body.replaceChildren(...rows.map((cells) => h("tr", {}, ...cells.map((c) => (typeof c === "string" ? h("td", {}, c) : h("td", { class: "number" }, typeof c === "number" ? String(c) : c.figure))))));
}

const fixed = (x: number) => ({ figure: x.toFixed(1) });

export function fillTables(view: IntelligenceView, body: (id: string) => HTMLElement): void {
  fill(body("countries"), view.byCountry.map((c) => [c.country ?? "(not given)", c.counterfeit, c.suspicious]), 3, "No counterfeit or suspicious verdicts in this period.");
  fill(
    body("forecast"),
    view.forecast.map((f) => [f.country, fixed(f.next7Days), fixed(f.backtest.mae), fixed(f.backtest.naiveMae), fixed(f.backtest.meanActual), f.backtest.windows]),
    6,
    "No country with counterfeit verdicts to forecast.",
  );
  fill(body("hotspots"), view.hotspots.map((c) => [`${c.latitude.toFixed(1)}, ${c.longitude.toFixed(1)}`, c.scans, c.sessions]), 3, "No cell with 3 scans or more.");
  fill(body("seizures"), view.seizures.map((s) => [`${s.origin} → ${s.destination}`, s.seizures, s.items, s.lastAt.slice(0, 10)]), 4, "No seizures in this period.");
  fill(
    body("clones"),
    view.cloneClusters.map((c) => [c.gtin, c.lot, c.serial, c.countries, c.cells, c.scans, c.firstDay === c.lastDay ? c.firstDay : `${c.firstDay} – ${c.lastDay}`]),
    7,
    "No code seen in 3 countries or cells.",
  );
  const hours = (h: number | null) => ({ figure: h === null ? "–" : h.toFixed(1) });
  fill(
    body("notices"),
    view.notices.map((n) => [n.platform, n.filed, n.removed, n.rejected, n.counterNoticed, n.open, hours(n.medianHoursToAnswer), hours(n.p90HoursToAnswer)]),
    8,
    "No product notices filed in this period.",
  );
}
