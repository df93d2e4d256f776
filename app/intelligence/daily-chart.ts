/** The daily series of counterfeit and suspicious verdicts, drawn by uPlot (bundled and served here). */
import uPlot from "uplot";
import type { IntelligenceView } from "../../api/intelligence.ts";

let chart: uPlot | undefined;

export function drawDailyChart(container: HTMLElement, daily: IntelligenceView["daily"]): void {
  chart?.destroy();
  const x = daily.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const width = Math.max(320, container.clientWidth || 600);
  chart = new uPlot(
    {
      width,
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      series: [{}, { label: "Counterfeit", stroke: "#b3261e", width: 2 }, { label: "Suspicious", stroke: "#8a5a00", width: 2, dash: [6, 4] }],
      axes: [{}, { label: "verdicts per day" }],
    },
    [x, daily.map((d) => d.counterfeit), daily.map((d) => d.suspicious)],
    container,
  );
}
