import { expect } from "chai";
import { analyseHistory, DEFAULT_HISTORY_THRESHOLDS, greatCircleKm, type ScanRecord } from "../../core/history.ts";

const T0 = Date.parse("2026-03-01T10:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PARIS = { latitude: 48.9, longitude: 2.4, country: "FR" };
const VERSAILLES = { latitude: 48.8, longitude: 2.1, country: "FR" };
const NEW_YORK = { latitude: 40.7, longitude: -74.0, country: "US" };
const LYON = { latitude: 45.8, longitude: 4.8, country: "FR" };

/** A scan; unless told otherwise, each session on its own network (a phone on its own connection). */
const scan = (sessionId: string, at: number, where: Partial<ScanRecord> = {}): ScanRecord => ({
  sessionId,
  network: `net-${sessionId}`,
  scannedAt: T0 + at,
  ...where,
});
const SYDNEY = { latitude: -33.9, longitude: 151.2, country: "AU" };
const TOKYO = { latitude: 35.7, longitude: 139.7, country: "JP" };
const ONE_NETWORK = { network: "198.51.100.0/24" };
const codes = (records: ScanRecord[]) => analyseHistory(records).reasons.map((r) => r.code);
/** One phone per network (`${name}1`, `${name}2`, ...), one a minute from `at`: a place seen by `count` networks. */
const seenBy = (count: number, name: string, at: number, where: Partial<ScanRecord>) =>
  Array.from({ length: count }, (_, i) => scan(`${name}${i + 1}`, at + i * MIN, where));

/** A seeded generator (mulberry32), so that a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("core/history", function () {
  describe("analyseHistory", function () {
    it("is not suspicious for an empty log, with null times", function () {
      expect(analyseHistory([])).to.deep.equal({
        suspicious: false,
        reasons: [],
        sessions: 0,
        networks: 0,
        scans: 0,
        countries: [],
        firstScanAt: null,
        lastScanAt: null,
      });
    });

    it("counts distinct sessions, scans, countries in order first seen, and the first and last times", function () {
      const history = analyseHistory([scan("b", 2 * DAY, { country: "DE" }), scan("a", 0, PARIS), scan("a", DAY, { country: "FR" })]);
      expect(history).to.include({ suspicious: false, sessions: 2, networks: 2, scans: 3, firstScanAt: T0, lastScanAt: T0 + 2 * DAY });
      expect(history.countries).to.deep.equal(["FR", "DE"]);
    });

    context("TOO_MANY_SESSIONS", function () {
      it("never flags one shopper scanning the same code many times, even from far apart", function () {
        const records = Array.from({ length: 50 }, (_, i) => scan("shopper", i * MIN, i % 2 === 0 ? PARIS : NEW_YORK));
        expect(analyseHistory(records).suspicious).to.equal(false);
      });

      it("accepts the default 5 sessions within 30 days", function () {
        expect(codes(Array.from({ length: 5 }, (_, i) => scan(`s${i}`, i * DAY)))).to.deep.equal([]);
      });

      it("flags a 6th session within 30 days, naming the count and the times", function () {
        const history = analyseHistory(Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * DAY)));
        expect(history.suspicious).to.equal(true);
        expect(history.reasons).to.have.length(1);
        expect(history.reasons[0]!.code).to.equal("TOO_MANY_SESSIONS");
        expect(history.reasons[0]!.message).to.include("6 different sessions from 6 networks").and.include(new Date(T0).toISOString());
      });

      it("still flags a crowd of one session per network across 8 networks", function () {
        const history = analyseHistory(Array.from({ length: 8 }, (_, i) => scan(`s${i}`, i * HOUR)));
        expect(history.reasons.map((r) => r.code)).to.deep.equal(["TOO_MANY_SESSIONS"]);
        expect(history.reasons[0]!.message).to.include("8 different sessions from 8 networks");
      });

      it("never flags any number of sessions from one network, however close in time", function () {
        const records = Array.from({ length: 200 }, (_, i) => scan(`s${i}`, i * MIN, ONE_NETWORK));
        expect(analyseHistory(records)).to.include({ suspicious: false, sessions: 200, networks: 1 });
      });

      it("never lets one network tip an item that honest sessions from 2 other networks scanned, however many sessions it adds", function () {
        const honest = [scan("shop", 0), scan("buyer", 2 * DAY), scan("buyer-again", 3 * DAY, { network: "net-buyer" })];
        const attacker = Array.from({ length: 50 }, (_, i) => scan(`a${i}`, 4 * DAY + i * 20 * MIN, ONE_NETWORK));
        expect(analyseHistory([...honest, ...attacker])).to.include({ suspicious: false, sessions: 53, networks: 3 });
      });

      it("counts one session per network (default): two phones in each of 3 or 5 networks are no crowd, in 6 networks they are", function () {
        const twoPhonesEach = (networks: number) => Array.from({ length: 2 * networks }, (_, i) => scan(`s${i}`, i * HOUR, { network: `n${i >> 1}` }));
        expect(codes(twoPhonesEach(3))).to.deep.equal([]);
        expect(codes(twoPhonesEach(5))).to.deep.equal([]);
        const history = analyseHistory(twoPhonesEach(6));
        expect(history.reasons.map((r) => r.code)).to.deep.equal(["TOO_MANY_SESSIONS"]);
        expect(history.reasons[0]!.message).to.include("11 different sessions from 6 networks (6 when counting at most 1 per network)");
      });

      it("honours a configured number of sessions per network", function () {
        const records = Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * HOUR, { network: `n${i % 3}` }));
        expect(codes(records)).to.deep.equal([]);
        expect(analyseHistory(records, { ...DEFAULT_HISTORY_THRESHOLDS, maxSessionsPerNetwork: 2 }).reasons[0]!.code).to.equal("TOO_MANY_SESSIONS");
      });

      it("needs the networks inside the same window as the sessions", function () {
        // 10 sessions on one network now, and one session on each of 5 others 40 days later.
        const records = [
          ...Array.from({ length: 10 }, (_, i) => scan(`s${i}`, i * MIN, ONE_NETWORK)),
          ...Array.from({ length: 5 }, (_, i) => scan(`late${i}`, 40 * DAY + i * MIN)),
        ];
        expect(codes(records)).to.deep.equal([]);
      });

      it("honours a configured minimum of networks", function () {
        const records = Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * HOUR, { network: `n${i % 2}` }));
        const lenient = { ...DEFAULT_HISTORY_THRESHOLDS, maxSessionsPerNetwork: 3 };
        expect(analyseHistory(records, { ...lenient, minNetworks: 2 }).reasons[0]!.code).to.equal("TOO_MANY_SESSIONS");
        expect(analyseHistory(records, { ...lenient, minNetworks: 3 }).reasons).to.deep.equal([]);
      });

      it("does not flag 6 sessions spread over more than 30 days (at most 5 in any window)", function () {
        expect(codes(Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * 7 * DAY)))).to.deep.equal([]);
      });

      it("honours configured thresholds", function () {
        const records = Array.from({ length: 3 }, (_, i) => scan(`s${i}`, i * HOUR));
        expect(analyseHistory(records, { ...DEFAULT_HISTORY_THRESHOLDS, maxSessions: 2 }).reasons[0]!.code).to.equal("TOO_MANY_SESSIONS");
      });
    });

    context("IMPOSSIBLE_TRAVEL", function () {
      it("flags Paris then New York 30 minutes later, each seen from two networks, naming both places and the speed", function () {
        const history = analyseHistory([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "n", 30 * MIN, NEW_YORK)]);
        expect(history.reasons.map((r) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
        const { message } = history.reasons[0]!;
        expect(message).to.include("48.9, 2.4 (FR)").and.include("40.7, -74.0 (US)").and.include("29 min later").and.include("km/h");
      });

      it("flags a copied label seen in Paris from 2 networks and in Tokyo from 2 networks minutes apart", function () {
        expect(codes([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "t", 10 * MIN, TOKYO)])).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
      });

      it("does not flip a genuine item an honest phone scanned in Paris when one other network claims Sydney a minute later (2 requests)", function () {
        expect(codes([scan("shopper", 0, PARIS), scan("liar", MIN, { ...SYDNEY, ...ONE_NETWORK })])).to.deep.equal([]);
      });

      it("does not flip it whatever one network claims: Paris beside the honest scans, Sydney, Tokyo's country, in many sessions", function () {
        const honest = seenBy(2, "shopper", 0, PARIS);
        const claims = [PARIS, SYDNEY, { country: "JP" }, { ...PARIS, country: "JP" }];
        const attacker = Array.from({ length: 40 }, (_, i) => scan(`liar${i}`, i * 30_000, { ...claims[i % claims.length], ...ONE_NETWORK }));
        expect(codes([...honest, ...attacker])).to.deep.equal([]);
      });

      it("does not let one network borrow a later honest sighting of the far place: Sydney claimed an hour after Paris, honestly seen there 19 hours later", function () {
        const records = [...seenBy(2, "paris", 0, PARIS), scan("liar", HOUR, { ...SYDNEY, ...ONE_NETWORK }), ...seenBy(2, "sydney", 19 * HOUR, SYDNEY)];
        expect(codes(records.filter((r) => r.sessionId !== "liar"))).to.deep.equal([]);
        expect(codes(records)).to.deep.equal([]);
      });

      it("does not let one network turn a border crossing into a change of country: located scans either side of the Rhine, one country-only claim", function () {
        const strasbourg = { latitude: 48.6, longitude: 7.7, country: "FR" };
        const kehl = { latitude: 48.6, longitude: 7.8, country: "DE" };
        const honest = [...seenBy(2, "fr", 0, strasbourg), scan("de", 10 * MIN, kehl)];
        expect(codes([...honest, scan("liar", 3 * MIN, { country: "DE", ...ONE_NETWORK })])).to.deep.equal([]);
      });

      it("needs a third network at each place: two networks each claiming both Paris and Tokyo do not flag it", function () {
        const records = [scan("x1", 0, { ...PARIS, network: "x" }), scan("y1", MIN, { ...PARIS, network: "y" }), scan("x2", 5 * MIN, { ...TOKYO, network: "x" }), scan("y2", 6 * MIN, { ...TOKYO, network: "y" })];
        expect(codes(records)).to.deep.equal([]);
        expect(codes([...records, scan("z", 7 * MIN, TOKYO)])).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
      });

      it("never lets one network add impossible travel to a log whose other networks' scans show none (randomised, seeded)", function () {
        const t = DEFAULT_HISTORY_THRESHOLDS;
        /** The pairwise rule without corroboration: what honest scans of one item never show. */
        const plainConflict = (records: ScanRecord[]) =>
          records.some((a, i) =>
            records.slice(i + 1).some((b) => {
              if (a.network === b.network) return false;
              const hours = Math.abs(a.scannedAt - b.scannedAt) / HOUR;
              if (a.latitude !== undefined && b.latitude !== undefined) return greatCircleKm(a as typeof PARIS, b as typeof PARIS) - t.locationToleranceKm > t.maxSpeedKmh * hours;
              return a.country !== undefined && b.country !== undefined && a.country !== b.country && hours * HOUR < t.countryChangeMs;
            }),
          );
        let [tried, skipped] = [0, 0];
        for (let seed = 1; tried < 300; seed++) {
          const rnd = random(seed);
          const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
          // Honest: one item moving at most 600 km/h, seen by up to 4 networks.
          const honest: ScanRecord[] = [];
          let [lat, lon, at, country] = [rnd() * 120 - 60, rnd() * 360 - 180, 0, 0];
          for (let k = 0, n = 2 + Math.floor(rnd() * 10); k < n; k++) {
            const elapsed = pick([MIN, 10 * MIN, HOUR, 5 * HOUR, DAY]) * rnd();
            const km = Math.min(600 * (elapsed / HOUR), 2_000) * rnd();
            const heading = rnd() * 2 * Math.PI;
            lat = Math.max(-70, Math.min(70, lat + (km / 111) * Math.cos(heading)));
            lon = lon + (km / (111 * Math.cos((lat * Math.PI) / 180))) * Math.sin(heading);
            at += elapsed;
            // Sometimes within the hour too (a border town): the plain rule below then sorts out honest logs it would flag.
            if (rnd() < (elapsed >= HOUR ? 0.5 : 0.2)) country++;
            const where = { latitude: Math.round(lat * 10) / 10, longitude: Math.round((((lon + 540) % 360) - 180) * 10) / 10, country: `C${country}` };
            const kind = pick(["both", "place", "country"]);
            const claim = kind === "both" ? where : kind === "place" ? { latitude: where.latitude, longitude: where.longitude } : { country: where.country };
            honest.push({ sessionId: `h${k}`, network: `honest-${Math.floor(rnd() * 4)}`, scannedAt: T0 + at, ...claim });
          }
          if (plainConflict(honest)) {
            skipped++;
            continue;
          }
          tried++;
          // One network: copies honest places and countries at shifted times, and claims far ones.
          const attacker = Array.from({ length: 1 + Math.floor(rnd() * 30) }, (_, k): ScanRecord => {
            const copied = pick(honest);
            const shift = (rnd() - 0.5) * pick([MIN, HOUR, 6 * HOUR, 2 * DAY]);
            const far = { latitude: rnd() * 140 - 70, longitude: rnd() * 360 - 180, country: pick(["C0", "C1", "C2", "ZZ"]) };
            const base = rnd() < 0.5 ? { ...copied, latitude: copied.latitude === undefined ? undefined : copied.latitude + (rnd() - 0.5) * 0.8 } : far;
            const claim = pick([{ latitude: base.latitude, longitude: base.longitude }, { country: base.country }, { latitude: base.latitude, longitude: base.longitude, country: base.country }]);
            const located = claim.latitude !== undefined && claim.longitude !== undefined;
            return { sessionId: `a${k % 5}`, network: "attacker", scannedAt: copied.scannedAt + shift, ...(located ? claim : { country: claim.country ?? "ZZ" }) };
          });
          expect(codes(honest), `seed ${seed}, honest scans alone`).to.deep.equal([]);
          expect(codes([...honest, ...attacker]), `seed ${seed}`).to.deep.equal([]);
        }
        expect(skipped, "honest logs the plain rule flags").to.be.below(tried);
      });

      it("never compares two scans from one network, whatever places they claim", function () {
        const records = Array.from({ length: 100 }, (_, i) => scan(`s${i}`, i * MIN, { ...(i % 2 === 0 ? PARIS : NEW_YORK), ...ONE_NETWORK }));
        expect(codes(records)).to.deep.equal([]);
        expect(codes([scan("a", 0, { country: "FR", ...ONE_NETWORK }), scan("b", MIN, { country: "JP", ...ONE_NETWORK })])).to.deep.equal([]);
      });

      it("does not flag Paris then New York 12 hours later (a flight)", function () {
        expect(codes([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "n", 12 * HOUR, NEW_YORK)])).to.deep.equal([]);
      });

      it("does not flag two places within the location tolerance, even at the same minute", function () {
        expect(greatCircleKm(PARIS, VERSAILLES)).to.be.below(DEFAULT_HISTORY_THRESHOLDS.locationToleranceKm);
        expect(codes([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "v", 0, VERSAILLES)])).to.deep.equal([]);
      });

      it("flags Paris then Lyon (~390 km) 10 minutes later, and not 2 hours later", function () {
        expect(codes([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "l", 10 * MIN, LYON)])).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
        expect(codes([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "l", 2 * HOUR, LYON)])).to.deep.equal([]);
      });

      it("with countries only, flags two countries within an hour, each seen from two networks, and not after", function () {
        const history = analyseHistory([...seenBy(2, "f", 0, { country: "FR" }), ...seenBy(2, "j", 20 * MIN, { country: "JP" })]);
        expect(history.reasons.map((r) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
        expect(history.reasons[0]!.message).to.include("in FR").and.include("in JP").and.include("20 min later");
        expect(codes([...seenBy(2, "f", 0, { country: "FR" }), ...seenBy(2, "j", 2 * HOUR, { country: "JP" })])).to.deep.equal([]);
      });

      it("with countries only, does not flip an item when one network claims another country right after an honest scan", function () {
        expect(codes([scan("shopper", 0, { country: "FR" }), scan("liar", MIN, { country: "JP", ...ONE_NETWORK })])).to.deep.equal([]);
      });

      it("reports the fastest pair when several are impossible", function () {
        const history = analyseHistory([...seenBy(2, "p", 0, PARIS), ...seenBy(2, "n", 5 * HOUR, NEW_YORK), ...seenBy(2, "l", 5 * HOUR + 10 * MIN, LYON)]);
        const travel = history.reasons.filter((r) => r.code === "IMPOSSIBLE_TRAVEL");
        expect(travel).to.have.length(1);
        expect(travel[0]!.message).to.include("40.7, -74.0").and.include("45.8, 4.8");
      });

      it("reports both patterns together", function () {
        const records = [...Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * DAY)), ...seenBy(2, "x", 0, PARIS), ...seenBy(2, "y", 2 * MIN, NEW_YORK)];
        expect(codes(records)).to.deep.equal(["TOO_MANY_SESSIONS", "IMPOSSIBLE_TRAVEL"]);
      });
    });
  });

  describe("greatCircleKm", function () {
    it("puts Paris and New York about 5,840 km apart", function () {
      expect(greatCircleKm(PARIS, NEW_YORK)).to.be.within(5_780, 5_900);
    });
  });
});
