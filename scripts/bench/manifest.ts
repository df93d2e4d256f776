/**
 * A customs manifest of 10,000 rows (a 10,000-item shipment, every label listed) checked in one upload,
 * against the baseline of checking each code through the public verify endpoint one request at a time.
 * Both run against the service in-process on Hardhat's in-process chain (no network hop to the chain);
 * the upload is measured first, on cold caches. The baseline is measured over its first BASELINE_CODES
 * codes, sequentially, and extrapolated linearly to the whole manifest (it says so in its name).
 */
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { issueBatch } from "../../test/helpers/issued.ts";
import { startTestService } from "../../test/helpers/service.ts";
import type { BenchResult } from "./results.ts";

const ROWS = Number(process.env.BENCH_MANIFEST_ROWS ?? 10_000);
const BASELINE_CODES = Math.min(ROWS, Number(process.env.BENCH_MANIFEST_BASELINE ?? 2_000));

export async function benchManifest(): Promise<BenchResult[]> {
  const svc = await startTestService({ RATE_LIMIT_MAX: "1000000000", BODY_LIMIT: "64mb" });
  try {
    const brand = await svc.newBrand("Bench brand");
    const batch = await issueBatch(svc, brand.apiKey, { gtin: "9506000134352", lot: "MANIFEST", quantity: ROWS });
    const office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Bench customs", country: "NL" } })).body;
    const shipment = await svc.api("POST", "/api/v1/shipments", {
      key: brand.apiKey,
      body: { waybill: "BENCH-1", consignee: privateKeyToAddress(generatePrivateKey()), origin: "CN", destination: "NL", batches: [batch.id] },
    });
    if (shipment.status !== 201) throw new Error(`shipment: ${shipment.status} ${JSON.stringify(shipment.body)}`);
    const id = shipment.body.shipment.id as string;

    const csv = ["code", ...batch.uris].join("\n");
    const started = performance.now();
    const res = await svc.api("POST", `/api/v1/shipments/${id}/inspections`, { key: office.apiKey, body: csv, headers: { "content-type": "text/csv" } });
    const manifestSeconds = (performance.now() - started) / 1000;
    if (res.status !== 201 || res.body.inspection.summary.declared !== ROWS) throw new Error(`inspection: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);

    const baselineStarted = performance.now();
    for (const code of batch.uris.slice(0, BASELINE_CODES)) {
      const verified = await fetch(`${svc.url}/api/v1/verify?code=${encodeURIComponent(code)}`);
      if (verified.status !== 200) throw new Error(`verify: ${verified.status}`);
      await verified.arrayBuffer();
    }
    const baselineSeconds = ((performance.now() - baselineStarted) / 1000) * (ROWS / BASELINE_CODES);
    const baseline = { name: `GET /api/v1/verify one code at a time (${BASELINE_CODES.toLocaleString("en")} measured, scaled to ${ROWS.toLocaleString("en")})`, value: round(baselineSeconds), unit: "s" };
    return [
      { name: `manifest of ${ROWS.toLocaleString("en")} rows checked (one upload, CSV)`, value: round(manifestSeconds), unit: "s", target: "<= 5 s on 2 cores", baseline },
      { name: "manifest rows checked per second", value: Math.round(ROWS / manifestSeconds), unit: "rows/s", baseline: { ...baseline, value: Math.round(ROWS / baselineSeconds), unit: "rows/s" } },
    ];
  } finally {
    await svc.close();
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;
