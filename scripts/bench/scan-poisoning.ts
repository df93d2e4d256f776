/**
 * How cheap is it to forge scan evidence? Against the service in-process on Hardhat's chain, defaults for
 * every history and session setting (the rate limit out of the way, since it only slows an attacker down):
 *
 * - one client network (no trusted proxy, so each request's forged X-Forwarded-For is ignored) posts up to
 *   BENCH_POISON_REQUESTS requests against one genuine item: a new session, then four scans in it claiming
 *   Paris, Tokyo, New York and Sydney, again and again. Reported: the requests sent and whether the item
 *   was ever flipped to SUSPICIOUS (the verdict is read at the end too);
 * - a copied label (loopback a trusted proxy, each phone on a /24 of its own or two to a /24): how many
 *   networks, phones and requests until it is flagged TOO_MANY_SESSIONS (one session counted per
 *   network: 6 networks), and IMPOSSIBLE_TRAVEL (Paris and Tokyo each seen from two networks: 4);
 * - one network beside honest scans from other networks, on a service whose session budget is lifted
 *   (SESSIONS_PER_NETWORK 1,000: as many counted sessions as a network gathers in two weeks), so that
 *   only the history's rules stand in the way: a genuine item an honest phone scanned in Paris, then the
 *   attacker's session and one scan claiming Sydney (the 2-request flip before corroboration), then up to
 *   BENCH_POISON_BESIDE_REQUESTS more requests claiming Sydney, Paris and Tokyo; and a genuine item with
 *   honest sessions from 2 other networks, then up to as many requests adding sessions. Reported: the
 *   requests sent and whether the item was ever flipped.
 */
import { issueBatch } from "../../test/helpers/issued.ts";
import { startTestService, type TestService } from "../../test/helpers/service.ts";
import type { BenchResult } from "./results.ts";

const REQUESTS = Number(process.env.BENCH_POISON_REQUESTS ?? 5_000);
const BESIDE_REQUESTS = Number(process.env.BENCH_POISON_BESIDE_REQUESTS ?? 1_000);
const GTIN = "09506000134352";
const PLACES = [
  { latitude: 48.8566, longitude: 2.3522, country: "FR" },
  { latitude: 35.6762, longitude: 139.6503, country: "JP" },
  { latitude: 40.7128, longitude: -74.006, country: "US" },
  { latitude: -33.8688, longitude: 151.2093, country: "AU" },
];

type Headers = Record<string, string>;

export async function benchScanPoisoning(): Promise<BenchResult[]> {
  return [...(await oneNetwork()), ...(await copiedLabel()), ...(await besideHonestScans())];
}

async function oneNetwork(): Promise<BenchResult[]> {
  const svc = await startTestService({ RATE_LIMIT_MAX: "1000000000" });
  try {
    const code = (await genuineItems(svc, "POISON1", 1))[0]!;
    const forged = (i: number): Headers => ({ "x-forwarded-for": `${1 + (i % 223)}.${(i * 7) % 256}.${i % 256}.1` });
    let requests = 0;
    let flippedAt: number | undefined;
    let sessionId = "";
    const latencies: number[] = [];
    while (requests < REQUESTS && flippedAt === undefined) {
      if (requests % 5 === 0) {
        sessionId = (await call(svc, "POST", "/api/v1/sessions", undefined, forged(requests), 201)).sessionId;
      } else {
        const place = PLACES[requests % 5 - 1]!;
        const started = performance.now();
        const body = { code, sessionId, location: { latitude: place.latitude, longitude: place.longitude }, country: place.country };
        const answer = await call(svc, "POST", "/api/v1/scans", body, forged(requests));
        latencies.push(performance.now() - started);
        if (answer.history.suspicious) flippedAt = requests + 1;
      }
      requests++;
    }
    const view = await call(svc, "GET", `/api/v1/verify?code=${encodeURIComponent(code)}`);
    if (view.verdict === "SUSPICIOUS") flippedAt ??= requests;
    const outcome = flippedAt === undefined ? `not flipped, verdict still ${view.verdict}` : `flipped to SUSPICIOUS at request ${flippedAt}`;
    latencies.sort((a, b) => a - b);
    return [
      { name: `one client network against a genuine item: requests posted (${outcome})`, value: requests, unit: "requests", target: "never flipped" },
      { name: "of those, sessions that counted in the item's history", value: view.history.sessions, unit: "sessions" },
      { name: "of those, scans that entered the item's history", value: view.history.scans, unit: "scans" },
      { name: "POST /api/v1/scans median latency (in-process, one client)", value: Math.round(latencies[latencies.length >> 1]! * 100) / 100, unit: "ms" },
    ];
  } finally {
    await svc.close();
  }
}

