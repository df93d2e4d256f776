/**
 * Two instances of the service on one PostgreSQL database and one chain, as behind a load balancer: any
 * instance answers any request, and none serves what another has changed stale.
 */
import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../helpers/issued.ts";
import { sharedTestPostgres } from "../../helpers/postgres.ts";
import { startPeerInstance, startTestService, type TestService } from "../../helpers/service.ts";

const GTIN = "09506000134352";
// Above what the other tests spend from this client's budget, low enough to exhaust in the last one.
const RATE_LIMIT_MAX = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two instances on one PostgreSQL database", function () {
  this.timeout(120_000);
  let first: TestService;
  let second: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;

  before(async function () {
    const databaseUrl = await (await sharedTestPostgres()).createDatabase();
    first = await startTestService({ DATABASE_URL: databaseUrl, RATE_LIMIT_MAX: String(RATE_LIMIT_MAX) });
    second = await startPeerInstance(first, { RATE_LIMIT_MAX: String(RATE_LIMIT_MAX) });
    acme = await first.newBrand("Acme");
    batch = await issueBatch(first, acme.apiKey, { gtin: GTIN, lot: "T1", quantity: 5 });
  });

  after(async function () {
    await second?.close();
    await first?.close();
  });

  it("labels and verifies on the second a batch created on the first", async function () {
    const seen = await second.api("GET", `/api/v1/batches/${batch.id}`, { key: acme.apiKey });
    expect(seen.status).to.equal(200);
    expect(seen.body).to.include({ id: batch.id, state: "confirmed", quantity: 5 });
    const csv = await second.api("GET", `/api/v1/batches/${batch.id}/labels?format=csv`, { key: acme.apiKey });
    expect(csv.status).to.equal(200);
    const uris = (csv.body as string).trim().split("\r\n").slice(1).map((row) => row.slice(row.lastIndexOf(",") + 1));
    expect(uris).to.deep.equal(batch.uris);
    for (const uri of uris) {
      const verdict = await second.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`);
      expect(verdict.body.verdict, uri).to.equal("GENUINE");
    }
  });

  it("answers REVOKED on the second at the next verify after a recall through the first", async function () {
    const uri = batch.uris[0]!;
    // The second caches its GENUINE answer first, so a stale cache would show here.
    expect((await second.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`)).body.verdict).to.equal("GENUINE");
    const recall = await first.api("POST", `/api/v1/batches/${batch.id}/status`, { key: acme.apiKey, body: { status: "recalled" } });
    expect(recall.status).to.equal(200);
    const after = await second.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`);
    expect(after.body.verdict).to.equal("REVOKED");
  });

  it("shows on the second a scan recorded through the first, although no block was mined in between", async function () {
    const other = await issueBatch(first, acme.apiKey, { gtin: GTIN, lot: "T2", quantity: 1 });
    const uri = other.uris[0]!;
    const before = await second.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`);
    expect(before.body.history).to.include({ scans: 0 });
    const session = await first.api("POST", "/api/v1/sessions");
    const scan = await first.api("POST", "/api/v1/scans", { body: { code: uri, sessionId: session.body.sessionId, country: "FR" } });
    expect(scan.status, JSON.stringify(scan.body)).to.equal(201);
    // The head block is the one the second's answer was cached at: only the change feed can tell it, and
    // its notification takes a moment to arrive.
    const scansOnSecond = async () => (await second.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`)).body.history.scans;
    let scans = await scansOnSecond();
    for (const end = Date.now() + 5_000; scans === 0 && Date.now() < end; scans = await scansOnSecond()) await sleep(20);
    expect(scans).to.equal(1);
  });

  it("shares one public rate limit per client: a client over its budget on the first is refused by the second", async function () {
    // Both instances count in one table; hits already made by this client (the tests above) count too.
    let status = 200;
    let calls = 0;
    while (status !== 429 && calls <= RATE_LIMIT_MAX) {
      status = (await first.api("GET", `/api/v1/verify?code=${encodeURIComponent(batch.uris[1]!)}`)).status;
      calls++;
    }
    expect(status, "the first instance's limit").to.equal(429);
    const refused = await second.api("GET", `/api/v1/verify?code=${encodeURIComponent(batch.uris[1]!)}`);
    expect(refused.status).to.equal(429);
    expect(refused.body.error).to.equal("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).to.be.greaterThan(0);
  });
});
