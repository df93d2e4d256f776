/**
 * The scan-history signal: does the log of one item code look like a cloned label? Pure (no I/O, no
 * clock), so the server, the tests and any other caller compute it the same way from the same records.
 *
 * A clone copies the whole label, so every copy scans as the same code. Two patterns give it away:
 * - TOO_MANY_SESSIONS: more distinct scanning sessions inside one time window than one genuine item gets
 *   (a shopper, a retailer, a gift recipient, perhaps a customs check). Sessions are counted, never raw
 *   scans, so one shopper scanning the same box again and again is never flagged.
 * - IMPOSSIBLE_TRAVEL: two sessions saw the code in places farther apart than anyone could carry one item
 *   in the time between the scans. Locations are coarse (rounded, or a country only), so distances are
 *   reduced by a tolerance first and country-only scans count only when they are very close in time.
 *
 * Neither pattern may rest on one client network. Anyone can post scans, and one machine can ask for any
 * number of sessions and claim any location, so every record carries the network (the /24 or /48 prefix)
 * its session was issued to: TOO_MANY_SESSIONS needs sessions from at least `minNetworks` networks, and
 * IMPOSSIBLE_TRAVEL only compares scans from two different networks.
 *
 * The signal depends only on the records, not on "now": a code that was once cloned stays suspicious.
 */
import type { HistorySignal, Reason } from "./verdict.ts";

/** One scan of an item code; `scannedAt` in milliseconds since the epoch. */
export type ScanRecord = {
  sessionId: string;
  /** The client network the session was issued to, e.g. "203.0.113.0/24" or "2001:db8:1::/48". */
  network: string;
  scannedAt: number;
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string | undefined;
};

export type HistoryThresholds = {
  /** The most distinct sessions a genuine item plausibly sees within `windowMs`; one more is suspicious. */
  maxSessions: number;
  windowMs: number;
  /** The fewest distinct networks those sessions must come from: one network alone never makes a crowd. */
  minNetworks: number;
  /** The fastest anyone carries an item between two scans, km/h (an airliner's cruise is ~900). */
  maxSpeedKmh: number;
  /** Subtracted from every distance: coarse locations and IP/GPS error put one place tens of km off. */
  locationToleranceKm: number;
  /** With countries only: two different countries seen by two sessions closer in time than this. */
  countryChangeMs: number;
};

const DAY_MS = 86_400_000;

/**
 * Defaults: 5 sessions in 30 days (a genuine item meets the shop, its buyer, maybe a recipient and a
 * re-check; a clone on a market stall meets many shoppers), from at least 3 networks (one person has two
 * at hand without effort, home broadband and mobile data; a third takes someone else's network, while a
 * clone sold to strangers is scanned from many); 1,000 km/h (faster than an airliner door to
 * door); 50 km tolerance (a 0.1° grid cell is ~11 km, phone and IP locations are often off by tens of km);
 * different countries within 1 hour (border towns aside, one item does not change country that fast).
 */
export const DEFAULT_HISTORY_THRESHOLDS: HistoryThresholds = {
  maxSessions: 5,
  windowMs: 30 * DAY_MS,
  minNetworks: 3,
  maxSpeedKmh: 1_000,
  locationToleranceKm: 50,
  countryChangeMs: 60 * 60_000,
};

export const HistoryReasonCode = {
  TOO_MANY_SESSIONS: "TOO_MANY_SESSIONS",
  IMPOSSIBLE_TRAVEL: "IMPOSSIBLE_TRAVEL",
} as const;

export type ScanHistory = HistorySignal & {
  /** Distinct sessions over the whole log. */
  sessions: number;
  /** Distinct client networks over the whole log (a count only: the prefixes themselves are never shown). */
  networks: number;
  scans: number;
  /** Distinct countries, in the order first seen. */
  countries: string[];
  /** Milliseconds since the epoch; null for an empty log. */
  firstScanAt: number | null;
  lastScanAt: number | null;
};

export function analyseHistory(records: readonly ScanRecord[], thresholds: HistoryThresholds = DEFAULT_HISTORY_THRESHOLDS): ScanHistory {
  const scans = [...records].sort((a, b) => a.scannedAt - b.scannedAt);
  const reasons: Reason[] = [];
  const crowd = busiestWindow(scans, thresholds);
  if (crowd !== undefined) reasons.push(crowd);
  const travel = impossibleTravel(scans, thresholds);
  if (travel !== undefined) reasons.push(travel);
  const countries = [...new Set(scans.flatMap((s) => (s.country === undefined ? [] : [s.country])))];
  return {
    suspicious: reasons.length > 0,
    reasons,
    sessions: new Set(scans.map((s) => s.sessionId)).size,
    networks: new Set(scans.map((s) => s.network)).size,
    scans: scans.length,
    countries,
    firstScanAt: scans[0]?.scannedAt ?? null,
    lastScanAt: scans.at(-1)?.scannedAt ?? null,
  };
}

/**
 * The window of `windowMs` holding the most distinct sessions among those over the maximum that come from
 * at least `minNetworks` networks.
 */