async function copiedLabel(): Promise<BenchResult[]> {
  const svc = await startTestService({ TRUSTED_PROXIES: "loopback", RATE_LIMIT_MAX: "1000000000" });
  try {
    const [twoPerNetwork, onePerNetwork, travel] = await genuineItems(svc, "POISON2", 3);
    let network = 0;
    const phoneOn = (n: number, host = 9): Headers => ({ "x-forwarded-for": `100.64.${n}.${host}` });
    /** Phones scan the code, `perNetwork` to a fresh /24, until it is flagged with `reason`. */
    const untilFlagged = async (code: string, perNetwork: number, reason: string, place?: (phone: number) => (typeof PLACES)[number]) => {
      let requests = 0;
      for (let phone = 0; phone < 60; phone++) {
        if (phone % perNetwork === 0) network++;
        const headers = phoneOn(network, 10 + (phone % perNetwork));
        const { sessionId } = await call(svc, "POST", "/api/v1/sessions", undefined, headers, 201);
        const where = place?.(phone);
        const body = where === undefined ? { code, sessionId } : { code, sessionId, location: { latitude: where.latitude, longitude: where.longitude } };
        const answer = await call(svc, "POST", "/api/v1/scans", body, headers);
        requests += 2;
        if (answer.history.reasons.some((r: { code: string }) => r.code === reason)) return { phones: phone + 1, networks: answer.history.networks as number, requests };
      }
      throw new Error(`${code} was never flagged ${reason}`);
    };
    const crowd2 = await untilFlagged(twoPerNetwork!, 2, "TOO_MANY_SESSIONS");
    const crowd1 = await untilFlagged(onePerNetwork!, 1, "TOO_MANY_SESSIONS");
    const far = await untilFlagged(travel!, 1, "IMPOSSIBLE_TRAVEL", (phone) => PLACES[phone % 2]!);

    return [
      { name: `copied label, two phones per network: networks until TOO_MANY_SESSIONS (${crowd2.phones} phones, ${crowd2.requests} requests)`, value: crowd2.networks, unit: "networks" },
      { name: `copied label, one phone per network: networks until TOO_MANY_SESSIONS (${crowd1.requests} requests)`, value: crowd1.networks, unit: "networks" },
      { name: `copied label: networks until IMPOSSIBLE_TRAVEL (Paris and Tokyo minutes apart, one phone per network, ${far.requests} requests)`, value: far.networks, unit: "networks" },
    ];
  } finally {
    await svc.close();
  }
}

