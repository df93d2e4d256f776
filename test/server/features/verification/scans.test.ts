import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";
import { storedScans } from "../../../helpers/raw-store.ts";

const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const TOKYO = { latitude: 35.6762, longitude: 139.6503 };
const GTIN = "09506000134352";
/** The label without its signature: what anyone can print. */
const unsignedCopy = (uri: string) => uri.replace(/([?&])s=[^&]*&?/, "$1").replace(/[?&]$/, "");

describe("/api/v1/sessions and /api/v1/scans", function () {
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  /** The service trusts X-Forwarded-For from loopback here, so the tests speak from many client networks. */
  const from = (network: number) => ({ "x-forwarded-for": `10.0.${network}.9` });
  const newSession = async (network = 0): Promise<string> => {
    const res = await svc.api("POST", "/api/v1/sessions", { headers: from(network) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.sessionId;
  };
  const post = (body: Record<string, unknown>, network = 0) => svc.api("POST", "/api/v1/scans", { body, headers: from(network) });
  const history = async (code: string) => (await svc.api("GET", `/api/v1/scans?code=${encodeURIComponent(code)}`)).body.history;
  const reasonCodes = (h: { reasons: Array<{ code: string }> }) => h.reasons.map((r) => r.code);
  /** The network numbers used so far: each test takes fresh ones, so that no session budget runs out. */
  let nextNetwork = 1;
  const networks = (n: number) => Array.from({ length: n }, () => nextNetwork++);

  before(async function () {
    svc = await startTestService({ TRUSTED_PROXIES: "loopback" });
    acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: GTIN, lot: "S1", quantity: 8 });
  });

  after(async function () {
    await svc?.close();
  });

  describe("POST /api/v1/sessions", function () {
    it("issues a fresh random session id (128 bits, base64url) each time (201)", async function () {
      const [a, b] = [await newSession(), await newSession()];
      expect(a).to.match(/^[A-Za-z0-9_-]{22}$/);
      expect(b).to.match(/^[A-Za-z0-9_-]{22}$/).and.not.equal(a);
    });
  });

  describe("POST /api/v1/scans", function () {
    it("records a scan of a signed code (201, counted) and answers the item's history with ISO times", async function () {
      const [net] = networks(1);
      const res = await post({ code: batch.uris[0], sessionId: await newSession(net), location: PARIS, country: "FR" }, net);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ counted: true, reason: null, counterfeitSighting: null });
      expect(res.body.history).to.include({ suspicious: false, sessions: 1, networks: 1, scans: 1 });
      expect(res.body.history.countries).to.deep.equal(["FR"]);
      expect(res.body.history.firstScanAt).to.equal(res.body.history.lastScanAt);
      expect(Date.parse(res.body.history.firstScanAt)).to.be.closeTo(Date.now(), 60_000);
    });

    it("keeps only the coarse location (0.1°), never the precise one, under the signer's brand", async function () {
      const rows = await storedScans(svc, batch.serials[0]!);
      expect(rows.map((row) => ({ ...row }))).to.deep.equal([{ brand_id: acme.brandId.toLowerCase(), latitude: 48.9, longitude: 2.4 }]);
    });

    it("never flags one session scanning the same code again and again, and records 3 of its scans (then 200, SESSION_SCANS_EXHAUSTED)", async function () {
      const [net] = networks(1);
      const sessionId = await newSession(net);
      for (let i = 0; i < 8; i++) {
        const res = await post({ code: batch.uris[1], sessionId }, net);
        expect(res.status).to.equal(i < 3 ? 201 : 200);
        if (i >= 3) expect(res.body.reason.code).to.equal("SESSION_SCANS_EXHAUSTED");
      }
      expect(await history(batch.uris[1]!)).to.include({ suspicious: false, sessions: 1, scans: 3 });
    });

    it("flags a 6th session from a 6th network (default: more than 5 in 30 days, one counted per network) as TOO_MANY_SESSIONS, and the verdict SUSPICIOUS", async function () {
      const nets = networks(6);
      for (let i = 0; i < 5; i++) await post({ code: batch.uris[2], sessionId: await newSession(nets[i]) }, nets[i]);
      expect((await history(batch.uris[2]!)).suspicious).to.equal(false);
      const sixth = await post({ code: batch.uris[2], sessionId: await newSession(nets[5]) }, nets[5]);
      expect(sixth.body.history).to.include({ suspicious: true, sessions: 6, networks: 6 });
      expect(reasonCodes(sixth.body.history)).to.deep.equal(["TOO_MANY_SESSIONS"]);
      const verdict = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(batch.uris[2]!)}`);
      expect(verdict.body.verdict).to.equal("SUSPICIOUS");
      expect(verdict.body.reasons[0].code).to.equal("TOO_MANY_SESSIONS");
    });

    it("does not flag 6 sessions from only 2 networks", async function () {
      const nets = networks(2);
      for (let i = 0; i < 6; i++) await post({ code: batch.uris[5], sessionId: await newSession(nets[i % 2]) }, nets[i % 2]);
      expect(await history(batch.uris[5]!)).to.include({ suspicious: false, sessions: 6, networks: 2 });
    });

    it("flags the same code scanned in Paris and Tokyo minutes apart, each from two networks, as IMPOSSIBLE_TRAVEL (one network's claim alone does not)", async function () {
      const [paris, tokyo, paris2, tokyo2] = networks(4);
      await post({ code: batch.uris[3], sessionId: await newSession(paris), location: PARIS }, paris);
      const lone = await post({ code: batch.uris[3], sessionId: await newSession(tokyo), location: TOKYO }, tokyo);
      expect(lone.body.history.suspicious).to.equal(false);
      await post({ code: batch.uris[3], sessionId: await newSession(paris2), location: PARIS }, paris2);
      const res = await post({ code: batch.uris[3], sessionId: await newSession(tokyo2), location: TOKYO }, tokyo2);
      expect(reasonCodes(res.body.history)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
      expect(res.body.history.reasons[0].message).to.include("48.9, 2.4").and.include("35.7, 139.7");
    });

    it("does not flag Paris and Tokyo claimed by two sessions of one network", async function () {
      const [net] = networks(1);
      await post({ code: batch.uris[6], sessionId: await newSession(net), location: PARIS }, net);
      const res = await post({ code: batch.uris[6], sessionId: await newSession(net), location: TOKYO }, net);
      expect(res.body.history).to.include({ suspicious: false, sessions: 2, networks: 1 });
    });

    it("counts only the first 3 sessions a network gets in an hour (default): the 4th's scans are not recorded (200, SESSION_NOT_COUNTED)", async function () {
      const [net] = networks(1);
      for (let i = 0; i < 3; i++) expect((await post({ code: batch.uris[7], sessionId: await newSession(net) }, net)).body.counted).to.equal(true);
      const fourth = await post({ code: batch.uris[7], sessionId: await newSession(net) }, net);
      expect(fourth.status).to.equal(200);
      expect(fourth.body).to.include({ counted: false, counterfeitSighting: null });
      expect(fourth.body.reason.code).to.equal("SESSION_NOT_COUNTED");
      expect(fourth.body.history).to.include({ sessions: 3, scans: 3 });
      // Another network still has its own budget.
      const [other] = networks(1);
      expect((await post({ code: batch.uris[7], sessionId: await newSession(other) }, other)).body.counted).to.equal(true);
    });

    it("counts a copy of a signed label under the same history, whatever host it points to", async function () {
      const [a, b] = networks(2);
      const copy = batch.uris[4]!.replace("https://id.example.com", "https://elsewhere.example");
      await post({ code: batch.uris[4], sessionId: await newSession(a) }, a);
      await post({ code: copy, sessionId: await newSession(b) }, b);
      expect(await history(batch.uris[4]!)).to.include({ sessions: 2, networks: 2 });
    });

    it("never puts an unsigned copy in the item's history: it is a counterfeit sighting for the GTIN's owner (201)", async function () {
      const [net] = networks(1);
      const before = (await history(batch.uris[4]!)).scans;
      const unsigned = unsignedCopy(batch.uris[4]!);
      expect(unsigned).to.not.include("s=");
      const res = await post({ code: unsigned, sessionId: await newSession(net), country: "FR" }, net);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ counted: false, history: null });
      expect(res.body.reason.code).to.equal("UNSIGNED");
      expect(res.body.counterfeitSighting).to.deep.equal({ brandId: acme.brandId });
      expect((await history(batch.uris[4]!)).scans).to.equal(before);
    });

    it("answers 400 UNKNOWN_SESSION for a session the service never issued, recording nothing", async function () {
      const before = (await history(batch.uris[0]!)).scans;
      const res = await post({ code: batch.uris[0], sessionId: "made-up-session-id" });
      expect(res.status).to.equal(400);
      expect(res.body).to.include({ error: "UNKNOWN_SESSION", field: "sessionId" });
      expect((await history(batch.uris[0]!)).scans).to.equal(before);
    });

    it("answers 403 SESSION_NETWORK_CHANGED for a session used from another network, recording nothing", async function () {
      const [home, mobile] = networks(2);
      const sessionId = await newSession(home);
      const before = (await history(batch.uris[0]!)).scans;
      const res = await post({ code: batch.uris[0], sessionId }, mobile);
      expect(res.status).to.equal(403);
      expect(res.body).to.include({ error: "SESSION_NETWORK_CHANGED", field: "sessionId" });
      expect((await history(batch.uris[0]!)).scans).to.equal(before);
      // Another address of the same /24 is the same network.
      const sameNetwork = await svc.api("POST", "/api/v1/scans", { body: { code: batch.uris[0], sessionId }, headers: { "x-forwarded-for": `10.0.${home}.200` } });
      expect(sameNetwork.status).to.equal(201);
    });

    const bad: Array<[string, Record<string, unknown>, string, string]> = [
      ["no session", { sessionId: undefined }, "MISSING_FIELD", "sessionId"],
      ["a short session id", { sessionId: "abc" }, "INVALID_FIELD", "sessionId"],
      ["a session id with a space", { sessionId: "abc def ghi" }, "INVALID_FIELD", "sessionId"],
      ["a latitude over 90", { location: { latitude: 91, longitude: 0 } }, "INVALID_FIELD", "location.latitude"],
      ["a longitude under -180", { location: { latitude: 0, longitude: -181 } }, "INVALID_FIELD", "location.longitude"],
      ["a half location", { location: { latitude: 1 } }, "MISSING_FIELD", "location.longitude"],
      ["a lower-case country", { country: "fr" }, "INVALID_FIELD", "country"],
      ["a three-letter country", { country: "FRA" }, "INVALID_FIELD", "country"],
      ["an unknown field", { colour: "red" }, "UNKNOWN_FIELD", "body"],
      ["a code that is no item code", { code: "https://id.example.com/01/09506000134353/10/S1/21/X" }, "GS1_BAD_CHECK_DIGIT", "gtin"],
      ["a code with no GTIN", { code: "hello" }, "GS1_BAD_URI", "uri"],
    ];
    for (const [what, change, error, field] of bad) {
      it(`answers 400 ${error} naming ${field} for ${what}, recording nothing`, async function () {
        const sessionId = await newSession(250);
        const before = (await history(batch.uris[0]!)).scans;
        const res = await post({ code: batch.uris[0], sessionId, ...change }, 250);
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body).to.include({ error, field });
        expect((await history(batch.uris[0]!)).scans).to.equal(before);
      });
    }
  });

  describe("GET /api/v1/scans", function () {
    it("answers the history without recording", async function () {
      const before = (await history(batch.uris[0]!)).scans;
      await history(batch.uris[0]!);
      expect((await history(batch.uris[0]!)).scans).to.equal(before);
    });

    it("answers a null history for a code that does not verify", async function () {
      expect(await history(unsignedCopy(batch.uris[0]!))).to.equal(null);
    });

    it("answers 400 without a code", async function () {
      expect((await svc.api("GET", "/api/v1/scans")).body).to.include({ error: "MISSING_FIELD", field: "code" });
    });
  });

  describe("GET /api/v1/brand/counterfeit-scans", function () {
    it("gives the GTIN's owner its counterfeit sightings, aggregated per product, day and country, and reason", async function () {
      const [a, b] = networks(2);
      const unsigned = unsignedCopy(batch.uris[5]!);
      const badSignature = batch.uris[5]!.replace(/s=[^&]*/, `s=${"A".repeat(86)}`);
      const sessionA = await newSession(a);
      await post({ code: unsigned, sessionId: sessionA, country: "DE" }, a);
      await post({ code: unsigned, sessionId: sessionA, country: "DE" }, a);
      await post({ code: badSignature, sessionId: await newSession(b) }, b);
      const res = await svc.api("GET", "/api/v1/brand/counterfeit-scans", { key: acme.apiKey });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const report = res.body.counterfeitScans;
      expect(report.brandId).to.equal(acme.brandId);
      // The earlier test's unsigned copy of item 4 is the same product (GTIN, lot).
      expect(report.total).to.deep.equal({ scans: 4, sessions: 3, networks: 3 });
      expect(report.byProduct).to.have.length(1);
      expect(report.byProduct[0]).to.include({ gtin: GTIN, lot: "S1", scans: 4, sessions: 3, networks: 3, serials: 2 });
      const today = new Date().toISOString().slice(0, 10);
      expect(report.byDayAndCountry).to.deep.include.members([
        { day: today, country: "DE", scans: 2, sessions: 1 },
        { day: today, country: "FR", scans: 1, sessions: 1 },
        { day: today, country: null, scans: 1, sessions: 1 },
      ]);
      const reasons = Object.fromEntries(report.byReason.map((r: { reason: string; scans: number }) => [r.reason, r.scans]));
      expect(reasons.UNSIGNED).to.equal(3);
      expect(Object.values(reasons).reduce((x: number, y) => x + (y as number), 0)).to.equal(4);
      // Never a single scan's network or time.
      expect(JSON.stringify(report)).to.not.include("10.0.");
    });

    it("counts from `since` on", async function () {
      const res = await svc.api("GET", `/api/v1/brand/counterfeit-scans?since=${new Date(Date.now() + 60_000).toISOString()}`, { key: acme.apiKey });
      expect(res.body.counterfeitScans.total.scans).to.equal(0);
    });

    it("shows another brand none of them", async function () {
      const other = await svc.newBrand("Other Brand");
      const res = await svc.api("GET", "/api/v1/brand/counterfeit-scans", { key: other.apiKey });
      expect(res.body.counterfeitScans.total.scans).to.equal(0);
    });

    it("needs a brand's API key (401 without, 403 for the registrar)", async function () {
      expect((await svc.api("GET", "/api/v1/brand/counterfeit-scans")).status).to.equal(401);
      expect((await svc.api("GET", "/api/v1/brand/counterfeit-scans", { key: svc.registrarApiKey })).status).to.equal(403);
    });
  });
});
