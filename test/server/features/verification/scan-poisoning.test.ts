/**
 * Scan evidence must be expensive to forge: what one client network can do to a genuine item's history,
 * however hard it tries, alone or beside honest scans from other networks, and what a copied label scanned
 * by phones in several networks still shows. The
 * real service in-process on a real chain; networks are told apart by the address the service sees, which
 * is X-Forwarded-For only when loopback is named a trusted proxy.
 */
import { expect } from "chai";
import { forgedLabel } from "../../../helpers/forged-label.ts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

const GTIN = "09506000134352";
const PLACES = [
  { latitude: 48.8566, longitude: 2.3522, country: "FR" },
  { latitude: 35.6762, longitude: 139.6503, country: "JP" },
  { latitude: 40.7128, longitude: -74.006, country: "US" },
  { latitude: -33.8688, longitude: 151.2093, country: "AU" },
];

type Client = { headers?: Record<string, string> };

/** Sessions and scans as one client: the helpers every scenario uses. */
function scanner(svc: TestService) {
  const newSession = async ({ headers }: Client = {}): Promise<string> => {
    const res = await svc.api("POST", "/api/v1/sessions", { headers });
    if (res.status !== 201) throw new Error(`POST /sessions answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.sessionId;
  };
  const scan = (body: Record<string, unknown>, { headers }: Client = {}) => svc.api("POST", "/api/v1/scans", { body, headers });
  const verdict = async (code: string) => (await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(code)}`)).body;
  return { newSession, scan, verdict };
}