async function besideHonestScans(): Promise<BenchResult[]> {
  const svc = await startTestService({ TRUSTED_PROXIES: "loopback", RATE_LIMIT_MAX: "1000000000", SESSIONS_PER_NETWORK: "1000" });
  try {
    const [travelItem, crowdItem] = (await genuineItems(svc, "POISON3", 2)) as [string, string];
    const phoneOn = (n: number): Headers => ({ "x-forwarded-for": `100.65.${n}.9` });
    const attacker = phoneOn(99);
    const newSession = async (headers: Headers): Promise<string> => (await call(svc, "POST", "/api/v1/sessions", undefined, headers, 201)).sessionId;
    const at = (place: (typeof PLACES)[number]) => ({ latitude: place.latitude, longitude: place.longitude });
    const [PARIS, TOKYO, SYDNEY] = [PLACES[0]!, PLACES[1]!, PLACES[3]!];
    const isFlipped = async (code: string) => (await call(svc, "GET", `/api/v1/verify?code=${encodeURIComponent(code)}`)).verdict !== "GENUINE";

    // An honest phone scans the item in Paris; the attacker's network claims Sydney, then keeps trying.
    const shopper = phoneOn(1);
    await call(svc, "POST", "/api/v1/scans", { code: travelItem, sessionId: await newSession(shopper), location: at(PARIS) }, shopper);
    const lie = await call(svc, "POST", "/api/v1/scans", { code: travelItem, sessionId: await newSession(attacker), location: at(SYDNEY) }, attacker);
    const twoRequestFlip = lie.history.suspicious || (await isFlipped(travelItem));
    let travelRequests = 2;
    let travelFlippedAt: number | undefined = twoRequestFlip ? 2 : undefined;
    while (travelRequests < BESIDE_REQUESTS && travelFlippedAt === undefined) {
      const sessionId = await newSession(attacker);
      travelRequests++;
      for (const place of [SYDNEY, PARIS, TOKYO]) {
        const answer = await call(svc, "POST", "/api/v1/scans", { code: travelItem, sessionId, location: at(place), country: place.country }, attacker);
        travelRequests++;
        if (answer.history.suspicious) travelFlippedAt ??= travelRequests;
      }
    }
    if (await isFlipped(travelItem)) travelFlippedAt ??= travelRequests;

    // Honest sessions from 2 networks; the attacker's network adds a session and a scan at a time.
    for (const phone of [phoneOn(2), phoneOn(3)]) await call(svc, "POST", "/api/v1/scans", { code: crowdItem, sessionId: await newSession(phone) }, phone);
    let crowdRequests = 0;
    let crowdFlippedAt: number | undefined;
    while (crowdRequests < BESIDE_REQUESTS && crowdFlippedAt === undefined) {
      const answer = await call(svc, "POST", "/api/v1/scans", { code: crowdItem, sessionId: await newSession(attacker) }, attacker);
      crowdRequests += 2;
      if (answer.history.suspicious) crowdFlippedAt = crowdRequests;
    }
    if (await isFlipped(crowdItem)) crowdFlippedAt ??= crowdRequests;

    const outcome = (flippedAt: number | undefined) => (flippedAt === undefined ? "never flipped" : `flipped to SUSPICIOUS at request ${flippedAt}`);
    return [
      {
        name: `one network against a genuine item an honest phone on another network scanned in Paris: a session and one scan claiming Sydney (${twoRequestFlip ? "flipped to SUSPICIOUS, IMPOSSIBLE_TRAVEL" : "not flipped"})`,
        value: 2,
        unit: "requests",
      },
      {
        name: `one network beside an honest scan in Paris, session budget lifted: requests posted, sessions claiming Sydney, Paris and Tokyo (${outcome(travelFlippedAt)})`,
        value: travelRequests,
        unit: "requests",
        target: "never flipped",
      },
      {
        name: `one network beside honest sessions from 2 other networks, session budget lifted: requests posted, a new session and scan each (${outcome(crowdFlippedAt)})`,
        value: crowdRequests,
        unit: "requests",
        target: "never flipped",
      },
    ];
  } finally {
    await svc.close();
  }
}

/** `count` genuine label URIs from a new brand's batch. */
async function genuineItems(svc: TestService, lot: string, count: number): Promise<string[]> {
  const brand = await svc.newBrand(`Bench ${lot}`);
  return (await issueBatch(svc, brand.apiKey, { gtin: GTIN, lot, quantity: count })).uris;
}

/** One request; throws unless the status is `expected` (default: 200 or 201). */
async function call(svc: TestService, method: string, route: string, body?: unknown, headers?: Headers, expected?: number): Promise<any> {
  const res = await svc.api(method, route, { body, headers });
  const ok = expected === undefined ? res.status === 200 || res.status === 201 : res.status === expected;
  if (!ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
