/** One benchmark figure, and the baseline it is measured against where the issue names one. */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  target?: string;
  baseline?: { name: string; value: number; unit: string };
};

export function formatResult(r: BenchResult): string {
  const base = r.baseline ? `   (baseline ${r.baseline.name}: ${r.baseline.value.toLocaleString("en")} ${r.baseline.unit})` : "";
  const target = r.target ? `   [target ${r.target}]` : "";
  return `${r.name}: ${r.value.toLocaleString("en")} ${r.unit}${target}${base}`;
}
