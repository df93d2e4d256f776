/** An inspection report as CSV: one record per manifest row, malformed rows included, in row order. */
import { csvField } from "../../brands/labels/csv.ts";
import type { InspectionReport } from "../../../../api/customs.ts";

export function reportCsv(report: InspectionReport): string {
  const records = [
    ...report.rows.map((r) => ({ row: r.row, cells: [r.code, r.class, r.verdict, r.reasons.map((x) => x.code).join(" "), r.reasons[0]?.message ?? ""] })),
    ...report.malformed.map((m) => ({ row: m.row, cells: ["", "malformed", "", m.error, m.message] })),
  ].sort((a, b) => a.row - b.row);
  const lines = ["row,code,class,verdict,reasons,message", ...records.map(({ row, cells }) => [String(row), ...cells.map(csvField)].join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