describe("scan poisoning", function () {
  this.timeout(120_000);

  describe("one client network, with no trusted proxy (the default)", function () {
    let svc: TestService;
    let batch: IssuedBatch;
    let acme: Awaited<ReturnType<TestService["newBrand"]>>;

    before(async function () {
      svc = await startTestService({ RATE_LIMIT_MAX: "1000000" });
      acme = await svc.newBrand("Acme");
      batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "P1", quantity: 3 });
    });

    after(async function () {
      await svc?.close();
    });

    it("never flips a genuine item to SUSPICIOUS: 200 sessions and 1,000 scans from far-apart places, each with a forged X-Forwarded-For", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[0]!;
      expect((await verdict(code)).verdict).to.equal("GENUINE");
      const forged = (i: number): Client => ({ headers: { "x-forwarded-for": `${1 + (i % 200)}.${i % 256}.${(i * 7) % 256}.1` } });
      const sessions: string[] = [];
      for (let i = 0; i < 200; i++) sessions.push(await newSession(forged(i)));
      let counted = 0;
      let requests = sessions.length;
      for (let i = 0; i < 1_000; i++) {
        const place = PLACES[i % PLACES.length]!;
        const res = await scan(
          { code, sessionId: sessions[i % sessions.length], location: { latitude: place.latitude, longitude: place.longitude }, country: place.country },
          forged(i + 1),
        );
        requests++;
        expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
        if (res.body.counted) counted++;
        expect(res.body.history.suspicious, `after ${requests} requests`).to.equal(false);
      }
      const view = await verdict(code);
      expect(view.verdict).to.equal("GENUINE");
      // Only the network's first 3 sessions counted, and only 3 scans in each (SCANS_PER_SESSION): 9 of the 1,000.
      expect(view.history).to.include({ suspicious: false, sessions: 3, networks: 1, scans: 9 });
      expect(counted).to.equal(9);
      // The counted scans do claim places continents apart (sessions 0, 1, 2 in Paris, Tokyo and New York).
      expect(view.history.countries).to.have.members(["FR", "JP", "US"]);
    });

    it("binds sessions to the socket's network: a different X-Forwarded-For changes nothing", async function () {
      const { newSession, scan } = scanner(svc);
      const sessionId = await newSession({ headers: { "x-forwarded-for": "198.51.100.1" } });
      const res = await scan({ code: batch.uris[1], sessionId }, { headers: { "x-forwarded-for": "203.0.113.1" } });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      // Same network as the 200 sessions above: not one of its first 3, so not counted, but not refused either.
      expect(res.body.reason.code).to.equal("SESSION_NOT_COUNTED");
    });
  });

  describe("a copied label scanned by phones in several networks (loopback a trusted proxy)", function () {
    let svc: TestService;
    let batch: IssuedBatch;
    let acme: Awaited<ReturnType<TestService["newBrand"]>>;
    /** A phone on network n: X-Forwarded-For from a /24 of its own, as the trusted proxy would write it. */
    const phoneOn = (network: number, host = 9): Client => ({ headers: { "x-forwarded-for": `100.64.${network}.${host}` } });

    before(async function () {
      svc = await startTestService({ TRUSTED_PROXIES: "loopback", RATE_LIMIT_MAX: "1000000" });
      acme = await svc.newBrand("Acme");
      batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "P2", quantity: 5 });
    });

    after(async function () {
      await svc?.close();
    });

    it("flags TOO_MANY_SESSIONS once phones in 6 networks scanned it, and not for two phones in each of 5 (default: more than 5 sessions, one counted per network)", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[0]!;
      const phones = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6].map((network, i) => phoneOn(network, 10 + i));
      for (const [i, phone] of phones.entries()) {
        const res = await scan({ code, sessionId: await newSession(phone) }, phone);
        expect(res.body.counted).to.equal(true);
        expect(res.body.history.suspicious, `after phone ${i + 1}`).to.equal(i === phones.length - 1);
      }
      const view = await verdict(code);
      expect(view.verdict).to.equal("SUSPICIOUS");
      expect(view.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["TOO_MANY_SESSIONS"]);
    });

    it("flags IMPOSSIBLE_TRAVEL once Paris and Tokyo, minutes apart, are each seen from two networks", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[1]!;
      const PARIS = { latitude: 48.8566, longitude: 2.3522 };
      const TOKYO = { latitude: 35.6762, longitude: 139.6503 };
      const phones = [
        { phone: phoneOn(11), location: PARIS },
        { phone: phoneOn(12), location: TOKYO },
        { phone: phoneOn(13), location: PARIS },
        { phone: phoneOn(14), location: TOKYO },
      ];
      for (const [i, { phone, location }] of phones.entries()) {
        const res = await scan({ code, sessionId: await newSession(phone), location }, phone);
        expect(res.body.history.suspicious, `after phone ${i + 1}`).to.equal(i === 3);
      }
      const view = await verdict(code);
      expect(view.verdict).to.equal("SUSPICIOUS");
      expect(view.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
    });

    it("records at most 3 scans per session and item (SESSION_SCANS_EXHAUSTED), so a flood of 1,050 scans cannot push a clone's evidence out of the history", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[4]!;
      for (let network = 41; network <= 46; network++) {
        const phone = phoneOn(network);
        await scan({ code, sessionId: await newSession(phone) }, phone);
      }
      expect((await verdict(code)).verdict).to.equal("SUSPICIOUS");
      const flooder = phoneOn(47);
      const sessions = [await newSession(flooder), await newSession(flooder), await newSession(flooder)];
      let counted = 0;
      for (let i = 0; i < 1_050; i++) {
        const res = await scan({ code, sessionId: sessions[i % 3], location: { latitude: 0, longitude: 0 } }, flooder);
        if (res.body.counted) counted++;
        else {
          expect(res.status).to.equal(200);
          expect(res.body.reason.code).to.equal("SESSION_SCANS_EXHAUSTED");
          expect(res.body.history.suspicious).to.equal(true);
        }
      }
      expect(counted).to.equal(9);
      const view = await verdict(code);
      expect(view.verdict).to.equal("SUSPICIOUS");
      expect(view.history).to.include({ scans: 15, sessions: 9, networks: 7 });
    });

    it("refuses a session used from another network (403 SESSION_NETWORK_CHANGED) and names an unknown one (400 UNKNOWN_SESSION)", async function () {
      const { newSession, scan } = scanner(svc);
      const sessionId = await newSession(phoneOn(21));
      const moved = await scan({ code: batch.uris[2], sessionId }, phoneOn(22));
      expect(moved.status).to.equal(403);
      expect(moved.body.error).to.equal("SESSION_NETWORK_CHANGED");
      const unknown = await scan({ code: batch.uris[2], sessionId: "AAAAAAAAAAAAAAAAAAAAAA" }, phoneOn(21));
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error).to.equal("UNKNOWN_SESSION");
    });

    it("never lets an unsigned code or one signed by an unknown key into the history, however many networks scan it: they are counterfeit sightings for the GTIN's owner", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const genuine = batch.uris[3]!;
      const serial = batch.serials[3]!;
      const unsigned = genuine.replace(/([?&])s=[^&]*&?/, "$1").replace(/[?&]$/, "");
      const { deployment } = svc.ctx;
      const foreignKey = forgedLabel({
        base: "https://id.example.com",
        code: { gtin: GTIN, lot: "P2", serial },
        chainId: deployment.chainId,
        registry: deployment.productRegistry.address,
      }).uri;
      const before = await svc.api("GET", "/api/v1/brand/counterfeit-scans", { key: acme.apiKey });
      for (let network = 31; network < 39; network++) {
        const phone = phoneOn(network);
        for (const code of [unsigned, foreignKey]) {
          const res = await scan({ code, sessionId: await newSession(phone), location: { latitude: network - 30, longitude: network * 20 - 600 } }, phone);
          expect(res.status, JSON.stringify(res.body)).to.equal(201);
          expect(res.body).to.include({ counted: false, history: null });
          expect(res.body.counterfeitSighting).to.deep.equal({ brandId: acme.brandId });
        }
      }
      const view = await verdict(genuine);
      expect(view.verdict).to.equal("GENUINE");
      expect(view.history).to.include({ scans: 0, sessions: 0 });
      const after = await svc.api("GET", "/api/v1/brand/counterfeit-scans", { key: acme.apiKey });
      expect(after.body.counterfeitScans.total.scans - before.body.counterfeitScans.total.scans).to.equal(16);
      const reasons = Object.fromEntries(after.body.counterfeitScans.byReason.map((r: { reason: string; scans: number }) => [r.reason, r.scans]));
      expect(reasons).to.include({ UNSIGNED: 8, SIGNER_NOT_REGISTERED: 8 });
    });
  });

  describe("one client network against an item honest phones on other networks scanned (loopback a trusted proxy)", function () {
    let svc: TestService;
    let batch: IssuedBatch;
    const phoneOn = (network: number, host = 9): Client => ({ headers: { "x-forwarded-for": `100.65.${network}.${host}` } });
    const PARIS = { latitude: 48.8566, longitude: 2.3522 };
    const SYDNEY = { latitude: -33.8688, longitude: 151.2093 };
    const ATTACKER = phoneOn(99);

    before(async function () {
      // 100 counted sessions per network and hour: more than a network collects in a day under the default budget (3 an hour).
      svc = await startTestService({ TRUSTED_PROXIES: "loopback", RATE_LIMIT_MAX: "1000000", SESSIONS_PER_NETWORK: "100" });
      const acme = await svc.newBrand("Acme");
      batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "P3", quantity: 2 });
    });

    after(async function () {
      await svc?.close();
    });

    it("stays GENUINE when, after an honest scan in Paris, it claims Sydney a moment later (2 requests), nor after 20 sessions claiming Sydney and Paris", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[0]!;
      const shopper = phoneOn(1);
      await scan({ code, sessionId: await newSession(shopper), location: PARIS }, shopper);
      const lie = await scan({ code, sessionId: await newSession(ATTACKER), location: SYDNEY }, ATTACKER);
      expect(lie.body).to.include({ counted: true });
      expect(lie.body.history.suspicious).to.equal(false);
      expect((await verdict(code)).verdict).to.equal("GENUINE");
      for (let i = 0; i < 20; i++) {
        const sessionId = await newSession(ATTACKER);
        for (const location of [SYDNEY, PARIS, SYDNEY]) await scan({ code, sessionId, location }, ATTACKER);
      }
      const view = await verdict(code);
      expect(view.verdict).to.equal("GENUINE");
      expect(view.history).to.include({ suspicious: false, sessions: 22, networks: 2 });
    });

    it("stays GENUINE when an item has honest sessions from 2 other networks and it adds 50 sessions (TOO_MANY_SESSIONS)", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[1]!;
      for (const phone of [phoneOn(2), phoneOn(3)]) await scan({ code, sessionId: await newSession(phone) }, phone);
      for (let i = 0; i < 50; i++) {
        const res = await scan({ code, sessionId: await newSession(ATTACKER) }, ATTACKER);
        expect(res.body.counted).to.equal(true);
        expect(res.body.history.suspicious, `after ${i + 1} sessions`).to.equal(false);
      }
      const view = await verdict(code);
      expect(view.verdict).to.equal("GENUINE");
      expect(view.history).to.include({ suspicious: false, sessions: 52, networks: 3 });
    });
  });
});
