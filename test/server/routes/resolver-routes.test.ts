import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../helpers/issued.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

const BASE = "https://id.example.com";

describe("the GS1 resolver", function () {
  let svc: TestService;
  let batch: IssuedBatch;
  let path: string;
  const get = (route: string, accept?: string) =>
    fetch(`${svc.url}${route}`, { redirect: "manual", headers: accept === undefined ? {} : { accept } });

  before(async function () {
    svc = await startTestService();
    const acme = await svc.newBrand("Acme");
    batch = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "R1", expiry: "271231", quantity: 2 });
    path = batch.uris[0]!.slice(BASE.length);
  });

  after(async function () {
    await svc?.close();
  });

  describe("GET /01/:gtin/10/:lot/21/:serial", function () {
    for (const accept of ["text/html,application/xhtml+xml,*/*;q=0.8", "*/*", undefined]) {
      it(`sends a browser (Accept: ${accept ?? "none"}) to the verifier page with the whole code, 307`, async function () {
        const res = await get(path, accept);
        expect(res.status).to.equal(307);
        expect(res.headers.get("location")).to.equal(`${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`);
      });
    }

    it("answers the verification for Accept: application/json", async function () {
      const res = await get(path, "application/json");
      expect(res.status).to.equal(200);
      const body = await res.json();
      expect(body.verdict).to.equal("GENUINE");
      expect(body.product).to.include({ lot: "R1", serial: batch.serials[0] });
    });

    it("answers an RFC 9264 linkset for Accept: application/linkset+json, anchored at the code", async function () {
      const res = await get(path, "application/linkset+json");
      expect(res.status).to.equal(200);
      expect(res.headers.get("content-type")).to.match(/^application\/linkset\+json/);
      const { linkset } = await res.json();
      expect(linkset).to.have.length(1);
      expect(linkset[0].anchor).to.equal(batch.uris[0]);
      const verification = linkset[0]["https://gs1.org/voc/verificationService"];
      expect(verification[0]).to.include({ href: `${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`, type: "text/html" });
      expect(verification.map((l: { type: string }) => l.type)).to.include("application/json");
      expect(linkset[0]["https://gs1.org/voc/pip"]).to.have.length(1);
      expect(linkset[0]["https://gs1.org/voc/defaultLink"]).to.have.length(1);
    });

    it("answers the linkset for linkType=all, anchored at the code without linkType", async function () {
      const res = await get(`${path}&linkType=all`, "text/html");
      expect(res.headers.get("content-type")).to.match(/^application\/linkset\+json/);
      expect((await res.json()).linkset[0].anchor).to.equal(batch.uris[0]);
    });

    it("redirects to the link of a requested linkType (gs1: prefix or full URI), and to the default for an unknown one", async function () {
      for (const linkType of ["gs1:verificationService", "https://gs1.org/voc/pip", "gs1:nothingLikeThis"]) {
        const res = await get(`${path}&linkType=${encodeURIComponent(linkType)}`, "application/json");
        expect(res.status, linkType).to.equal(307);
        expect(res.headers.get("location"), linkType).to.equal(`${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`);
      }
    });

    it("lists its links and the linkset in a Link header, readable cross-origin", async function () {
      const res = await get(path, "application/json");
      const link = res.headers.get("link")!;
      expect(link).to.include('rel="https://gs1.org/voc/verificationService"');
      expect(link).to.include(`<${batch.uris[0]}&linkType=all>; rel="linkset"; type="application/linkset+json"`);
      expect(res.headers.get("access-control-allow-origin")).to.equal("*");
      expect(res.headers.get("vary")).to.match(/Accept/);
    });

    it("answers a malformed code 400: JSON with the GS1 error code for API clients, an HTML page for browsers", async function () {
      const bad = "/01/09506000134353/10/R1/21/X";
      for (const accept of ["application/json", "application/linkset+json"]) {
        const res = await get(bad, accept);
        expect(res.status).to.equal(400);
        expect(await res.json()).to.include({ error: "GS1_BAD_CHECK_DIGIT", field: "gtin" });
      }
      const page = await get(`${bad}?s=<script>`, "text/html");
      expect(page.status).to.equal(400);
      expect(page.headers.get("content-type")).to.match(/^text\/html/);
      const html = await page.text();
      expect(html).to.include("Not a valid product code").and.not.include("<script>");
    });
  });

  describe("GET /.well-known/gs1resolver", function () {
    it("describes the resolver: name, root, primary keys and link types", async function () {
      const res = await get("/.well-known/gs1resolver", "application/json");
      expect(res.status).to.equal(200);
      const body = await res.json();
      expect(body).to.include({ resolverRoot: BASE });
      expect(body.name).to.be.a("string").and.not.empty;
      expect(body.supportedPrimaryKeys).to.deep.equal(["gtin"]);
      expect(body.supportedLinkTypes).to.include("https://gs1.org/voc/verificationService");
      expect(body.supportedLinkType[0]).to.include({ prefix: "gs1:" });
    });
  });
});
