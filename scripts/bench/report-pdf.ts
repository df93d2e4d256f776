/**
 * The printable report of a 20,000-row manifest (a customs officer's large upload): the time to write its
 * PDF, its pages and size, and how much the process's resident memory grows while writing it (sampled).
 * The report is made up here, with label URIs of real length, since writing it needs no chain.
 */
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { InspectionReport } from "../../api/customs.ts";
import { writeReportPdf } from "../../server/features/shipments/inspections/report-pdf.ts";
import type { BenchResult } from "./results.ts";

const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 20_000);

export async function benchReportPdf(): Promise<BenchResult[]> {
  const report = syntheticReport(ROWS);
  let bytes = 0;
  let pages = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      pages += countOf(chunk, "/Type /Page\n");
      done();
    },
  });
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  await writeReportPdf(report, `0x${"12".repeat(32)}`, sink);
  await finished(sink);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rows = ROWS.toLocaleString("en");
  return [
    { name: `report PDF of a ${rows}-row manifest written`, value: Math.round(seconds * 100) / 100, unit: "s" },
    { name: `report PDF of a ${rows}-row manifest: pages`, value: pages, unit: "pages" },
    { name: `report PDF of a ${rows}-row manifest: size`, value: Math.round((bytes / 2 ** 20) * 10) / 10, unit: "MiB" },
    { name: `report PDF of a ${rows}-row manifest: resident memory growth while writing`, value: Math.round((peak - before) / 2 ** 20), unit: "MiB" },
  ];
}

function countOf(chunk: Buffer, needle: string): number {
  let count = 0;
  for (let at = chunk.indexOf(needle); at !== -1; at = chunk.indexOf(needle, at + 1)) count++;
  return count;
}

function syntheticReport(rows: number): InspectionReport {
  const signature = "Q".repeat(87);
  return {
    id: "00000000-0000-4000-8000-000000000000",
    shipmentId: `0x${"ab".repeat(32)}`,
    waybill: "BENCH-REPORT",
    office: { address: `0x${"cd".repeat(20)}`, name: "Bench customs", country: "NL" } as InspectionReport["office"],
    createdAt: new Date().toISOString(),
    checked: { chainId: 31337, registry: `0x${"ef".repeat(20)}`, blockNumber: 1 },
    summary: { declared: rows, expired: 0, undeclared: 0, counterfeit: 0, revoked: 0, duplicate: 0, unverified: 0, malformed: 0 },
    rows: Array.from({ length: rows }, (_, i) => ({
      row: i + 2,
      code: `https://id.example.com/01/09506000134352/10/SHIP1/21/S${String(i).padStart(9, "0")}?17=271231&s=${signature}`,
      class: "declared" as const,
      verdict: "GENUINE" as const,
      reasons: [],
      brandId: null,
    })),
    malformed: [],
  };
}
