import { expect } from "chai";
import { openApiDocument } from "../../../server/openapi.ts";
import { openApiContract } from "../../helpers/openapi-contract.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

describe("the public rate limit", function () {
  let svc: TestService;
  // Loopback is named a trusted proxy here, so tests can speak as several clients through X-Forwarded-For.
  const as = (client: string, route: string) => svc.api("GET", route, { headers: { "x-forwarded-for": client } });

  before(async function () {
    svc = await startTestService({ RATE_LIMIT_MAX: "5", RATE_LIMIT_WINDOW_MS: "60000", TRUSTED_PROXIES: "loopback" });
  });

  after(async function () {
    await svc?.close();
  });

  it("answers 429 RATE_LIMITED with Retry-After once a client is over its budget, shared across public routes", async function () {
    const routes = ["/api/v1/network", "/api/v1/verify?code=x", "/api/v1/scans?code=x", "/.well-known/gs1resolver", "/api/v1/proof?code=x"];
    for (const route of routes) expect((await as("203.0.113.1", route)).status, route).to.not.equal(429);
    const over = await as("203.0.113.1", "/01/09506000134352/10/L1/21/S1");
    expect(over.status).to.equal(429);
    expect(over.body.error).to.equal("RATE_LIMITED");
    expect(over.body.message).to.be.a("string").and.not.empty;
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).to.be.within(1, 60);
    // As the OpenAPI description documents it for the route.
    openApiContract(openApiDocument(svc.url))("GET", "/01/{gtin}/10/{lot}/21/{serial}", over);
  });

  it("counts each client apart", async function () {
    expect((await as("203.0.113.2", "/api/v1/network")).status).to.equal(200);
    expect((await as("203.0.113.1", "/api/v1/network")).status).to.equal(429);
  });

  it("gives all the addresses of one IPv6 /56 one budget", async function () {
    for (let i = 0; i < 5; i++) expect((await as(`2001:db8:1:ab${i}0::${i + 1}`, "/api/v1/network")).status).to.equal(200);
    expect((await as("2001:db8:1:abff::99", "/api/v1/network")).status).to.equal(429);
    expect((await as("2001:db8:1:100::1", "/api/v1/network")).status).to.equal(200);
  });

  it("leaves health checks and the brand API out of it", async function () {
    expect((await as("203.0.113.1", "/healthz")).status).to.equal(200);
    expect((await svc.api("GET", "/api/v1/brand", { key: svc.registrarApiKey, headers: { "x-forwarded-for": "203.0.113.1" } })).status).to.not.equal(429);
  });
});

describe("the public rate limit, with no trusted proxy (the default)", function () {
  let svc: TestService;

  before(async function () {
    svc = await startTestService({ RATE_LIMIT_MAX: "5", RATE_LIMIT_WINDOW_MS: "60000" });
  });

  after(async function () {
    await svc?.close();
  });

  it("ignores X-Forwarded-For: a client that writes a new address in each request still gets 429", async function () {
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++) {
      statuses.push((await svc.api("GET", "/api/v1/network", { headers: { "x-forwarded-for": `198.51.${i}.${i}` } })).status);
    }
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 429, 429, 429]);
  });
});
