import { expect } from "chai";
import { raiseAlert } from "../../../../server/features/alerts/alerts.ts";
import { openApiContract } from "../../../helpers/openapi-contract.ts";
import { FIRST_PREFIX, gtinIn } from "../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

/**
 * A brand raises alerts to customs for its own GTINs, lists them in pages, reads one, and withdraws it (kept
 * as history). Every wrong field is named with its code; another brand's alert is unknown to it.
 */
describe("brand alerts to customs, through the API", function () {
  this.timeout(180_000);
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let globex: Awaited<ReturnType<TestService["newBrand"]>>;
  /** Acme is the service's first brand: it holds the first test prefix. */
  const gtin = gtinIn(FIRST_PREFIX);
  let expectDocumented: ReturnType<typeof openApiContract>;
  const DAY = 86_400_000;

  const call = async (method: string, route: string, key: string | undefined, body?: unknown) => {
    const res = await svc.api(method, route, { ...(key === undefined ? {} : { key }), ...(body === undefined ? {} : { body }) });
    expectDocumented(method, route.replace(/\?.*$/, "").replace(/\/alerts\/[^/]+$/, "/alerts/{id}"), res);
    return res;
  };
  const raise = (body: unknown, key = acme.apiKey) => call("POST", "/api/v1/brand/alerts", key, body);

  before(async function () {
    svc = await startTestService();
    expectDocumented = openApiContract((await svc.api("GET", "/api/v1/openapi.json")).body);
    acme = await svc.newBrand("Acme");
    globex = await svc.newBrand("Globex");
    expect(acme.prefixes).to.deep.equal([FIRST_PREFIX]);
  });

  after(async function () {
    await svc?.close();
  });

  it("raises an alert for 90 days by default, with the GTIN as 14 digits and the reason trimmed, and reads it back", async function () {
    const before = Date.now();
    const res = await raise({ gtin: gtin.slice(1), lot: "L-7", country: "NL", origin: "CN", reason: "  Fakes of lot L-7 sold in Rotterdam markets \n" });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const { alert } = res.body;
    expect(res.headers.get("location")).to.equal(`/api/v1/brand/alerts/${alert.id}`);
    expect(alert).to.deep.include({ brandId: acme.brandId.toLowerCase(), gtin, lot: "L-7", country: "NL", origin: "CN", reason: "Fakes of lot L-7 sold in Rotterdam markets", withdrawnAt: null, state: "active" });
    expect(alert.id).to.match(/^[0-9a-f-]{36}$/);
    expect(Date.parse(alert.raisedAt)).to.be.within(before, Date.now());
    expect(Date.parse(alert.expiresAt) - Date.parse(alert.raisedAt)).to.equal(90 * DAY);
    const read = await call("GET", `/api/v1/brand/alerts/${alert.id}`, acme.apiKey);
    expect([read.status, read.body.alert]).to.deep.equal([200, alert]);
  });

  it("takes days from 1 to 365, and leaves lot and origin out to mean every lot, from anywhere", async function () {
    const res = await raise({ gtin, country: "DE", reason: "Counterfeit wave", days: 365 });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.alert).to.include({ lot: null, origin: null, country: "DE" });
    expect(Date.parse(res.body.alert.expiresAt) - Date.parse(res.body.alert.raisedAt)).to.equal(365 * DAY);
  });

  const cases: Array<[string, Record<string, unknown>, string, string, RegExp?]> = [
    ["a GTIN with a wrong check digit", { gtin: `${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}` }, "gtin", "GS1_BAD_CHECK_DIGIT", /check digit is \d, expected \d/],
    ["a GTIN of 10 digits", { gtin: "1234567890" }, "gtin", "GS1_BAD_GTIN_LENGTH"],
    ["a GTIN with letters", { gtin: "9506000A34352" }, "gtin", "GS1_NOT_DIGITS"],
    ["a GTIN of all zeros", { gtin: "00000000" }, "gtin", "GS1_ZERO_GTIN"],
    ["no GTIN", { gtin: undefined }, "gtin", "MISSING_FIELD"],
    ["a lot with a character outside the GS1 set", { lot: "L 1" }, "lot", "GS1_CHARACTER_NOT_ALLOWED"],
    ["a lot of 21 characters", { lot: "L".repeat(21) }, "lot", "INVALID_FIELD", /at most 20 characters/],
    ["an empty lot", { lot: "" }, "lot", "INVALID_FIELD"],
    ["UK for the United Kingdom", { country: "UK" }, "country", "UNKNOWN_COUNTRY", /the United Kingdom is GB/],
    ["a country in small letters", { country: "nl" }, "country", "UNKNOWN_COUNTRY", /write it in capitals: NL/],
    ["no country", { country: undefined }, "country", "MISSING_FIELD"],
    ["an origin that is no country", { origin: "XX" }, "origin", "UNKNOWN_COUNTRY"],
    ["a reason of spaces only", { reason: "   " }, "reason", "INVALID_FIELD", /must not be empty/],
    ["a reason of 281 characters", { reason: "x".repeat(281) }, "reason", "INVALID_FIELD", /at most 280 characters/],
    ["no reason", { reason: undefined }, "reason", "MISSING_FIELD"],
    ["0 days", { days: 0 }, "days", "INVALID_FIELD", /at least 1/],
    ["366 days", { days: 366 }, "days", "INVALID_FIELD", /at most 365/],
    ["days as text", { days: "30" }, "days", "INVALID_FIELD"],
    ["a field the request has not", { severity: "high" }, "severity", "UNKNOWN_FIELD"],
  ];
  for (const [what, change, field, code, message] of cases) {
    it(`refuses ${what}: 400 ${code} naming ${field}`, async function () {
      const res = await raise({ gtin, country: "NL", reason: "Fakes", ...change });
      expect([res.status, res.body.error], JSON.stringify(res.body)).to.deep.equal([400, code]);
      // An unknown key leads as field `body`, as every request's does; `fields` names it.
      expect(res.body.field).to.equal(code === "UNKNOWN_FIELD" ? "body" : field);
      expect(res.body.fields.map((f: { field: string; code: string }) => [f.field, f.code])).to.deep.equal([[field, code]]);
      if (message) expect(res.body.message).to.match(message);
    });
  }

  it("names every wrong field of one request at once", async function () {
    const res = await raise({ gtin: "123", country: "UK", origin: "ZZ", reason: "" });
    expect(res.status).to.equal(400);
    expect(res.body.fields.map((f: { field: string; code: string }) => [f.field, f.code])).to.have.deep.members([
      ["reason", "INVALID_FIELD"],
      ["gtin", "GS1_BAD_GTIN_LENGTH"],
      ["country", "UNKNOWN_COUNTRY"],
      ["origin", "UNKNOWN_COUNTRY"],
    ]);
  });

  it("refuses another brand's GTIN, and one in no brand's prefix: 403 GTIN_NOT_OWNED", async function () {
    const theirs = await raise({ gtin: gtinIn(globex.prefixes[0]!), country: "NL", reason: "Fakes" });
    expect([theirs.status, theirs.body.error, theirs.body.field]).to.deep.equal([403, "GTIN_NOT_OWNED", "gtin"]);
    expect(theirs.body.message).to.contain('"Globex"');
    const nobody = await raise({ gtin: gtinIn("4012345"), country: "NL", reason: "Fakes" });
    expect([nobody.status, nobody.body.error]).to.deep.equal([403, "GTIN_NOT_OWNED"]);
  });

  it("keeps alerts to brands' keys: 401 without a key, 403 for a customs office", async function () {
    expect((await call("GET", "/api/v1/brand/alerts", undefined)).status).to.equal(401);
    const office = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Rotterdam customs", country: "NL" } })).body;
    const res = await call("POST", "/api/v1/brand/alerts", office.apiKey, { gtin, country: "NL", reason: "x" });
    expect([res.status, res.body.error]).to.deep.equal([403, "FORBIDDEN"]);
  });

  it("withdraws an alert, keeping it as history; withdrawing again changes nothing", async function () {
    const { alert } = (await raise({ gtin, country: "FR", reason: "To withdraw" })).body;
    const withdrawn = await call("DELETE", `/api/v1/brand/alerts/${alert.id}`, acme.apiKey);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(withdrawn.body.alert).to.deep.include({ id: alert.id, state: "withdrawn", reason: "To withdraw", expiresAt: alert.expiresAt });
    expect(withdrawn.body.alert.withdrawnAt).to.be.a("string");
    const again = await call("DELETE", `/api/v1/brand/alerts/${alert.id}`, acme.apiKey);
    expect(again.body.alert).to.deep.equal(withdrawn.body.alert);
    expect((await call("GET", `/api/v1/brand/alerts/${alert.id}`, acme.apiKey)).body.alert.state).to.equal("withdrawn");
  });

  it("answers another brand's alert as unknown: 404 UNKNOWN_ALERT to read or withdraw it, and it stays active", async function () {
    const { alert } = (await raise({ gtin, country: "BE", reason: "Acme's own" })).body;
    const read = await call("GET", `/api/v1/brand/alerts/${alert.id}`, globex.apiKey);
    expect([read.status, read.body.error]).to.deep.equal([404, "UNKNOWN_ALERT"]);
    const withdraw = await call("DELETE", `/api/v1/brand/alerts/${alert.id}`, globex.apiKey);
    expect([withdraw.status, withdraw.body.error]).to.deep.equal([404, "UNKNOWN_ALERT"]);
    expect((await call("GET", `/api/v1/brand/alerts/${alert.id}`, acme.apiKey)).body.alert.state).to.equal("active");
    const none = await call("GET", "/api/v1/brand/alerts/7b0f5f0e-2d1c-4c55-9f55-000000000000", acme.apiKey);
    expect([none.status, none.body.error]).to.deep.equal([404, "UNKNOWN_ALERT"]);
    const bad = await call("GET", "/api/v1/brand/alerts/42", acme.apiKey);
    expect([bad.status, bad.body.field]).to.deep.equal([400, "id"]);
  });

  it("reads an alert as expired once its days have passed by the service's clock, and lists by state", async function () {
    const org = (await svc.ctx.store.findOrganisationByName("Acme"))!;
    // Raised 31 days ago for 30 days: the service's clock is past its expiry now.
    const old = await raiseAlert(svc.ctx, org, { gtin, lot: undefined, country: "IT", origin: undefined, reason: "Last month's wave", days: 30 }, Date.now() - 31 * DAY);
    expect(old.state).to.equal("active");
    expect((await call("GET", `/api/v1/brand/alerts/${old.id}`, acme.apiKey)).body.alert.state).to.equal("expired");
    const expired = await call("GET", "/api/v1/brand/alerts?state=expired", acme.apiKey);
    expect(expired.body.alerts.map((a: { id: string }) => a.id)).to.deep.equal([old.id]);
    const active = await call("GET", "/api/v1/brand/alerts?state=active", acme.apiKey);
    expect(active.body.alerts.map((a: { state: string }) => a.state)).to.deep.equal(["active", "active", "active"]);
    expect((await call("GET", "/api/v1/brand/alerts?state=withdrawn", acme.apiKey)).body.alerts).to.have.length(1);
    const badState = await call("GET", "/api/v1/brand/alerts?state=paused", acme.apiKey);
    expect([badState.status, badState.body.field]).to.deep.equal([400, "state"]);
  });

  it("lists the brand's own alerts newest first, in pages", async function () {
    const all = (await call("GET", "/api/v1/brand/alerts", acme.apiKey)).body;
    expect(all.alerts).to.have.length(5);
    expect(all.nextCursor).to.equal(null);
    expect(all.alerts.map((a: { country: string }) => a.country)).to.deep.equal(["IT", "BE", "FR", "DE", "NL"]);
    const first = (await call("GET", "/api/v1/brand/alerts?limit=2", acme.apiKey)).body;
    expect(first.alerts.map((a: { country: string }) => a.country)).to.deep.equal(["IT", "BE"]);
    const second = (await call("GET", `/api/v1/brand/alerts?limit=2&cursor=${first.nextCursor}`, acme.apiKey)).body;
    expect(second.alerts.map((a: { country: string }) => a.country)).to.deep.equal(["FR", "DE"]);
    const third = (await call("GET", `/api/v1/brand/alerts?limit=2&cursor=${second.nextCursor}`, acme.apiKey)).body;
    expect([third.alerts.map((a: { country: string }) => a.country), third.nextCursor]).to.deep.equal([["NL"], null]);
    expect((await call("GET", "/api/v1/brand/alerts", globex.apiKey)).body.alerts).to.deep.equal([]);
    const badCursor = await call("GET", "/api/v1/brand/alerts?cursor=abc", acme.apiKey);
    expect([badCursor.status, badCursor.body.field]).to.deep.equal([400, "cursor"]);
  });
});
