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
 * its session was issued to, and:
 * - TOO_MANY_SESSIONS counts at most `maxSessionsPerNetwork` sessions per network, and needs them from at
 *   least `minNetworks` networks: one network adds at most that many to the count, whatever it does;
 * - IMPOSSIBLE_TRAVEL flags a pair of scans from two networks only when each of its two places was also
 *   seen, close in time, by a third network (see `impossibleTravel`): one network can never supply the
 *   second place on its own, nor turn an honest scan of the other place into a conflict.
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
  /**
   * The most sessions one network adds to that count, however many it has in the window: so one network
   * can never tip an item that other networks scanned a few times past `maxSessions`.
   */
  maxSessionsPerNetwork: number;
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
 * clone sold to strangers is scanned from many), counting 1 session per network (the shop's, the buyer's
 * home, the recipient's: a genuine item's few sessions come from as many networks, so counting one each
 * loses almost nothing, while a network's session budget, 72 counted sessions a day, would otherwise let it
 * fill the count alone; a crowd then takes 6 networks); 1,000 km/h (faster than an airliner door to
 * door); 50 km tolerance (a 0.1° grid cell is ~11 km, phone and IP locations are often off by tens of km);
 * different countries within 1 hour (border towns aside, one item does not change country that fast).
 */
export const DEFAULT_HISTORY_THRESHOLDS: HistoryThresholds = {
  maxSessions: 5,
  windowMs: 30 * DAY_MS,
  minNetworks: 3,
  maxSessionsPerNetwork: 1,
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
 * The window of `windowMs` holding the most sessions, counting at most `maxSessionsPerNetwork` of each
 * network's, among those over the maximum that come from at least `minNetworks` networks.
 */
function busiestWindow(scans: readonly ScanRecord[], t: HistoryThresholds): Reason | undefined {
  // A session is keyed with its network: the service binds each session to one, and a caller's records
  // that did not would otherwise move a session's share from one network to another.
  const sessionOf = (s: ScanRecord) => JSON.stringify([s.network, s.sessionId]);
  const sessions = new Counter();
  /** Per network, its distinct sessions in the window. */
  const perNetwork = new Counter();
  /** Σ min(sessions of the network, maxSessionsPerNetwork) over the networks in the window. */
  let counted = 0;
  const enter = (s: ScanRecord) => {
    if (sessions.add(sessionOf(s)) === 1 && perNetwork.add(s.network) <= t.maxSessionsPerNetwork) counted++;
  };
  const leave = (s: ScanRecord) => {
    if (sessions.remove(sessionOf(s)) === 0 && perNetwork.remove(s.network) < t.maxSessionsPerNetwork) counted--;
  };
  let best: { counted: number; sessions: number; networks: number; from: number; to: number } | undefined;
  let start = 0;
  for (const scan of scans) {
    enter(scan);
    while (scan.scannedAt - scans[start]!.scannedAt > t.windowMs) leave(scans[start++]!);
    if (counted > t.maxSessions && perNetwork.size >= t.minNetworks && counted > (best?.counted ?? 0)) {
      best = { counted, sessions: sessions.size, networks: perNetwork.size, from: scans[start]!.scannedAt, to: scan.scannedAt };
    }
  }
  if (best === undefined) return undefined;
  const perNetworkNote =
    best.counted === best.sessions ? "" : ` (${best.counted} when counting at most ${t.maxSessionsPerNetwork} per network)`;
  return {
    code: HistoryReasonCode.TOO_MANY_SESSIONS,
    message:
      `This code was scanned in ${best.sessions} different sessions from ${best.networks} networks${perNetworkNote} between ${iso(best.from)} and ${iso(best.to)}, ` +
      `more than the ${t.maxSessions} a genuine item plausibly sees in ${formatDuration(t.windowMs)}: copies of the label may be in circulation`,
  };
}

/** How many times each key is in the sliding window; `size` is the number of distinct keys. */
class Counter {
  readonly #counts = new Map<string, number>();

  get size(): number {
    return this.#counts.size;
  }

  /** Returns the key's count after adding it. */
  add(key: string): number {
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count;
  }

  /** Returns the key's count after removing it once. */
  remove(key: string): number {
    const left = this.#counts.get(key)! - 1;
    if (left === 0) this.#counts.delete(key);
    else this.#counts.set(key, left);
    return left;
  }
}

type Travel = { a: ScanRecord; b: ScanRecord; km: number; kmh: number };

/**
 * The most flagrant pair of scans from two networks that no one could have carried one item between, each
 * of its two places corroborated by a third network.
 *
 * Why corroboration: locations are whatever the client claims, so one network could otherwise flip any
 * item an honest phone elsewhere had scanned with its location, with one far-away claim. Why a third
 * network, and why the corroborating scan's own distance and time are charged to the pair: so that a
 * flagged pair (a, b) always implies two conflicting pairs (a, b') and (a', b), where b' is a scan near b
 * from a network other than a's and b's, and a' one near a from a network other than a's and b's
 * (conflicting: from two networks, too far apart for the time between them, with no corroboration asked).
 * Suppose the scans of every network but X hold no conflict. A flagged (a, b) is a conflict itself, so a
 * or b is X's; if b, then a and b' are not, and (a, b') is a conflict without X; likewise (a', b) if a is
 * X's. So one network added to a log whose other networks' scans hold no conflict can never make it show
 * impossible travel, whatever places and times it claims and however many sessions it has; a copied label
 * still shows it once each place is seen by two networks. A flagged pair involves three networks at least
 * (the default `minNetworks`) by construction, so that setting is not applied again here.
 *
 * Charging the corroboration: if b' is d km from b and τ away in time, then (a, b') is at least
 * `distance(a, b) - d` apart in at most `elapsed + τ`, so (a, b) is flagged only when it still conflicts
 * with the distance reduced by d + maxSpeed·τ (the "slack") of the best corroborating scan of each side.
 * A corroborating scan is within the location tolerance of the place (the same place, as coarsely as
 * scans are located). For country-only pairs the same holds with times: a corroborating scan has the same
 * country, and the pair is flagged when `elapsed + τ` is still under `countryChangeMs`; when the other
 * side has a place, the corroborating scan must have none, so that (a', b) is a country comparison too.
 *
 * O(n²) at worst: the slacks are found in one pass over pairs within the horizon, keeping per scan the
 * best slack and the best from another network (`Corroboration`), so that each pair looks its slack up in
 * O(1) excluding the other side's network.
 */
function impossibleTravel(scans: readonly ScanRecord[], t: HistoryThresholds): Reason | undefined {
  // Half the Earth's circumference plus the tolerance bounds any distance: later pairs cannot be too fast.
  const horizonMs = ((20_038 + t.locationToleranceKm) / t.maxSpeedKmh) * 3_600_000;
  const seen = corroborations(scans, t, Math.max(horizonMs, t.countryChangeMs));
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
        const hours = elapsedMs / 3_600_000;
        const kmh = elapsedMs === 0 ? Infinity : km / hours;
        if (kmh <= t.maxSpeedKmh || kmh <= (worst?.kmh ?? 0)) continue;
        const slackKm = Math.max(seen.place[i]!.except(b.network), seen.place[j]!.except(a.network));
        if (km - slackKm > t.maxSpeedKmh * hours) worst = { a, b, km, kmh };
      } else if (a.country !== undefined && b.country !== undefined && a.country !== b.country && elapsedMs < t.countryChangeMs) {
        if (worstCountries !== undefined) continue;
        const slackA = (hasPlace(b) ? seen.countryOnly[i]! : seen.country[i]!).except(b.network);
        const slackB = (hasPlace(a) ? seen.countryOnly[j]! : seen.country[j]!).except(a.network);
        if (elapsedMs + Math.max(slackA, slackB) < t.countryChangeMs) worstCountries = { a, b };
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
        `${formatDuration(b.scannedAt - a.scannedAt)} later, at least ${Math.round(km).toLocaleString("en")} km apart, each place seen from more than one network: ` +
        `one item would need ${speed} (more than ${t.maxSpeedKmh.toLocaleString("en")} km/h), so more than one label carries it`,
    };
  }
  if (worstCountries !== undefined) {
    const { a, b } = worstCountries;
    return {
      code: HistoryReasonCode.IMPOSSIBLE_TRAVEL,
      message:
        `This code was scanned in ${a.country} at ${iso(a.scannedAt)} and in ${b.country} ` +
        `${formatDuration(b.scannedAt - a.scannedAt)} later, each country seen from more than one network: one item does not change country that fast`,
    };
  }
  return undefined;
}

