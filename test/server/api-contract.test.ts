import { expect } from "chai";
import type { Router } from "express";
import { createApp } from "../../server/app.ts";
import { openApiDocument } from "../../server/openapi.ts";
import { issueBatch } from "../helpers/issued.ts";
import { openApiContract } from "../helpers/openapi-contract.ts";
import { gtinIn, testPrefix } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const BATCH = { gtin: "09506000134352", lot: "L1", quantity: 2 };

/** The UTC day `days` from today as GS1 YYMMDD. */
const yymmdd = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(2, 10).replaceAll("-", "");

describe("the API's contract", function () {
  let svc: TestService;
  let acme: Awaited<ReturnType<TestService["newBrand"]>>;
  let globex: Awaited<ReturnType<TestService["newBrand"]>>;
  let acmeBatch: string;

  before(async function () {
    svc = await startTestService({ MAX_BATCH_QUANTITY: "1000", BODY_LIMIT: "64kb" });
    acme = await svc.newBrand("Acme");
    globex = await svc.newBrand("Globex");
    const created = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: BATCH });
    acmeBatch = created.body.id;
    await svc.waitForBatch(acme.apiKey, acmeBatch);
  });

  after(async function () {
    await svc?.close();
  });

  describe("authentication and authorisation", function () {
    it("answers 401 without a key and with a wrong key", async function () {
      for (const key of [undefined, "vt_not-a-key"]) {
        const res = await svc.api("GET", "/api/v1/batches", { key });
        expect(res.status).to.equal(401);
        expect(res.body.error).to.equal("UNAUTHORIZED");
      }
    });

    it("answers 403 when a brand admits a brand or the registrar creates a batch", async function () {
      const asBrand = await svc.api("POST", "/api/v1/brands", { key: acme.apiKey, body: { name: "Sneaky" } });
      expect(asBrand.status).to.equal(403);
      const asRegistrar = await svc.api("POST", "/api/v1/batches", { key: svc.registrarApiKey, body: BATCH });
      expect(asRegistrar.status).to.equal(403);
    });

    it("answers 404 for another brand's batch on every batch route, leaking nothing", async function () {
      const routes: Array<[string, string, unknown?]> = [
        ["GET", `/api/v1/batches/${acmeBatch}`],
        ["GET", `/api/v1/batches/${acmeBatch}/labels?format=csv`],
        ["POST", `/api/v1/batches/${acmeBatch}/status`, { status: "recalled" }],
        ["POST", `/api/v1/batches/${acmeBatch}/items/X/status`, { status: "stolen" }],
      ];
      for (const [method, route, body] of routes) {
        const res = await svc.api(method, route, { key: globex.apiKey, body });
        expect(res.status, `${method} ${route}`).to.equal(404);
        expect(res.body.error).to.equal("UNKNOWN_BATCH");
      }
      const list = await svc.api("GET", "/api/v1/batches", { key: globex.apiKey });
      expect(list.body.batches).to.deep.equal([]);
    });
  });

  describe("bad input to POST /api/v1/batches", function () {
    const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
      ["a wrong GTIN check digit", { ...BATCH, gtin: "09506000134353" }, 400, "GS1_BAD_CHECK_DIGIT", "gtin"],
      ["a lot outside the GS1 set", { ...BATCH, lot: "L 1" }, 400, "GS1_CHARACTER_NOT_ALLOWED", "lot"],
      ["a lot over 20 characters", { ...BATCH, lot: "L".repeat(21) }, 400, "GS1_TOO_LONG", "lot"],
      ["an impossible expiry", { ...BATCH, expiry: "270230" }, 400, "GS1_BAD_DATE", "expiry"],
      ["an expiry date already past (yesterday)", { ...BATCH, lot: "PAST1", expiry: yymmdd(-1) }, 400, "EXPIRY_IN_PAST", "expiry"],
      ["an expiry date last century by GS1's rule (900131 is 1990)", { ...BATCH, lot: "PAST2", expiry: "900131" }, 400, "EXPIRY_IN_PAST", "expiry"],
      ["a quantity of 0", { ...BATCH, quantity: 0 }, 400, "INVALID_QUANTITY", "quantity"],
      ["a quantity over the maximum", { ...BATCH, quantity: 1001 }, 400, "INVALID_QUANTITY", "quantity"],
      ["both a quantity and serials", { ...BATCH, serials: ["A"] }, 400, "QUANTITY_OR_SERIALS", "quantity"],
      ["duplicate serials", { gtin: BATCH.gtin, lot: "L9", serials: ["A", "B", "A"] }, 400, "DUPLICATE_SERIAL", "serials[2]"],
      ["a serial over 20 characters", { gtin: BATCH.gtin, lot: "L9", serials: ["S".repeat(21)] }, 400, "GS1_TOO_LONG", "serials[0]"],
      ["a serial with a space", { gtin: BATCH.gtin, lot: "L9", serials: ["A B"] }, 400, "GS1_CHARACTER_NOT_ALLOWED", "serials[0]"],
      ["an unknown field", { ...BATCH, colour: "red" }, 400, "UNKNOWN_FIELD", "body"],
      ["a quantity that is not a number", { ...BATCH, quantity: "ten" }, 400, "INVALID_FIELD", "quantity"],
      ["no lot", { gtin: BATCH.gtin, quantity: 1 }, 400, "MISSING_FIELD", "lot"],
      ["a batch that exists", BATCH, 409, "BATCH_EXISTS", "lot"],
    ];
    for (const [what, body, status, code, field] of cases) {
      it(`answers ${status} ${code} naming ${field} for ${what}`, async function () {
        const res = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body });
        expect(res.status, JSON.stringify(res.body)).to.equal(status);
        expect(res.body.error).to.equal(code);
        expect(res.body.field).to.equal(field);
        expect(res.body.message).to.be.a("string").and.not.empty;
      });
    }

    it("names the passed date in the refusal, and accepts an expiry of today: an item is usable through its expiry day", async function () {
      const past = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "PAST3", expiry: "260303" } });
      expect(past.body).to.include({ error: "EXPIRY_IN_PAST", field: "expiry" });
      expect(past.body.message).to.equal("Expiry 260303 is 2026-03-03, which has passed: a batch's expiry must be today or later");
      const today = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "TODAY", expiry: yymmdd(0) } });
      expect(today.status, JSON.stringify(today.body)).to.equal(202);
    });

    it("answers 413 for a body over the limit and 400 for a body that is not JSON", async function () {
      const big = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, metadataUri: "x".repeat(100_000) } });
      expect(big.status).to.equal(413);
      expect(big.body.error).to.equal("PAYLOAD_TOO_LARGE");
      const broken = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: "{not json" });
      expect(broken.status).to.equal(400);
      expect(broken.body.error).to.equal("INVALID_JSON");
    });

    it("writes nothing for a refused request", async function () {
      const before = (await svc.api("GET", "/api/v1/batches", { key: acme.apiKey })).body.batches.length;
      await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "NEW", quantity: 0 } });
      const after = (await svc.api("GET", "/api/v1/batches", { key: acme.apiKey })).body.batches.length;
      expect(after).to.equal(before);
    });
  });

  describe("Idempotency-Key", function () {
    it("replays the first answer for the same key and body, creating one batch", async function () {
      const headers = { "idempotency-key": "order-4711" };
      const body = { ...BATCH, lot: "IDEM1" };
      const first = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body, headers });
      const second = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body, headers });
      expect(first.status).to.equal(202);
      expect(second.status).to.equal(202);
      expect(second.body.id).to.equal(first.body.id);
      expect(second.headers.get("idempotent-replayed")).to.equal("true");
      const lots = (await svc.api("GET", "/api/v1/batches", { key: acme.apiKey })).body.batches.map((b: { lot: string }) => b.lot);
      expect(lots.filter((lot: string) => lot === "IDEM1")).to.have.length(1);
    });

    it("answers 422 when the key comes back with another body", async function () {
      const headers = { "idempotency-key": "order-4712" };
      await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "IDEM2" }, headers });
      const res = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "IDEM3" }, headers });
      expect(res.status).to.equal(422);
      expect(res.body.error).to.equal("IDEMPOTENCY_KEY_REUSED");
    });

    it("keeps keys apart between organisations", async function () {
      const headers = { "idempotency-key": "shared-key" };
      const a = await svc.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "SHARED" }, headers });
      // Globex issues its own GTIN (each brand owns its GS1 prefix), under the same key and lot.
      const b = await svc.api("POST", "/api/v1/batches", { key: globex.apiKey, body: { ...BATCH, gtin: gtinIn(globex.prefixes[0]!), lot: "SHARED" }, headers });
      expect(a.status).to.equal(202);
      expect(b.status).to.equal(202);
      expect(b.body.id).to.not.equal(a.body.id);
    });
  });

  describe("odd requests", function () {
    it("never answers a client's mistake with a 5xx", async function () {
      const key = acme.apiKey;
      const requests: Array<[string, string, unknown?, Record<string, string>?]> = [
        ["GET", "/api/v1/batches/%ZZ"],
        ["GET", `/api/v1/batches/${acmeBatch}/labels?format=docx`],
        ["GET", `/api/v1/batches/${acmeBatch}/labels?format=pdf&format=csv`],
        ["POST", `/api/v1/batches/${acmeBatch}/items/%E0%A4%A/status`, { status: "stolen" }],
        ["POST", `/api/v1/batches/${acmeBatch}/items/${"S".repeat(30)}/status`, { status: "stolen" }],
        ["POST", `/api/v1/batches/${acmeBatch}/status`, { status: "lost" }],
        ["POST", `/api/v1/batches/${acmeBatch}/status`, []],
        ["POST", "/api/v1/batches", null],
        ["POST", "/api/v1/batches", []],
        ["POST", "/api/v1/batches", { ...BATCH, lot: "ODD1", quantity: 1.5 }],
        ["POST", "/api/v1/batches", { ...BATCH, lot: "ODD2", quantity: 1e308 }],
        ["POST", "/api/v1/batches", { ...BATCH, lot: "ODD3", quantity: undefined, serials: "A,B" }],
        ["POST", "/api/v1/batches", { ...BATCH, lot: "ODD4", quantity: undefined, serials: [1, 2] }],
        ["POST", "/api/v1/batches", { ...BATCH, lot: { $gt: "" } }],
        ["POST", "/api/v1/batches", { ...BATCH, gtin: "0".repeat(14) }],
        ["POST", "/api/v1/batches", { ...BATCH, lot: "ODD5", expiry: 270228 }],
        ["POST", "/api/v1/batches", { ...BATCH, lot: "ODD6" }, { "idempotency-key": "x".repeat(300) }],
        ["POST", "/api/v1/batches", "gtin=1", { "content-type": "application/x-www-form-urlencoded" }],
        ["DELETE", "/api/v1/signers/not-an-address"],
        ["DELETE", "/api/v1/signers/0x0000000000000000000000000000000000000001"],
        ["GET", "/api/v1/proof"],
        ["GET", "/api/v1/proof?code=not%20a%20uri"],
        ["GET", "/api/v1/proof?code=a&code=b"],
        ["GET", "/api/v1/proof?gtin=1&lot=2&serial=3"],
        ["GET", `/api/v1/proof?code=${encodeURIComponent("https://x.example/01/09506000134352/10/L1/21/S1?s=!!")}`],
      ];
      for (const [method, route, body, headers] of requests) {
        const res = await svc.api(method, route, { key, body, headers });
        expect(res.status, `${method} ${route} ${JSON.stringify(body)} -> ${JSON.stringify(res.body)}`).to.be.within(400, 499);
        expect(res.body.error, `${method} ${route}`).to.be.a("string");
      }
    });
  });

  describe("public proofs", function () {
    it("answers 400 naming the AI for a malformed code, and 404 for an item never issued", async function () {
      const bad = await svc.api("GET", `/api/v1/proof?code=${encodeURIComponent("https://x.example/01/09506000134353/10/L1/21/S1")}`);
      expect(bad.status).to.equal(400);
      expect(bad.body).to.include({ error: "GS1_BAD_CHECK_DIGIT", field: "gtin" });
      const missing = await svc.api("GET", "/api/v1/proof?gtin=09506000134352&lot=L1&serial=NOPE");
      expect(missing.status).to.equal(404);
      expect(missing.body.error).to.equal("UNKNOWN_ITEM");
    });
  });

  describe("operations", function () {
    it("answers /healthz, /readyz with the chain and store checked, and /metrics in Prometheus format", async function () {
      expect((await svc.api("GET", "/healthz")).status).to.equal(200);
      const ready = await svc.api("GET", "/readyz");
      expect(ready.status).to.equal(200);
      expect(ready.body.checks.store).to.equal("writable");
      expect(ready.body.checks.chain).to.match(/^block \d+$/);
      const metrics = await fetch(`${svc.url}/metrics`);
      const text = await metrics.text();
      expect(text).to.match(/veritrace_batches_created_total \d+/);
      expect(text).to.match(/veritrace_items_issued_total \d+/);
      expect(text).to.include('veritrace_batches{state="confirmed"}');
      expect(text).to.include("veritrace_chain_transaction_seconds_bucket");
      expect(text).to.match(/veritrace_http_errors_total\{code="UNAUTHORIZED",status="401"\} \d+/);
    });

    it("answers an unknown route with a JSON 404", async function () {
      const res = await svc.api("GET", "/api/v1/nothing-here");
      expect(res.status).to.equal(404);
      expect(res.body.error).to.equal("NO_ROUTE");
    });
  });

  describe("answers as the OpenAPI description documents them", function () {
    let expectDocumented: ReturnType<typeof openApiContract>;
    /** Calls the route and checks the answer against the operation `template` describes. */
    const call = async (method: string, template: string, route: string, options: Parameters<TestService["api"]>[2] = {}) => {
      const res = await svc.api(method, route, options);
      expectDocumented(method, template, res);
      return res;
    };

    before(async function () {
      expectDocumented = openApiContract((await svc.api("GET", "/api/v1/openapi.json")).body);
    });

    it("documents the operations' own answers, field by field", async function () {
      const batch = `/api/v1/batches/${acmeBatch}`;
      expect((await call("GET", "/api/v1/batches", "/api/v1/batches", { key: acme.apiKey })).status).to.equal(200);
      expect((await call("GET", "/api/v1/batches/{id}", batch, { key: acme.apiKey })).body.state).to.equal("confirmed");
      expect((await call("GET", "/api/v1/brand", "/api/v1/brand", { key: acme.apiKey })).status).to.equal(200);
      expect((await call("GET", "/api/v1/network", "/api/v1/network")).status).to.equal(200);
      expect((await call("GET", "/api/v1/prefixes/{prefix}", `/api/v1/prefixes/${acme.prefixes[0]}`)).body.brandId).to.equal(acme.brandId);
      expect((await call("GET", "/.well-known/gs1resolver", "/.well-known/gs1resolver")).status).to.equal(200);
      expect((await call("GET", "/healthz", "/healthz")).status).to.equal(200);
      expect((await call("GET", "/readyz", "/readyz")).status).to.equal(200);
      expect((await call("GET", "/metrics", "/metrics")).status).to.equal(200);
      expect((await call("GET", "/api/v1/openapi.json", "/api/v1/openapi.json")).status).to.equal(200);
      expect((await call("GET", "/docs/api", "/docs/api")).status).to.equal(200);
      expect((await call("GET", "/api/v1/batches/{id}/labels", `${batch}/labels?format=csv`, { key: acme.apiKey })).status).to.equal(200);

      const admitted = await call("POST", "/api/v1/brands", "/api/v1/brands", { key: svc.registrarApiKey, body: { name: "Initech", country: "DE", prefixes: [testPrefix(90)] } });
      expect(admitted.status).to.equal(201);
      const initech = admitted.body.apiKey as string;
      expect((await call("POST", "/api/v1/signers", "/api/v1/signers", { key: initech })).body.signers).to.have.length(2);
      expect((await call("POST", "/api/v1/retailers", "/api/v1/retailers", { key: initech, body: { name: "Initech Store" } })).status).to.equal(201);
      expect((await call("GET", "/api/v1/retailers", "/api/v1/retailers", { key: initech })).body.retailers).to.have.length(1);
    });

    it("documents the public verification answers for a real label", async function () {
      const issued = await issueBatch(svc, acme.apiKey, { gtin: BATCH.gtin, lot: "DOC1", quantity: 1 });
      const code = encodeURIComponent(issued.uris[0]!);
      const proof = await call("GET", "/api/v1/proof", `/api/v1/proof?code=${code}`);
      expect(proof.body.batchId).to.equal(issued.id);
      expect((await call("GET", "/api/v1/proof", `/api/v1/proof?gtin=${BATCH.gtin}&lot=DOC1&serial=${issued.serials[0]}`)).body.itemId).to.equal(proof.body.itemId);
      expect((await call("GET", "/api/v1/verify", `/api/v1/verify?code=${code}`)).body.verdict).to.equal("GENUINE");
      expect((await call("GET", "/api/v1/verify", "/api/v1/verify?code=not-a-code")).body.verdict).to.equal("COUNTERFEIT");
      const resolved = await call("GET", "/01/{gtin}/10/{lot}/21/{serial}", new URL(issued.uris[0]!).pathname + new URL(issued.uris[0]!).search, {
        headers: { accept: "application/json" },
      });
      expect(resolved.body.verdict).to.equal("GENUINE");
      const session = await call("POST", "/api/v1/sessions", "/api/v1/sessions");
      const scan = await call("POST", "/api/v1/scans", "/api/v1/scans", { body: { code: issued.uris[0], sessionId: session.body.sessionId, country: "FR" } });
      expect(scan.body.counted).to.equal(true);
      expect((await call("GET", "/api/v1/scans", `/api/v1/scans?code=${code}`)).body.history.scans).to.equal(1);
      const item = `/api/v1/batches/${issued.id}/items/${issued.serials[0]}/status`;
      expect((await call("POST", "/api/v1/batches/{id}/items/{serial}/status", item, { key: acme.apiKey, body: { status: "stolen" } })).body.status).to.equal("stolen");
      expect((await call("POST", "/api/v1/batches/{id}/status", `/api/v1/batches/${issued.id}/status`, { key: acme.apiKey, body: { status: "recalled" } })).body.status).to.equal(
        "recalled",
      );
    });

    it("documents the errors, each as the one Error body", async function () {
      const answers: Array<[string, string, string, Parameters<TestService["api"]>[2], number]> = [
        ["GET", "/api/v1/batches", "/api/v1/batches", {}, 401],
        ["POST", "/api/v1/brands", "/api/v1/brands", { key: acme.apiKey, body: { name: "Sneaky" } }, 403],
        ["POST", "/api/v1/batches", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, quantity: 0 } }, 400],
        ["POST", "/api/v1/batches", "/api/v1/batches", { key: acme.apiKey, body: BATCH }, 409],
        ["POST", "/api/v1/batches", "/api/v1/batches", { key: acme.apiKey, body: { ...BATCH, lot: "x".repeat(100_000) } }, 413],
        ["GET", "/api/v1/batches/{id}", `/api/v1/batches/${acmeBatch}`, { key: globex.apiKey }, 404],
        ["GET", "/api/v1/proof", "/api/v1/proof?gtin=09506000134352&lot=L1&serial=NOPE", {}, 404],
        ["GET", "/api/v1/proof", "/api/v1/proof", {}, 400],
        ["GET", "/api/v1/prefixes/{prefix}", "/api/v1/prefixes/12", {}, 400],
      ];
      for (const [method, template, route, options, status] of answers) {
        const res = await call(method, template, route, options);
        expect(res.status, `${method} ${route}`).to.equal(status);
        expect(res.body.requestId, `${method} ${route}`).to.be.a("string").and.not.equal("");
        const keys = Object.keys(res.body).filter((key) => key !== "requestId" && key !== "fields").sort();
        expect([["error", "message"], ["error", "field", "message"]], `${method} ${route}`).to.deep.include(keys);
      }
    });

    it("refuses an answer the description does not promise (the check itself works)", function () {
      const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
      expect(() => expectDocumented("GET", "/healthz", { status: 200, body: { status: "ok", uptime: 1 }, headers })).to.throw(/unevaluated/);
      expect(() => expectDocumented("GET", "/healthz", { status: 200, body: { status: "fine" }, headers })).to.throw(/does not match/);
      // Closed through a $ref too, down to nested objects.
      const ready = { status: "ready", checks: { chain: "block 1", store: "writable" } };
      expect(() => expectDocumented("GET", "/readyz", { status: 200, body: ready, headers })).to.not.throw();
      expect(() => expectDocumented("GET", "/readyz", { status: 200, body: { ...ready, checks: { ...ready.checks, disk: "full" } }, headers })).to.throw(/unevaluated/);
      expect(() => expectDocumented("GET", "/healthz", { status: 418, body: {}, headers })).to.throw(/not documented/);
      expect(() => expectDocumented("GET", "/api/v1/network", { status: 200, body: {}, headers: new Headers({ "content-type": "text/html" }) })).to.throw(/text\/html/);
    });
  });

  describe("GET /api/v1/openapi.json", function () {
    it("is OpenAPI 3.1 and describes every route the app serves", async function () {
      const res = await svc.api("GET", "/api/v1/openapi.json");
      expect(res.body.openapi).to.equal("3.1.0");
      const described = new Set(
        Object.entries(res.body.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
      );
      const served = servedRoutes();
      expect(served).to.include.members(["POST /api/v1/batches", "GET /api/v1/batches/{id}/labels", "GET /metrics"]);
      for (const route of served) expect(described, route).to.include(route);
    });
  });

  /** Every method and path the Express app routes, in OpenAPI's `{param}` form. */
  function servedRoutes(): string[] {
    const app = createApp(svc.ctx) as unknown as { router: Router };
    const routes: string[] = [];
    const walk = (stack: any[], prefix: string) => {
      for (const layer of stack) {
        if (layer.route) {
          for (const method of Object.keys(layer.route.methods)) {
            routes.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/:(\w+)/g, "{$1}")}`);
          }
        } else if (layer.handle?.stack) {
          walk(layer.handle.stack, prefix + (layer.matchers?.[0] ? mountPath(layer) : ""));
        }
      }
    };
    walk((app.router as any).stack, "");
    return routes;
  }

  function mountPath(layer: any): string {
    // Express 5 keeps the mount path only inside its matcher; probe it with the API prefix.
    return layer.matchers[0]("/api/v1/x") ? "/api/v1" : "";
  }
});

describe("openApiDocument", function () {
  it("names the given server", function () {
    expect(openApiDocument("https://api.example.com").servers).to.deep.equal([{ url: "https://api.example.com" }]);
  });
});
