/**
 * A verifier hosted on another origin (docs/verifier-hosting.md) calls the service's public API from the
 * browser: those routes must answer any origin, without credentials, and the API-key routes must not.
 */
import { expect } from "chai";
import { startTestService, type TestService } from "../../helpers/service.ts";

const ORIGIN = "https://verifier.consortium.example";
const SHIPMENT = `0x${"ab".repeat(32)}`;

describe("CORS on the public API", function () {
  let svc: TestService;
  const preflight = (route: string, method: string, headers = "content-type") =>
    svc.api("OPTIONS", route, { headers: { origin: ORIGIN, "access-control-request-method": method, "access-control-request-headers": headers } });

  before(async function () {
    svc = await startTestService();
  });

  after(async function () {
    await svc?.close();
  });

  context("the routes the verifier page calls", function () {
    const routes: Array<[string, string]> = [
      ["GET", "/api/v1/proof?code=x"],
      ["GET", "/api/v1/network"],
      ["GET", "/api/v1/verify?code=x"],
      ["GET", "/api/v1/items/custody?code=x"],
      ["GET", `/api/v1/shipments/${SHIPMENT}/proof?code=x`],
      ["GET", "/api/v1/scans?code=x"],
      ["POST", "/api/v1/scans"],
      ["POST", "/api/v1/sessions"],
    ];

    it("answer a preflight with 204, any origin, their method, and only content-type and accept", async function () {
      for (const [method, route] of routes) {
        const res = await preflight(route, method);
        expect(res.status, route).to.equal(204);
        expect(res.headers.get("access-control-allow-origin"), route).to.equal("*");
        expect(res.headers.get("access-control-allow-methods"), route).to.contain(method);
        expect(res.headers.get("access-control-allow-headers"), route).to.equal("content-type, accept");
        expect(res.headers.get("access-control-allow-credentials"), route).to.equal(null);
      }
    });

    it("let any origin read their answers, errors included", async function () {
      const network = await svc.api("GET", "/api/v1/network", { headers: { origin: ORIGIN } });
      expect(network.status).to.equal(200);
      expect(network.headers.get("access-control-allow-origin")).to.equal("*");
      expect(network.headers.get("access-control-allow-credentials")).to.equal(null);
      // A code the service never issued is a 4xx the page must be able to read ("not issued here").
      const proof = await svc.api("GET", "/api/v1/proof?code=not-a-code", { headers: { origin: ORIGIN } });
      expect(proof.status).to.be.within(400, 499);
      expect(proof.headers.get("access-control-allow-origin")).to.equal("*");
      const scan = await svc.api("POST", "/api/v1/scans", { headers: { origin: ORIGIN }, body: { code: "not-a-code", sessionId: "s".repeat(32) } });
      expect(scan.headers.get("access-control-allow-origin")).to.equal("*");
    });

    it("do not allow an Authorization header from another origin", async function () {
      const res = await preflight("/api/v1/proof?code=x", "GET", "authorization");
      expect(res.headers.get("access-control-allow-headers")).to.not.contain("authorization");
    });
  });

  context("the API-key routes", function () {
    it("answer no preflight and no read from another origin", async function () {
      for (const [method, route] of [
        ["POST", "/api/v1/batches"],
        ["GET", "/api/v1/brand"],
        ["POST", "/api/v1/shipments"],
        ["POST", "/api/v1/brands"],
      ] as const) {
        const res = await preflight(route, method, "authorization, content-type");
        expect(res.status, route).to.not.equal(204);
        expect(res.headers.get("access-control-allow-origin"), route).to.equal(null);
        expect(res.headers.get("access-control-allow-headers"), route).to.equal(null);
      }
      const brand = await svc.api("GET", "/api/v1/brand", { key: svc.registrarApiKey, headers: { origin: ORIGIN } });
      expect(brand.headers.get("access-control-allow-origin")).to.equal(null);
    });

    it("do not get the public routes' headers for another method on a public path", async function () {
      const res = await svc.api("DELETE", "/api/v1/scans", { headers: { origin: ORIGIN } });
      expect(res.headers.get("access-control-allow-origin")).to.equal(null);
    });
  });
});