/**
 * How well other networks corroborate one scan's place or country: the smallest slack any other network
 * offers, and the smallest from a network other than that one, so that the best from a network other
 * than any one given network is known in O(1). Infinity: none.
 */
class Corroboration {
  #best: { network: string; slack: number } | undefined;
  /** The best among networks other than `#best`'s. */
  #runnerUp: { network: string; slack: number } | undefined;

  offer(network: string, slack: number): void {
    if (this.#best === undefined || slack < this.#best.slack) {
      if (this.#best !== undefined && this.#best.network !== network) this.#runnerUp = this.#best;
      this.#best = { network, slack };
    } else if (network !== this.#best.network && slack < (this.#runnerUp?.slack ?? Infinity)) {
      this.#runnerUp = { network, slack };
    }
  }

  /** The smallest slack offered by a network other than `network`. */
  except(network: string): number {
    if (this.#best === undefined) return Infinity;
    return this.#best.network !== network ? this.#best.slack : (this.#runnerUp?.slack ?? Infinity);
  }
}

/**
 * Per scan, what other networks' scans within `horizonMs` offer: `place`, located scans within the
 * location tolerance (slack in km: distance plus maxSpeed × time apart); `country`, scans of the same
 * country (slack in ms: time apart); `countryOnly`, the same among scans without a place.
 */
function corroborations(scans: readonly ScanRecord[], t: HistoryThresholds, horizonMs: number) {
  const make = () => scans.map(() => new Corroboration());
  const [place, country, countryOnly] = [make(), make(), make()];
  for (let i = 0; i < scans.length; i++) {
    const a = scans[i]!;
    for (let j = i + 1; j < scans.length; j++) {
      const b = scans[j]!;
      const elapsedMs = b.scannedAt - a.scannedAt;
      if (elapsedMs > horizonMs) break;
      if (a.network === b.network) continue;
      // A degree of latitude is 111.195 km on this sphere, and no two places are closer than their latitudes:
      // most far-apart pairs are dismissed without the trigonometry.
      if (hasPlace(a) && hasPlace(b) && Math.abs(a.latitude - b.latitude) * 111.19 <= t.locationToleranceKm) {
        const km = greatCircleKm(a, b);
        if (km <= t.locationToleranceKm) {
          const slackKm = km + (t.maxSpeedKmh * elapsedMs) / 3_600_000;
          place[i]!.offer(b.network, slackKm);
          place[j]!.offer(a.network, slackKm);
        }
      }
      if (a.country !== undefined && a.country === b.country) {
        country[i]!.offer(b.network, elapsedMs);
        country[j]!.offer(a.network, elapsedMs);
        if (!hasPlace(b)) countryOnly[i]!.offer(b.network, elapsedMs);
        if (!hasPlace(a)) countryOnly[j]!.offer(a.network, elapsedMs);
      }
    }
  }
  return { place, country, countryOnly };
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
