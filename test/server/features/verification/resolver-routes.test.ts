import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { expect } from "chai";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

const BASE = "https://id.example.com";
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The constraints of GS1's JSON schema for resolver description files (GS1-Conformant Resolver standard
 * 1.2.0, https://ref.gs1.org/standards/resolver/description-file-schema), transcribed: primary keys are
 * AI codes (or "all"), the root a URI, link-type prefixes CURIE prefixes with their colon. `required` is
 * this test's own: a description without these tells a client nothing.
 */
const GS1_RESOLVER_DESCRIPTION_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["name", "resolverRoot", "supportedPrimaryKeys"],
  properties: {
    resolverRoot: { type: "string", format: "uri" },
    supportedPrimaryKeys: {
      type: "array",
      items: {
        type: "string",
        enum: ["all", "01", "8006", "8013", "8010", "410", "411", "412", "413", "414", "415", "417", "8017", "8018", "255", "00", "253", "401", "402", "8003", "8004"],
      },
    },
    name: { type: "string" },
    supportedLinkType: {
      type: "array",
      items: {
        properties: {
          namespace: { type: "string", format: "uri" },
          prefix: { type: "string", pattern: "^[a-zA-Z_][A-Za-z0-9_-]*?:$" },
        },
      },
    },
    linkTypeDefaultCanBeLinkset: { type: "boolean" },
    supportedContextValuesEnumerated: { type: "array", items: { type: "string" } },
    jsonLdContextLocation: { type: "string", format: "uri" },
  },
};

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
      expect(linkset[0]["https://gs1.org/voc/defaultLink"]).to.deep.equal([
        { href: `${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`, title: "Check this item: genuine, counterfeit or recalled", type: "text/html" },
      ]);
      // Every link as GS1's linkset schema wants it: a target, a title, an IANA-style media type, 2-letter languages.
      for (const [rel, list] of Object.entries(linkset[0]).filter(([key]) => key !== "anchor")) {
        for (const link of list as Array<{ href: string; title: string; type: string; hreflang?: string[] }>) {
          expect(link.href, rel).to.match(/^https?:\/\/[a-zA-z0-9./]+/);
          expect(link.title, rel).to.be.a("string").and.not.empty;
          expect(link.type, rel).to.match(/\w+\/[-+.\w]+/);
          for (const language of link.hreflang ?? []) expect(language, rel).to.match(/(^\w{2}$)|(^\w{2}-\w{2}$)/);
        }
      }
    });

    it("answers the linkset for linkType=linkset (resolver standard) and linkType=all, anchored at the code without linkType", async function () {
      for (const linkType of ["linkset", "all"]) {
        const res = await get(`${path}&linkType=${linkType}`, "text/html");
        expect(res.status, linkType).to.equal(200);
        expect(res.headers.get("content-type"), linkType).to.match(/^application\/linkset\+json/);
        expect(res.headers.get("link"), linkType).to.include(
          '<https://ref.gs1.org/standards/resolver/linkset-context>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"',
        );
        expect((await res.json()).linkset[0].anchor, linkType).to.equal(batch.uris[0]);
      }
    });

    it("redirects to the link of a requested linkType: gs1: prefix, or a full URI in any spelling of GS1's vocabulary", async function () {
      const page = `${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`;
      for (const linkType of ["gs1:verificationService", "gs1:defaultLink", "https://gs1.org/voc/pip", "https://ref.gs1.org/voc/pip", "http://www.gs1.org/voc/pip"]) {
        for (const accept of ["application/json", "text/html"]) {
          const res = await get(`${path}&linkType=${encodeURIComponent(linkType)}`, accept);
          expect(res.status, linkType).to.equal(307);
          expect(res.headers.get("location"), linkType).to.equal(page);
        }
      }
    });

    it("answers 404 for a linkType the item has no link of, never the default link: JSON for API clients, HTML for browsers", async function () {
      for (const linkType of ["gs1:nothingLikeThis", "gs1:recallStatus", "https://example.com/voc/pip"]) {
        const res = await get(`${path}&linkType=${encodeURIComponent(linkType)}`, "application/json");
        expect(res.status, linkType).to.equal(404);
        expect(res.headers.get("location"), linkType).to.equal(null);
        const body = await res.json();
        expect(body, linkType).to.include({ error: "LINK_TYPE_NOT_AVAILABLE", field: "linkType", requestId: res.headers.get("x-request-id") });
        expect(body.message, linkType).to.include(JSON.stringify(linkType)).and.include("https://gs1.org/voc/verificationService");
        // Still a pointer to what the item does have.
        expect(res.headers.get("link"), linkType).to.include('rel="linkset"');
      }
      const page = await get(`${path}&linkType=gs1:nothingLikeThis`, "text/html,*/*;q=0.8");
      expect(page.status).to.equal(404);
      expect(page.headers.get("location")).to.equal(null);
      expect(page.headers.get("content-type")).to.match(/^text\/html/);
      expect(await page.text()).to.include("No such link for this product").and.include("gs1:nothingLikeThis");
    });

    it("answers HEAD like GET, and OPTIONS with the methods it allows", async function () {
      const head = await fetch(`${svc.url}${path}`, { method: "HEAD", redirect: "manual", headers: { accept: "text/html" } });
      expect(head.status).to.equal(307);
      expect(head.headers.get("location")).to.equal(`${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`);
      expect(head.headers.get("link")).to.include('rel="linkset"');
      const options = await fetch(`${svc.url}${path}`, { method: "OPTIONS" });
      expect(options.status).to.equal(200);
      expect(options.headers.get("allow")).to.equal("GET, HEAD");
    });

    it("tolerates a trailing slash, as the standard asks", async function () {
      const [pathOnly, query] = path.split("?");
      const res = await get(`${pathOnly}/?${query}`, "text/html");
      expect(res.status).to.equal(307);
      expect(res.headers.get("location")).to.equal(`${BASE}/verify?code=${encodeURIComponent(batch.uris[0]!)}`);
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

  describe("other paths under /01/", function () {
    const gtinOnly = "/01/09506000134352";
    const wrongOrder = "/01/09506000134352/21/X1/10/R1";

    it("answers a wrong AI order 400 with the GS1 code: JSON for API clients, an HTML page for browsers", async function () {
      const json = await get(wrongOrder, "application/json");
      expect(json.status).to.equal(400);
      expect(await json.json()).to.include({ error: "GS1_QUALIFIER_ORDER", field: "serial" });
      const page = await get(wrongOrder, "text/html,application/xhtml+xml,*/*;q=0.8");
      expect(page.status).to.equal(400);
      expect(page.headers.get("content-type")).to.match(/^text\/html/);
      expect(await page.text()).to.include("Not a valid product code").and.include("must come after AI (10) lot");
    });

    it("answers a GTIN alone (or without a serial) 404: this resolver has links for whole items only", async function () {
      for (const [route, field] of [[gtinOnly, "lot"], [`${gtinOnly}/10/R1`, "serial"], [`${gtinOnly}/`, "lot"]] as const) {
        const json = await get(route, "application/json");
        expect(json.status, route).to.equal(404);
        expect(await json.json(), route).to.include({ error: "ITEM_QUALIFIERS_REQUIRED", field });
        const page = await get(route);
        expect(page.status, route).to.equal(404);
        expect(page.headers.get("content-type"), route).to.match(/^text\/html/);
        expect(await page.text(), route).to.include("This code names a product, not one item");
      }
    });

    it("still answers a malformed GTIN alone 400 (check digit, percent-encoding), and an unknown segment 400", async function () {
      const bad = await get("/01/09506000134353", "application/json");
      expect(bad.status).to.equal(400);
      expect(await bad.json()).to.include({ error: "GS1_BAD_CHECK_DIGIT", field: "gtin" });
      const percent = await get("/01/%ZZ", "application/json");
      expect(percent.status).to.equal(400);
      expect((await percent.json()).error).to.equal("GS1_BAD_PERCENT_ENCODING");
      const extra = await get("/01/09506000134352/10/R1/21/X1/99/Y", "application/json");
      expect(extra.status).to.equal(400);
      expect((await extra.json()).error).to.equal("GS1_UNKNOWN_SEGMENT");
      expect((await get("/01/09506000134352/10/R1/21/X1/99/Y", "text/html")).headers.get("content-type")).to.match(/^text\/html/);
    });
  });

  describe("GET /.well-known/gs1resolver", function () {
    it("validates against GS1's resolver description file schema, with AI codes as primary keys", async function () {
      const res = await get("/.well-known/gs1resolver", "application/json");
      expect(res.status).to.equal(200);
      const body = await res.json();
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const valid = ajv.validate(GS1_RESOLVER_DESCRIPTION_SCHEMA, body);
      expect(valid, JSON.stringify(ajv.errors)).to.equal(true);
      expect(body).to.deep.equal({
        name: "Veritrace verification resolver",
        resolverRoot: BASE,
        supportedPrimaryKeys: ["01"],
        supportedLinkType: [{ namespace: "https://gs1.org/voc/", prefix: "gs1:" }],
        linkTypeDefaultCanBeLinkset: false,
        jsonLdContextLocation: "https://ref.gs1.org/standards/resolver/linkset-context",
      });
    });

    it("the schema check fails the description it replaced (primary key \"gtin\")", function () {
      const ajv = new Ajv({ strict: false });
      addFormats(ajv);
      expect(ajv.validate(GS1_RESOLVER_DESCRIPTION_SCHEMA, { name: "x", resolverRoot: BASE, supportedPrimaryKeys: ["gtin"] })).to.equal(false);
      expect(ajv.validate(GS1_RESOLVER_DESCRIPTION_SCHEMA, { name: "x", supportedPrimaryKeys: ["01"] })).to.equal(false);
    });
  });
});
