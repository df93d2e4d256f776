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
const ONE_NETWORK = { network: "198.51.100.0/24" };
const codes = (records: ScanRecord[]) => analyseHistory(records).reasons.map((r) => r.code);

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

      it("never flags any number of sessions from one network, however close in time", function () {
        const records = Array.from({ length: 200 }, (_, i) => scan(`s${i}`, i * MIN, ONE_NETWORK));
        expect(analyseHistory(records)).to.include({ suspicious: false, sessions: 200, networks: 1 });
      });

      it("needs the sessions from at least 3 networks (default): 2 are not enough, 3 are", function () {
        const from = (networks: number) => Array.from({ length: 12 }, (_, i) => scan(`s${i}`, i * HOUR, { network: `n${i % networks}` }));
        expect(codes(from(2))).to.deep.equal([]);
        expect(codes(from(3))).to.deep.equal(["TOO_MANY_SESSIONS"]);
        expect(analyseHistory(from(3)).reasons[0]!.message).to.include("12 different sessions from 3 networks");
      });

      it("needs the networks inside the same window as the sessions", function () {
        // 10 sessions on one network now, and one session on each of two others 40 days later.
        const records = [
          ...Array.from({ length: 10 }, (_, i) => scan(`s${i}`, i * MIN, ONE_NETWORK)),
          scan("late-a", 40 * DAY),
          scan("late-b", 40 * DAY + MIN),
        ];
        expect(codes(records)).to.deep.equal([]);
      });

      it("honours a configured minimum of networks", function () {
        const records = Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * HOUR, { network: `n${i % 2}` }));
        expect(analyseHistory(records, { ...DEFAULT_HISTORY_THRESHOLDS, minNetworks: 2 }).reasons[0]!.code).to.equal("TOO_MANY_SESSIONS");
        expect(analyseHistory(records, { ...DEFAULT_HISTORY_THRESHOLDS, minNetworks: 3 }).reasons).to.deep.equal([]);
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
      it("flags Paris then New York 30 minutes later from another network, naming both places and the speed", function () {
        const history = analyseHistory([scan("a", 0, PARIS), scan("b", 30 * MIN, NEW_YORK)]);
        expect(history.reasons.map((r) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
        const { message } = history.reasons[0]!;
        expect(message).to.include("48.9, 2.4 (FR)").and.include("40.7, -74.0 (US)").and.include("30 min later").and.include("km/h");
      });

      it("never compares two scans from one network, whatever places they claim", function () {
        const records = Array.from({ length: 100 }, (_, i) => scan(`s${i}`, i * MIN, { ...(i % 2 === 0 ? PARIS : NEW_YORK), ...ONE_NETWORK }));
        expect(codes(records)).to.deep.equal([]);
        expect(codes([scan("a", 0, { country: "FR", ...ONE_NETWORK }), scan("b", MIN, { country: "JP", ...ONE_NETWORK })])).to.deep.equal([]);
      });

      it("does not flag Paris then New York 12 hours later (a flight)", function () {
        expect(codes([scan("a", 0, PARIS), scan("b", 12 * HOUR, NEW_YORK)])).to.deep.equal([]);
      });

      it("does not flag two places within the location tolerance, even at the same minute", function () {
        expect(greatCircleKm(PARIS, VERSAILLES)).to.be.below(DEFAULT_HISTORY_THRESHOLDS.locationToleranceKm);
        expect(codes([scan("a", 0, PARIS), scan("b", 0, VERSAILLES)])).to.deep.equal([]);
      });

      it("flags Paris then Lyon (~390 km) 10 minutes later, and not 2 hours later", function () {
        expect(codes([scan("a", 0, PARIS), scan("b", 10 * MIN, LYON)])).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
        expect(codes([scan("a", 0, PARIS), scan("b", 2 * HOUR, LYON)])).to.deep.equal([]);
      });

      it("with countries only, flags two countries within an hour and not after", function () {
        const history = analyseHistory([scan("a", 0, { country: "FR" }), scan("b", 20 * MIN, { country: "JP" })]);
        expect(history.reasons.map((r) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
        expect(history.reasons[0]!.message).to.include("in FR").and.include("in JP").and.include("20 min later");
        expect(codes([scan("a", 0, { country: "FR" }), scan("b", 2 * HOUR, { country: "JP" })])).to.deep.equal([]);
      });

      it("reports the fastest pair when several are impossible", function () {
        const history = analyseHistory([scan("a", 0, PARIS), scan("b", 5 * HOUR, NEW_YORK), scan("c", 5 * HOUR + 10 * MIN, LYON)]);
        expect(history.reasons).to.have.length(1);
        expect(history.reasons[0]!.message).to.include("40.7, -74.0").and.include("45.8, 4.8");
      });

      it("reports both patterns together", function () {
        const records = [...Array.from({ length: 6 }, (_, i) => scan(`s${i}`, i * DAY)), scan("x", 0, PARIS), scan("y", MIN, NEW_YORK)];
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
