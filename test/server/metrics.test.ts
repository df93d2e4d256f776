/**
 * /metrics after real requests against a real service (Hardhat's chain, SQLite): RED metrics by route
 * template, verdicts by reason, batches with the API's state names, the chain head's age; and the request
 * id every answer carries.
 */
import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../helpers/issued.ts";
import { samplesOf, scrape, valueOf, type Sample } from "../helpers/prometheus.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the service's metrics and request ids", function () {
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  const verify = (code: string) => svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(code)}`);

  before(async function () {
    svc = await startTestService();
    acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "M1", quantity: 2 });
  });

  after(async function () {
    await svc?.close();
  });

  describe("RED metrics", function () {
    const requests = (s: Sample[], method: string, route: string, status: string) => valueOf(s, "http_requests_total", { method, route, status });
    const durations = (s: Sample[], method: string, route: string, status: string) =>
      valueOf(s, "http_request_duration_seconds_count", { method, route, status });

    it("counts requests and times them by route template and status, never by raw path", async function () {
      const before = await scrape(svc.url);
      for (let i = 0; i < 2; i++) expect((await svc.api("GET", `/api/v1/batches/${batch.id}`, { key: acme.apiKey })).status).to.equal(200);
      expect((await svc.api("GET", `/api/v1/batches/0x${"00".repeat(32)}`, { key: acme.apiKey })).status).to.equal(404);
      expect((await svc.api("GET", `/api/v1/batches/${batch.id}`)).status).to.equal(401);
      expect((await svc.api("GET", "/api/v1/no/such/thing")).status).to.equal(404);
      expect((await svc.api("GET", "/no-such-page")).status).to.equal(404);
      expect((await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: "{not json" })).status).to.equal(400);
      const path = batch.uris[0]!.slice("https://id.example.com".length);
      expect((await fetch(svc.url + path, { redirect: "manual" })).status).to.equal(307);
      const after = await scrape(svc.url);

      const route = "/api/v1/batches/:id";
      expect(requests(after, "GET", route, "200") - requests(before, "GET", route, "200")).to.equal(2);
      expect(requests(after, "GET", route, "404") - requests(before, "GET", route, "404")).to.equal(1);
      // Refused by the router's key check before its routes, or matching none of them: labelled by the mount.
      expect(requests(after, "GET", "/api/v1/batches/*", "401") - requests(before, "GET", "/api/v1/batches/*", "401")).to.equal(1);
      expect(requests(after, "GET", "/api/v1/*", "404") - requests(before, "GET", "/api/v1/*", "404")).to.equal(1);
      expect(requests(after, "GET", "unmatched", "404") - requests(before, "GET", "unmatched", "404")).to.equal(1);
      // The JSON parser refuses the body before any route matches, past the /api/v1 CORS mount.
      expect(requests(after, "POST", "/api/v1/*", "400") - requests(before, "POST", "/api/v1/*", "400")).to.equal(1);
      expect(requests(after, "GET", "/01/:gtin/10/:lot/21/:serial", "307") - requests(before, "GET", "/01/:gtin/10/:lot/21/:serial", "307")).to.equal(1);
      // Every request timed, with the same labels.
      expect(durations(after, "GET", route, "200") - durations(before, "GET", route, "200")).to.equal(2);
      expect(durations(after, "GET", route, "404") - durations(before, "GET", route, "404")).to.equal(1);
      const buckets = samplesOf(after, "http_request_duration_seconds_bucket", { method: "GET", route, status: "200" });
      expect(buckets.find((b) => b.labels.le === "+Inf")!.value).to.equal(durations(after, "GET", route, "200"));
      expect(valueOf(after, "http_request_duration_seconds_sum", { method: "GET", route, status: "200" })).to.be.greaterThan(0);
      // No label anywhere carries an id, a code or a GTIN.
      const routes = new Set(samplesOf(after, "http_requests_total").map((s) => s.labels.route));
      for (const r of routes) expect(r, r).to.not.match(/0x[0-9a-f]{8}|09506000134352|no\/such|no-such/);
    });
  });

  describe("veritrace_batches", function () {
    it("counts batches with exactly the API's state names", async function () {
      const samples = samplesOf(await scrape(svc.url), "veritrace_batches");
      const states = Object.fromEntries(samples.map((s) => [s.labels.state, s.value]));
      expect(states).to.deep.equal({ pending: 0, submitted: 0, confirmed: 1, failed: 0 });
      expect((await svc.api("GET", `/api/v1/batches/${batch.id}`, { key: acme.apiKey })).body.state).to.equal("confirmed");
    });
  });

  describe("veritrace_verdicts_total", function () {
    it("counts each verify answer by verdict and deciding reason, cached answers too", async function () {
      const before = await scrape(svc.url);
      const count = (s: Sample[], verdict: string, reason: string) => valueOf(s, "veritrace_verdicts_total", { verdict, reason });
      const genuine = await verify(batch.uris[0]!);
      expect(genuine.body.verdict).to.equal("GENUINE");
      expect((await verify(batch.uris[0]!)).body.verdict).to.equal("GENUINE");
      const forged = await verify(batch.uris[0]!.replace(`/21/${batch.serials[0]}`, "/21/FORGED1"));
      expect(forged.body.reasons[0].code).to.equal("SIGNER_NOT_REGISTERED");
      const unsigned = await verify(batch.uris[1]!.replace(/[?&]s=.*$/, ""));
      expect(unsigned.body.reasons[0].code).to.equal("UNSIGNED");
      const garbage = await verify("not a code");
      expect(garbage.body.reasons[0].code).to.equal("UNPARSEABLE_CODE");
      const after = await scrape(svc.url);

      expect(count(after, "GENUINE", "NONE") - count(before, "GENUINE", "NONE")).to.equal(2);
      expect(count(after, "COUNTERFEIT", "SIGNER_NOT_REGISTERED") - count(before, "COUNTERFEIT", "SIGNER_NOT_REGISTERED")).to.equal(1);
      expect(count(after, "COUNTERFEIT", "UNSIGNED") - count(before, "COUNTERFEIT", "UNSIGNED")).to.equal(1);
      expect(count(after, "COUNTERFEIT", "UNPARSEABLE_CODE") - count(before, "COUNTERFEIT", "UNPARSEABLE_CODE")).to.equal(1);
      const total = (s: Sample[]) => samplesOf(s, "veritrace_verdicts_total").reduce((sum, x) => sum + x.value, 0);
      expect(total(after) - total(before)).to.equal(5);
    });
  });

  describe("chain health", function () {
    it("exports the head block's age, read from the chain, and that the chain is up", async function () {
      const samples = await scrape(svc.url);
      const block = await svc.ctx.chain.client.getBlock({ blockTag: "latest" });
      const age = valueOf(samples, "veritrace_chain_head_age_seconds");
      // The probe read the latest block (or one just before it): its age is now minus that block's time.
      expect(age).to.be.at.least(0);
      expect(Math.abs(age - (Date.now() / 1000 - Number(block.timestamp)))).to.be.below(30);
      expect(samplesOf(samples, "veritrace_chain_head_age_seconds")).to.have.length(1);
      expect(valueOf(samples, "veritrace_chain_up")).to.equal(1);
      expect(samplesOf(samples, "veritrace_rpc_errors_total")).to.deep.equal([]);
    });
  });

  describe("X-Request-Id", function () {
    it("makes a UUID when none is sent, and echoes it in the error body", async function () {
      const res = await svc.api("GET", "/api/v1/no/such/thing");
      const id = res.headers.get("x-request-id")!;
      expect(id).to.match(UUID);
      expect(res.body).to.deep.equal({ error: "NO_ROUTE", message: "No route GET /api/v1/no/such/thing", requestId: id });
    });

    it("keeps a sane incoming id", async function () {
      const id = "lb-7f3a.2026:abc_DEF";
      const res = await svc.api("GET", "/api/v1/network", { headers: { "x-request-id": id } });
      expect(res.status).to.equal(200);
      expect(res.headers.get("x-request-id")).to.equal(id);
    });

    it("replaces an id that is too long or has other characters", async function () {
      for (const id of ["x".repeat(129), "a b", "<script>", "-leading-dash"]) {
        const res = await svc.api("GET", "/healthz", { headers: { "x-request-id": id } });
        const echoed = res.headers.get("x-request-id")!;
        expect(echoed, id).to.match(UUID);
      }
    });
  });
});
