import { expect } from "chai";
import { startTestService, type TestService } from "../../../../helpers/service.ts";

const KEY_FIELDS = ["active", "createdAt", "id", "label", "lastUsedAt", "revokedAt"];

describe("API keys: list, rotate, revoke, last use", function () {
  this.timeout(120_000);
  let svc: TestService;

  before(async function () {
    svc = await startTestService();
  });

  after(async function () {
    await svc?.close();
  });

  /** A fresh brand, its organisation id and its one key's id. */
  async function brand(name: string) {
    const made = await svc.newBrand(name);
    const view = await svc.api("GET", "/api/v1/brand", { key: made.apiKey });
    const keys = await svc.api("GET", "/api/v1/keys", { key: made.apiKey });
    return { apiKey: made.apiKey, orgId: view.body.id as string, keyId: keys.body.keys[0].id as string };
  }

  it("lists an organisation's keys without any secret, with when each was made and last used", async function () {
    const before = Date.now();
    const acme = await brand("Keys Acme");
    const res = await svc.api("GET", "/api/v1/keys", { key: acme.apiKey });
    expect(res.status).to.equal(200);
    expect(res.body.keys).to.have.length(1);
    const [key] = res.body.keys;
    expect(Object.keys(key).sort()).to.deep.equal(KEY_FIELDS);
    expect(key.id).to.match(/^[0-9a-f]{16}$/);
    expect([key.label, key.revokedAt, key.active]).to.deep.equal([null, null, true]);
    expect(Date.parse(key.createdAt)).to.be.within(before - 1000, Date.now());
    expect(Date.parse(key.lastUsedAt)).to.be.within(before, Date.now());
    expect(JSON.stringify(res.body)).not.to.include(acme.apiKey.slice(3));
  });

  it("records the last use at most once a minute per key, not on every request", async function () {
    const acme = await brand("Keys Minute");
    const first = (await svc.api("GET", "/api/v1/keys", { key: acme.apiKey })).body.keys[0].lastUsedAt;
    await svc.api("GET", "/api/v1/brand", { key: acme.apiKey });
    const second = (await svc.api("GET", "/api/v1/keys", { key: acme.apiKey })).body.keys[0].lastUsedAt;
    expect(second).to.equal(first);
  });

  it("rotates a key: the new secret is shown once and works; the old one is refused at once with API_KEY_REVOKED", async function () {
    const acme = await brand("Keys Rotate");
    const rotated = await svc.api("POST", `/api/v1/keys/${acme.keyId}/rotate`, { key: acme.apiKey, body: { label: "ci" } });
    expect(rotated.status, JSON.stringify(rotated.body)).to.equal(201);
    expect(rotated.body.apiKey).to.match(/^vt_[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.key).to.include({ label: "ci", active: true, revokedAt: null, lastUsedAt: null });
    expect(rotated.body.replaced).to.include({ id: acme.keyId, active: false });
    expect(Date.parse(rotated.body.replaced.revokedAt)).to.be.at.most(Date.now());

    const old = await svc.api("GET", "/api/v1/brand", { key: acme.apiKey });
    expect(old.status).to.equal(401);
    expect(old.body.error).to.equal("API_KEY_REVOKED");
    expect(old.body.message).to.match(new RegExp(`^The API key ${acme.keyId} was revoked at \\d{4}-\\d\\d-\\d\\dT.*; use its replacement$`));

    const fresh = await svc.api("GET", "/api/v1/keys", { key: rotated.body.apiKey });
    expect(fresh.status).to.equal(200);
    expect(fresh.body.keys.map((k: any) => [k.id, k.active, k.label])).to.deep.equal([
      [acme.keyId, false, null],
      [rotated.body.key.id, true, "ci"],
    ]);
    const again = await svc.api("POST", `/api/v1/keys/${acme.keyId}/rotate`, { key: rotated.body.apiKey });
    expect([again.status, again.body.error]).to.deep.equal([409, "API_KEY_REVOKED"]);
  });

  it("keeps the old key valid through a rotation's grace period, until it is revoked", async function () {
    const acme = await brand("Keys Grace");
    const started = Date.now();
    const rotated = await svc.api("POST", `/api/v1/keys/${acme.keyId}/rotate`, { key: acme.apiKey, body: { graceSeconds: 3600 } });
    expect(rotated.status).to.equal(201);
    expect(rotated.body.replaced.active).to.equal(true);
    expect(Date.parse(rotated.body.replaced.revokedAt) - started).to.be.within(3_599_000, 3_601_000 + (Date.now() - started));
    expect((await svc.api("GET", "/api/v1/brand", { key: acme.apiKey })).status, "old key in its grace period").to.equal(200);
    expect((await svc.api("GET", "/api/v1/brand", { key: rotated.body.apiKey })).status, "new key").to.equal(200);

    const revoked = await svc.api("DELETE", `/api/v1/keys/${acme.keyId}`, { key: rotated.body.apiKey });
    expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
    expect(revoked.body.key).to.include({ id: acme.keyId, active: false });
    const refused = await svc.api("GET", "/api/v1/brand", { key: acme.apiKey });
    expect([refused.status, refused.body.error]).to.deep.equal([401, "API_KEY_REVOKED"]);
    // Revoking twice changes nothing.
    const twice = await svc.api("DELETE", `/api/v1/keys/${acme.keyId}`, { key: rotated.body.apiKey });
    expect([twice.status, twice.body.key.revokedAt]).to.deep.equal([200, revoked.body.key.revokedAt]);
  });

  it("refuses to revoke an organisation's last active key: LAST_API_KEY, 409", async function () {
    const acme = await brand("Keys Last");
    const res = await svc.api("DELETE", `/api/v1/keys/${acme.keyId}`, { key: acme.apiKey });
    expect([res.status, res.body.error, res.body.field]).to.deep.equal([409, "LAST_API_KEY", "keyId"]);
    expect((await svc.api("GET", "/api/v1/brand", { key: acme.apiKey })).status).to.equal(200);
  });

  it("names bad and unknown key ids", async function () {
    const acme = await brand("Keys Names");
    const bad = await svc.api("DELETE", "/api/v1/keys/xyz", { key: acme.apiKey });
    expect([bad.status, bad.body.error, bad.body.field]).to.deep.equal([400, "INVALID_FIELD", "keyId"]);
    const unknown = await svc.api("POST", `/api/v1/keys/${"0".repeat(16)}/rotate`, { key: acme.apiKey });
    expect([unknown.status, unknown.body.error]).to.deep.equal([404, "API_KEY_NOT_FOUND"]);
    const grace = await svc.api("POST", `/api/v1/keys/${acme.keyId}/rotate`, { key: acme.apiKey, body: { graceSeconds: 8 * 86_400 } });
    expect([grace.status, grace.body.error, grace.body.field]).to.deep.equal([400, "INVALID_FIELD", "graceSeconds"]);
    // Another organisation's key is not yours to touch.
    const other = await brand("Keys Other");
    const theirs = await svc.api("DELETE", `/api/v1/keys/${other.keyId}`, { key: acme.apiKey });
    expect([theirs.status, theirs.body.error]).to.deep.equal([404, "API_KEY_NOT_FOUND"]);
  });

  describe("the registrar", function () {
    it("lists, rotates and revokes any organisation's keys: a locked-out brand gets a key again", async function () {
      const acme = await brand("Keys Registrar");
      const listed = await svc.api("GET", `/api/v1/organisations/${acme.orgId}/keys`, { key: svc.registrarApiKey });
      expect(listed.status).to.equal(200);
      expect(listed.body.keys.map((k: any) => k.id)).to.deep.equal([acme.keyId]);

      const rotated = await svc.api("POST", `/api/v1/organisations/${acme.orgId}/keys/${acme.keyId}/rotate`, { key: svc.registrarApiKey, body: {} });
      expect(rotated.status, JSON.stringify(rotated.body)).to.equal(201);
      expect((await svc.api("GET", "/api/v1/brand", { key: acme.apiKey })).body.error).to.equal("API_KEY_REVOKED");
      expect((await svc.api("GET", "/api/v1/brand", { key: rotated.body.apiKey })).body.id).to.equal(acme.orgId);

      const second = await svc.api("POST", `/api/v1/keys/${rotated.body.key.id}/rotate`, { key: rotated.body.apiKey, body: { graceSeconds: 600 } });
      const revoked = await svc.api("DELETE", `/api/v1/organisations/${acme.orgId}/keys/${rotated.body.key.id}`, { key: svc.registrarApiKey });
      expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
      expect((await svc.api("GET", "/api/v1/brand", { key: rotated.body.apiKey })).body.error).to.equal("API_KEY_REVOKED");
      expect((await svc.api("GET", "/api/v1/brand", { key: second.body.apiKey })).status).to.equal(200);
    });

    it("is the only one who may, and names an unknown organisation", async function () {
      const acme = await brand("Keys Guard");
      const asBrand = await svc.api("GET", `/api/v1/organisations/${acme.orgId}/keys`, { key: acme.apiKey });
      expect([asBrand.status, asBrand.body.error]).to.deep.equal([403, "FORBIDDEN"]);
      const unknown = await svc.api("GET", "/api/v1/organisations/7d444840-9dc0-11d1-b245-5ffdce74fad2/keys", { key: svc.registrarApiKey });
      expect([unknown.status, unknown.body.error]).to.deep.equal([404, "ORGANISATION_NOT_FOUND"]);
      const bad = await svc.api("GET", "/api/v1/organisations/nope/keys", { key: svc.registrarApiKey });
      expect([bad.status, bad.body.error, bad.body.field]).to.deep.equal([400, "INVALID_FIELD", "orgId"]);
    });
  });
});
