import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../helpers/issued.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const TOKYO = { latitude: 35.6762, longitude: 139.6503 };

describe("/api/v1/scans", function () {
  let svc: TestService;
  let batch: IssuedBatch;
  const post = (body: unknown) => svc.api("POST", "/api/v1/scans", { body });
  const history = async (code: string) => (await svc.api("GET", `/api/v1/scans?code=${encodeURIComponent(code)}`)).body.history;
  const session = (i: number) => `session-${String(i).padStart(4, "0")}`;

  before(async function () {
    svc = await startTestService();
    const acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "S1", quantity: 5 });
  });

  after(async function () {
    await svc?.close();
  });

  it("records a scan (201) and answers the code's history with ISO times", async function () {
    const res = await post({ code: batch.uris[0], sessionId: session(1), location: PARIS, country: "FR" });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.history).to.include({ suspicious: false, sessions: 1, scans: 1 });
    expect(res.body.history.countries).to.deep.equal(["FR"]);
    expect(res.body.history.firstScanAt).to.equal(res.body.history.lastScanAt);
    expect(Date.parse(res.body.history.firstScanAt)).to.be.closeTo(Date.now(), 60_000);
  });

  it("keeps only the coarse location (0.1°), never the precise one", async function () {
    const rows = new (await import("node:sqlite")).DatabaseSync(`${svc.dataDir}/veritrace.db`)
      .prepare("SELECT latitude, longitude FROM scans WHERE serial = ?")
      .all(batch.serials[0]!);
    expect(rows).to.deep.equal([{ latitude: 48.9, longitude: 2.4 }]);
  });

  it("never flags one session scanning the same code again and again", async function () {
    for (let i = 0; i < 8; i++) await post({ code: batch.uris[1], sessionId: session(99) });
    expect(await history(batch.uris[1]!)).to.include({ suspicious: false, sessions: 1, scans: 8 });
  });

  it("flags a 6th session (default: more than 5 in 30 days) as TOO_MANY_SESSIONS, and the verdict SUSPICIOUS", async function () {
    for (let i = 0; i < 5; i++) await post({ code: batch.uris[2], sessionId: session(i) });
    expect((await history(batch.uris[2]!)).suspicious).to.equal(false);
    const sixth = await post({ code: batch.uris[2], sessionId: session(5) });
    expect(sixth.body.history.suspicious).to.equal(true);
    expect(sixth.body.history.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["TOO_MANY_SESSIONS"]);
    const verdict = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(batch.uris[2]!)}`);
    expect(verdict.body.verdict).to.equal("SUSPICIOUS");
    expect(verdict.body.reasons[0].code).to.equal("TOO_MANY_SESSIONS");
  });

  it("flags the same code scanned in Paris and Tokyo minutes apart as IMPOSSIBLE_TRAVEL", async function () {
    await post({ code: batch.uris[3], sessionId: session(10), location: PARIS });
    const res = await post({ code: batch.uris[3], sessionId: session(11), location: TOKYO });
    expect(res.body.history.reasons.map((r: { code: string }) => r.code)).to.deep.equal(["IMPOSSIBLE_TRAVEL"]);
    expect(res.body.history.reasons[0].message).to.include("48.9, 2.4").and.include("35.7, 139.7");
  });

  it("counts a clone's scans under the item's GS1 key, whatever host or signature the label carries", async function () {
    const copy = batch.uris[4]!.replace("https://id.example.com", "https://elsewhere.example").replace(/&s=.*$/, "");
    await post({ code: batch.uris[4], sessionId: session(20) });
    await post({ code: copy, sessionId: session(21) });
    expect((await history(batch.uris[4]!)).sessions).to.equal(2);
  });

  it("GET answers the history without recording", async function () {
    const before = (await history(batch.uris[0]!)).scans;
    await history(batch.uris[0]!);
    expect((await history(batch.uris[0]!)).scans).to.equal(before);
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
      const before = (await history(batch.uris[0]!)).scans;
      const res = await post({ code: batch.uris[0], sessionId: session(50), ...change });
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body).to.include({ error, field });
      expect((await history(batch.uris[0]!)).scans).to.equal(before);
    });
  }

  it("answers 400 for GET without a code", async function () {
    expect((await svc.api("GET", "/api/v1/scans")).body).to.include({ error: "MISSING_FIELD", field: "code" });
  });
});