function busiestWindow(scans: readonly ScanRecord[], t: HistoryThresholds): Reason | undefined {
  const sessions = new Counter();
  const networks = new Counter();
  let best: { sessions: number; networks: number; from: number; to: number } | undefined;
  let start = 0;
  for (const scan of scans) {
    sessions.add(scan.sessionId);
    networks.add(scan.network);
    while (scan.scannedAt - scans[start]!.scannedAt > t.windowMs) {
      const leaving = scans[start++]!;
      sessions.remove(leaving.sessionId);
      networks.remove(leaving.network);
    }
    if (sessions.size > t.maxSessions && networks.size >= t.minNetworks && sessions.size > (best?.sessions ?? 0)) {
      best = { sessions: sessions.size, networks: networks.size, from: scans[start]!.scannedAt, to: scan.scannedAt };
    }
  }
  if (best === undefined) return undefined;
  return {
    code: HistoryReasonCode.TOO_MANY_SESSIONS,
    message:
      `This code was scanned in ${best.sessions} different sessions from ${best.networks} networks between ${iso(best.from)} and ${iso(best.to)}, ` +
      `more than the ${t.maxSessions} a genuine item plausibly sees in ${formatDuration(t.windowMs)}: copies of the label may be in circulation`,
  };
}

/** How many times each key is in the sliding window; `size` is the number of distinct keys. */
class Counter {
  readonly #counts = new Map<string, number>();

  get size(): number {
    return this.#counts.size;
  }

  add(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  remove(key: string): void {
    const left = this.#counts.get(key)! - 1;
    if (left === 0) this.#counts.delete(key);
    else this.#counts.set(key, left);
  }
}

type Travel = { a: ScanRecord; b: ScanRecord; km: number; kmh: number };

/**
 * The most flagrant pair of scans from two networks that no one could have carried one item between. Scans
 * from one network are never compared: whoever controls a network can claim any place for its scans.
 */
function impossibleTravel(scans: readonly ScanRecord[], t: HistoryThresholds): Reason | undefined {
  // Half the Earth's circumference plus the tolerance bounds any distance: later pairs cannot be too fast.
  const horizonMs = ((20_038 + t.locationToleranceKm) / t.maxSpeedKmh) * 3_600_000;
  let worst: Travel | undefined;
  let worstCountries: { a: ScanRecord; b: ScanRecord } | undefined;
  for (let i = 0; i < scans.length; i++) {
    const a = scans[i]!;
    for (let j = i + 1; j < scans.length; j++) {
      const b = scans[j]!;
      const elapsedMs = b.scannedAt - a.scannedAt;
      if (elapsedMs > horizonMs) break;
      if (a.network === b.network || a.sessionId === b.sessionId) continue;
      if (hasPlace(a) && hasPlace(b)) {
        const km = Math.max(0, greatCircleKm(a, b) - t.locationToleranceKm);
        if (km === 0) continue;
        const kmh = elapsedMs === 0 ? Infinity : km / (elapsedMs / 3_600_000);
        if (kmh > t.maxSpeedKmh && kmh > (worst?.kmh ?? 0)) worst = { a, b, km, kmh };
      } else if (a.country !== undefined && b.country !== undefined && a.country !== b.country && elapsedMs < t.countryChangeMs) {
        worstCountries ??= { a, b };
      }
    }
  }
  if (worst !== undefined) {
    const { a, b, km, kmh } = worst;
    const speed = Number.isFinite(kmh) ? `${Math.round(kmh).toLocaleString("en")} km/h` : "being in two places at once";
    return {
      code: HistoryReasonCode.IMPOSSIBLE_TRAVEL,
      message:
        `This code was scanned near ${place(a)} at ${iso(a.scannedAt)} and near ${place(b)} ` +
        `${formatDuration(b.scannedAt - a.scannedAt)} later, at least ${Math.round(km).toLocaleString("en")} km apart: ` +
        `one item would need ${speed} (more than ${t.maxSpeedKmh.toLocaleString("en")} km/h), so more than one label carries it`,
    };
  }
  if (worstCountries !== undefined) {
    const { a, b } = worstCountries;
    return {
      code: HistoryReasonCode.IMPOSSIBLE_TRAVEL,
      message:
        `This code was scanned in ${a.country} at ${iso(a.scannedAt)} and in ${b.country} ` +
        `${formatDuration(b.scannedAt - a.scannedAt)} later, from another network: one item does not change country that fast`,
    };
  }
  return undefined;
}

const hasPlace = (s: ScanRecord): s is ScanRecord & { latitude: number; longitude: number } =>
  s.latitude !== undefined && s.longitude !== undefined;

/** Haversine distance on a sphere of the Earth's mean radius: ample for a test against a speed bound. */
export function greatCircleKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function place(s: ScanRecord): string {
  const where = `${s.latitude!.toFixed(1)}, ${s.longitude!.toFixed(1)}`;
  return s.country === undefined ? where : `${where} (${s.country})`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.round(minutes / 1_440)} days`;
}
