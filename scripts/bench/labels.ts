/**
 * Label downloads (server/features/brands/labels): SVG labels per second on the render pool against `qrcode`'s own
 * SVG output one label at a time, a 10,000-label PDF, and a 100,000-label zip to show that memory
 * stays flat. Every case runs in its own child process (labels-case.ts), so each peak RSS (main
 * thread and render workers together) is that case's own. The machine is shared, so throughputs are
 * the best of a few runs, with the CPU time per label beside them, which contention moves less.
 */
import os from "node:os";
import { runLabelCase } from "./labels-child.ts";
import type { LabelCaseResult } from "./labels-case.ts";
import type { BenchResult } from "./results.ts";

const RUNS = 3;

async function bestOf(name: string, labels: number): Promise<LabelCaseResult> {
  const runs: LabelCaseResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await runLabelCase(name, labels);
    runs.push(result);
    console.log(
      `  ${name} × ${labels.toLocaleString("en")} run ${run}/${RUNS}: ${Math.round(result.labelsPerSecond).toLocaleString("en")} labels/s, ` +
        `${result.seconds.toFixed(2)} s, ${Math.round(result.cpuMicrosecondsPerLabel)} µs CPU per label, peak RSS ${result.peakRssMiB} MiB ` +
        `(load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
  }
  return runs.reduce((best, run) => (run.labelsPerSecond > best.labelsPerSecond ? run : best));
}

export async function benchLabels(): Promise<BenchResult[]> {
  const cores = os.availableParallelism();
  console.log(`  ${cores} cores; render pool of 2 workers in every pool case`);
  const baseline = await bestOf("qrcode-svg", 1_000);
  const render = await bestOf("svg-render", 5_000);
  const svg = await bestOf("svg", 20_000);
  const png = await bestOf("png", 2_000);
  const pdf = await bestOf("pdf", 10_000);
  const large = await runLabelCase("svg-cold", 100_000);
  console.log(`  svg-cold × 100,000: ${large.seconds.toFixed(1)} s, peak RSS ${large.peakRssMiB} MiB`);

  const qrcodeBaseline = { name: `qrcode toString SVG (QR code only, no text), one at a time, 1 thread, best of ${RUNS}`, value: Math.round(baseline.labelsPerSecond), unit: "labels/s" };
  return [
    {
      name: `SVG labels as a zip download (writeLabels svg: encode, SVG, deflate, zip), 2 worker threads, best of ${RUNS} × 20,000`,
      value: Math.round(svg.labelsPerSecond),
      unit: "labels/s",
      target: "≥ 5,000 labels/s on 2 cores",
      baseline: qrcodeBaseline,
    },
    { name: "SVG labels as a zip download: CPU time per label, all threads", value: Math.round(svg.cpuMicrosecondsPerLabel), unit: "µs" },
    {
      name: `SVG label rendering (renderLabelSvg: QR code and text), 1 thread, best of ${RUNS} × 5,000`,
      value: Math.round(render.labelsPerSecond),
      unit: "labels/s",
      baseline: qrcodeBaseline,
    },
    { name: `PNG labels as a zip download, 2 worker threads, best of ${RUNS} × 2,000`, value: Math.round(png.labelsPerSecond), unit: "labels/s" },
    { name: `10,000-label PDF (writeLabels pdf from a cold start, 2 worker threads), best of ${RUNS}`, value: Math.round(pdf.seconds * 100) / 100, unit: "s" },
    { name: "10,000-label PDF: peak RSS of its process (main thread and workers)", value: pdf.peakRssMiB, unit: "MiB" },
    { name: "100,000-label SVG zip from a cold start: time", value: Math.round(large.seconds * 10) / 10, unit: "s" },
    { name: "100,000-label SVG zip: peak RSS of its process (flat: compare the 20,000-label run)", value: large.peakRssMiB, unit: "MiB", baseline: { name: "20,000-label SVG zip", value: svg.peakRssMiB, unit: "MiB" } },
  ];
}
