/**
 * Scan evidence must be expensive to forge: what one client network can do to a genuine item's history,
 * however hard it tries, and what a copied label scanned by phones in several networks still shows. The
 * real service in-process on a real chain; networks are told apart by the address the service sees, which
 * is X-Forwarded-For only when loopback is named a trusted proxy.
 */
import { expect } from "chai";
import { forgedLabel } from "../helpers/forged-label.ts";
import { issueBatch, type IssuedBatch } from "../helpers/issued.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

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
      // Only the network's first 3 sessions counted: 15 of the 1,000 scans (sessions 0, 1 and 2 of each 200).
      expect(view.history).to.include({ suspicious: false, sessions: 3, networks: 1, scans: 15 });
      expect(counted).to.equal(15);
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
      batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "P2", quantity: 4 });
    });

    after(async function () {
      await svc?.close();
    });

    it("flags TOO_MANY_SESSIONS once 6 phones in 3 networks scanned it (default: more than 5, from at least 3 networks)", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[0]!;
      const phones = [1, 1, 2, 2, 3, 3].map((network, i) => phoneOn(network, 10 + i));
      for (const [i, phone] of phones.entries()) {
        const res = await scan({ code, sessionId: await newSession(phone) }, phone);
        expect(res.body.counted).to.equal(true);
        expect(res.body.history.suspicious).to.equal(i === 5);
      }
      const view = await verdict(code);
      expect(view.verdict).to.equal("SUSPICIOUS");
      expect(view.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["TOO_MANY_SESSIONS"]);
    });

    it("flags IMPOSSIBLE_TRAVEL for two phones in two networks, Paris and Tokyo, minutes apart", async function () {
      const { newSession, scan, verdict } = scanner(svc);
      const code = batch.uris[1]!;
      const [paris, tokyo] = [phoneOn(11), phoneOn(12)];
      await scan({ code, sessionId: await newSession(paris), location: { latitude: 48.8566, longitude: 2.3522 } }, paris);
      await scan({ code, sessionId: await newSession(tokyo), location: { latitude: 35.6762, longitude: 139.6503 } }, tokyo);
      const view = await verdict(code);
      expect(view.verdict).to.equal("SUSPICIOUS");
      expect(view.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
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
});
