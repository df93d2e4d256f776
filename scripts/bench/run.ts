/**
 * `npm run bench`: every benchmark in one run, printed and written to bench/results.json.
 * `BENCH=<key>[,<key>…] npm run bench` runs only the groups with those keys, and replaces just their figures
 * in bench/results.json. Benchmarks are measurements, not tests: they report what they reach, and never
 * fail on a target.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchBatchEndToEnd } from "./batch-e2e.ts";
import { benchCluster } from "./cluster.ts";
import { benchEventLoop } from "./event-loop.ts";
import { benchImageDecoding } from "./image-decoding.ts";
import { benchIndexer } from "./indexer.ts";
import { benchIntelligence } from "./intelligence.ts";
import { benchIssuance } from "./issuance.ts";
import { benchLabels } from "./labels.ts";
import { benchManifest } from "./manifest.ts";
import { benchMerkle } from "./merkle.ts";
import { benchPgItems } from "./pg-items.ts";
import { benchPhash } from "./phash.ts";
import { benchProofStorage } from "./proof-storage.ts";
import { benchRegistryGas } from "./registry-gas.ts";
import { benchReportPdf } from "./report-pdf.ts";
import { benchRisk } from "./risk.ts";
import { benchRobustMatching } from "./robust-matching.ts";
import { formatResult, type BenchResult } from "./results.ts";
import { benchScanPoisoning } from "./scan-poisoning.ts";
import { benchSlowLink } from "./slow-link.ts";
import { benchVerify } from "./verify.ts";
import { benchVerifier } from "./verifier.ts";

type Group = { key: string; title: string; run: () => Promise<BenchResult[]> };
const groups: Group[] = [
  { key: "gas", title: "registry gas", run: benchRegistryGas },
  { key: "issuance", title: "issuance pipeline", run: benchIssuance },
  { key: "merkle", title: "Merkle tree", run: benchMerkle },
  { key: "labels", title: "labels", run: benchLabels },
  { key: "pg-items", title: "a batch's items into PostgreSQL: COPY against multi-row INSERT", run: benchPgItems },
  { key: "proofs", title: "proofs served from stored trees: bytes per item and proof latency, SQLite and PostgreSQL", run: benchProofStorage },
  { key: "batch-e2e", title: "a 1,000,000-item batch through the API, on SQLite and on PostgreSQL", run: benchBatchEndToEnd },
  { key: "verify", title: "the verify endpoint under load (autocannon), cached vs every read afresh", run: benchVerify },
  { key: "cluster", title: "the verify endpoint with one instance and with two on one PostgreSQL database", run: benchCluster },
  { key: "verifier", title: "verifier page in Chromium", run: benchVerifier },
  { key: "slow-link", title: "verifier page opened from a label over a slow link (Chromium throttling), before and after", run: benchSlowLink },
  { key: "manifest", title: "customs manifest check", run: benchManifest },
  { key: "report-pdf", title: "customs report PDF of a large manifest", run: benchReportPdf },
  { key: "phash", title: "perceptual-hash lookup among 100,000 registered works", run: benchPhash },
  { key: "robust-matching", title: "content matching that survives edits: lookup among 100,000 works, and copies of real photos found", run: benchRobustMatching },
  { key: "images", title: "uploaded images decoded off the request thread", run: benchImageDecoding },
  { key: "healthz", title: "the longest /healthz wait while a 1,000,000-item batch is made and downloaded", run: benchEventLoop },
  { key: "indexer", title: "chain indexer catch-up from the deployment block", run: benchIndexer },
  { key: "risk", title: "customs risk lanes and the forecast on a simulated year of trade with a known truth", run: benchRisk },
  { key: "intelligence", title: "the intelligence page's aggregations over 10,000,000 scans from roll-ups, beside the raw tables at 1,000,000", run: benchIntelligence },
  { key: "scan-poisoning", title: "forging scan evidence: one client network against a genuine item, and a copied label across networks", run: benchScanPoisoning },
];

type Recorded = BenchResult & { group: string; measuredAt: string };
const out = path.resolve(import.meta.dirname, "../../bench/results.json");
const words = (process.env.BENCH ?? "").split(/[\s,]+/).filter(Boolean);
const selected = words.length === 0 ? groups : groups.filter((g) => words.includes(g.key));
if (selected.length === 0) {
  console.error(`No benchmark group is named ${words.join(", ")}; groups: ${groups.map((g) => g.key).join(", ")}`);
  process.exit(2);
}

const results: Recorded[] = (words.length === 0 ? [] : await readPrevious()).filter((r) => !selected.some((g) => g.key === r.group));
for (const group of selected) {
  console.log(`# ${group.title}`);
  for (const result of await group.run()) {
    console.log(formatResult(result));
    results.push({ ...result, group: group.key, measuredAt: new Date().toISOString() });
  }
}
const order = (r: Recorded) => groups.findIndex((g) => g.key === r.group);
results.sort((a, b) => order(a) - order(b));

await mkdir(path.dirname(out), { recursive: true });
const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
await writeFile(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, results }, null, 2)}\n`);
console.log(`Written to ${path.relative(process.cwd(), out)}`);

async function readPrevious(): Promise<Recorded[]> {
  try {
    const { results: recorded, measuredAt } = JSON.parse(await readFile(out, "utf8")) as { results: Recorded[]; measuredAt: string };
    return recorded.map((r) => ({ ...r, measuredAt: r.measuredAt ?? measuredAt }));
  } catch {
    return [];
  }
}
