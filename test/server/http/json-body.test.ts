/**
 * Large JSON bodies are parsed off the request thread (server/http/json-body.ts); a client sees the same
 * answers as for a small body: the body reaches the route whole and in order, and a bad one is refused
 * with the same code.
 */
import { expect } from "chai";
import { OFF_THREAD_FROM } from "../../../server/http/json-body.ts";
import { gtinIn } from "../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

const SERIALS = 40_000;

describe("server/http/json-body", function () {
  this.timeout(120_000);
  let svc: TestService;
  let apiKey: string;
  let gtin: string;

  before(async function () {
    svc = await startTestService({ BODY_LIMIT: "1mb", MAX_BATCH_QUANTITY: String(SERIALS) });
    const brand = await svc.newBrand("Body Brand");
    apiKey = brand.apiKey;
    gtin = gtinIn(brand.prefixes[0]!);
  });

  after(async function () {
    await svc?.close();
  });

  async function post(body: string, contentType = "application/json") {
    expect(Buffer.byteLength(body), "the body is parsed off the thread").to.be.at.least(OFF_THREAD_FROM);
    const res = await fetch(`${svc.url}/api/v1/batches`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": contentType }, body });
    return { status: res.status, body: (await res.json()) as { error: string; fields?: Array<{ field: string; code: string }> } };
  }

  it("hands the route a large body whole and in order: a repeated serial is named by its index", async function () {
    const serials = Array.from({ length: SERIALS }, (_, i) => `S${i}`);
    serials[SERIALS - 3] = "S17";
    const { status, body } = await post(JSON.stringify({ gtin, lot: "BIG", serials }));
    expect(status).to.equal(400);
    expect(body.fields?.map((f) => [f.field, f.code])).to.deep.equal([[`serials[${SERIALS - 3}]`, "DUPLICATE_SERIAL"]]);
  });

  it("refuses a large body that is not JSON with 400 INVALID_JSON", async function () {
    const { status, body } = await post(`{"gtin": "${gtin}", "serials": [${'"S",'.repeat(OFF_THREAD_FROM / 4)}`);
    expect([status, body.error]).to.deep.equal([400, "INVALID_JSON"]);
  });

  it("refuses a large body that is JSON but neither an object nor an array with 400 INVALID_JSON, as express.json does", async function () {
    const { status, body } = await post(JSON.stringify("S".repeat(OFF_THREAD_FROM)));
    expect([status, body.error]).to.deep.equal([400, "INVALID_JSON"]);
  });

  it("refuses a body over the limit with 413 PAYLOAD_TOO_LARGE and a charset other than UTF-8 with 415", async function () {
    const serials = Array.from({ length: 200_000 }, (_, i) => `S${i}`);
    const tooLarge = await post(JSON.stringify({ gtin, lot: "HUGE", serials }));
    expect([tooLarge.status, tooLarge.body.error]).to.deep.equal([413, "PAYLOAD_TOO_LARGE"]);
    const latin = await post(JSON.stringify({ gtin, lot: "LATIN", serials: serials.slice(0, SERIALS) }), "application/json; charset=latin1");
    expect([latin.status, latin.body.error]).to.deep.equal([415, "UNSUPPORTED_ENCODING"]);
  });
});
