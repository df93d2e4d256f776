/**
 * Seeded data for the brand intelligence page, shared by the service test and the Chromium test: two
 * seizures on two routes (through the API, on chain), 60 days of counterfeit scans in France (3 a day) and
 * Germany (1 every other day), one with no country, a code cloned across France, Germany and Italy, and
 * a busy cell in Paris; product notices to two platforms: on "Market A" two about the batch (one removed, one
 * rejected) and one open, on "Market B" one about the brand as a whole (counter-noticed). The period is the 60 days ending today, so that the seizures (recorded now) fall in it.
 */
import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { gtinIn } from "./prefixes.ts";
import { issueBatch } from "./issued.ts";
import type { TestService } from "./service.ts";

const DAY = 86_400_000;
export const SEED_DAYS = 60;
export const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const BERLIN = { latitude: 52.52, longitude: 13.405 };
const ROME = { latitude: 41.9028, longitude: 12.4964 };

export type SeededIntelligence = { brand: Awaited<ReturnType<TestService["newBrand"]>>; gtin: string; from: string; to: string };

export async function seedIntelligence(svc: TestService, name = "Acme Intelligence"): Promise<SeededIntelligence> {
  const brand = await svc.newBrand(name);
  const gtin = gtinIn(brand.prefixes[0]!);
  const batch = await issueBatch(svc, brand.apiKey, { gtin, lot: "INT1", quantity: 6 });
  const office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Antwerp customs", country: "BE" } })).body;
  for (const [origin, destination, codes] of [["CN", "BE", batch.uris.slice(0, 4)], ["TR", "DE", batch.uris.slice(4, 6)]] as const) {
    const shipment = await svc.api("POST", "/api/v1/shipments", {
      key: brand.apiKey,
      body: { waybill: `INT-${origin}`, consignee: privateKeyToAddress(generatePrivateKey()), origin, destination, codes },
    });
    expect(shipment.status, JSON.stringify(shipment.body)).to.equal(201);
    const inspection = await svc.api("POST", `/api/v1/shipments/${shipment.body.shipment.id}/inspections`, { key: office.apiKey, body: { codes } });
    expect(inspection.status, JSON.stringify(inspection.body).slice(0, 300)).to.equal(201);
    const recorded = await svc.api("POST", `/api/v1/inspections/${inspection.body.inspection.id}/record`, { key: office.apiKey, body: { outcome: "seized" } });
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
  }
  await fileNotices(svc, brand.brandId, batch.id, name);
  const today = Math.floor(Date.now() / DAY) * DAY;
  const first = today - (SEED_DAYS - 1) * DAY;
  const store = svc.ctx.store;
  const fake = (country: string | undefined, at: number, n: number) =>
    store.recordCounterfeitScan({ brandId: brand.brandId, gtin, lot: "INT1", serial: `FAKE${n}`, reason: "UNSIGNED", sessionId: `f${n}`, network: `net-f${n}`, country, scannedAt: at });
  let n = 0;
  for (let d = 0; d < SEED_DAYS; d++) {
    const noon = first + d * DAY + DAY / 2;
    for (let i = 0; i < 3; i++) await fake("FR", noon + i, n++);
    if (d % 2 === 0) await fake("DE", noon, n++);
  }
  await fake(undefined, first + DAY / 2, n++);
  // A genuine code's label copied: scanned in Paris, Berlin and Rome. Another scanned three times in Paris.
  const scan = (serial: string, session: string, at: number, country: string, location: { latitude: number; longitude: number }) =>
    store.recordScan({ brandId: brand.brandId, gtin, lot: "INT1", serial }, { sessionId: session, network: `net-${session}`, scannedAt: at, country, location });
  const yesterday = today - DAY / 2;
  await scan("CLONED", "c1", yesterday, "FR", PARIS);
  await scan("CLONED", "c2", yesterday + 1, "DE", BERLIN);
  await scan("CLONED", "c3", yesterday + 2, "IT", ROME);
  for (const s of ["h1", "h2", "h3"]) await scan("BUSY", s, yesterday + 3, "FR", PARIS);
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { brand, gtin, from: date(first), to: date(today) };
}

/** Notices naming the brand, filed by a rights holder acting for it, and the platforms' answers. */
async function fileNotices(svc: TestService, brandId: string, batchId: string, name: string): Promise<void> {
  const admit = async (kind: "rights-holders" | "platforms", who: string) => {
    const res = await svc.api("POST", `/api/v1/${kind}`, { key: svc.registrarApiKey, body: { name: who } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.apiKey as string;
  };
  const counsel = await admit("rights-holders", `${name} counsel`);
  const platforms = { A: await admit("platforms", `${name} Market A`), B: await admit("platforms", `${name} Market B`) };
  const notices: Array<[keyof typeof platforms, boolean, Record<string, string> | undefined]> = [
    ["A", true, { answer: "removed" }],
    ["A", true, { answer: "rejected", reason: "not-infringing", explanation: "a genuine item, resold" }],
    ["A", true, undefined],
    ["B", false, { answer: "counter-notice", counterNotice: "the seller says it is genuine" }],
  ];
  for (const [i, [platform, withBatch, answer]] of notices.entries()) {
    const filed = await svc.api("POST", "/api/v1/notices", {
      key: counsel,
      body: { platform: `${name} Market ${platform}`, territory: "FR", brandId, ...(withBatch ? { batchId } : {}), location: `https://market.example/${i}`, evidence: `listing ${i}` },
    });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    if (answer === undefined) continue;
    const answered = await svc.api("POST", `/api/v1/notices/${filed.body.notice.id}/answer`, { key: platforms[platform], body: answer });
    expect(answered.status, JSON.stringify(answered.body)).to.equal(200);
  }
}
