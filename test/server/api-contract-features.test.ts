/**
 * The shipment, customs and licence routes' real answers against the OpenAPI description (the product and
 * verification routes are in api-contract.test.ts): one walk through each feature, every answer checked.
 */
import { expect } from "chai";
import { createHash } from "node:crypto";
import { issueBatch } from "../helpers/issued.ts";
import { openApiContract } from "../helpers/openapi-contract.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

describe("the shipment, customs and licence answers, as the OpenAPI description documents them", function () {
  this.timeout(120_000);
  let svc: TestService;
  let expectDocumented: ReturnType<typeof openApiContract>;
  const call = async (method: string, template: string, route: string, options: Parameters<TestService["api"]>[2] = {}) => {
    const res = await svc.api(method, route, options);
    expectDocumented(method, template, res);
    return res;
  };

  before(async function () {
    svc = await startTestService();
    expectDocumented = openApiContract((await svc.api("GET", "/api/v1/openapi.json")).body);
  });

  after(async function () {
    await svc?.close();
  });

  it("documents a shipment's declaration, hand-over, inspection and seizure", async function () {
    const acme = await svc.newBrand("Acme");
    const issued = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "SHIP1", quantity: 2 });
    const registrar = { key: svc.registrarApiKey };
    const carrier = await call("POST", "/api/v1/logistics-parties", "/api/v1/logistics-parties", { ...registrar, body: { name: "Carrier", country: "NL" } });
    expect(carrier.status).to.equal(201);
    const office = await call("POST", "/api/v1/customs-offices", "/api/v1/customs-offices", { ...registrar, body: { name: "Rotterdam customs", country: "NL" } });
    expect(office.status).to.equal(201);
    const customs = { key: office.body.apiKey as string };
    expect((await call("GET", "/api/v1/customs-office", "/api/v1/customs-office", customs)).body.office.name).to.equal("Rotterdam customs");

    const declared = await call("POST", "/api/v1/shipments", "/api/v1/shipments", {
      key: acme.apiKey,
      body: { waybill: "WB-1", consignee: carrier.body.party.address, origin: "CN", destination: "NL", batches: [issued.id] },
    });
    expect(declared.status).to.equal(201);
    const shipment = `/api/v1/shipments/${declared.body.shipment.id}`;
    const code = encodeURIComponent(issued.uris[0]!);
    expect((await call("GET", "/api/v1/shipments/{id}/proof", `${shipment}/proof?code=${code}`)).body.declared).to.equal(true);
    const handedOver = await call("POST", "/api/v1/shipments/{id}/handovers", `${shipment}/handovers`, { key: acme.apiKey, body: { to: carrier.body.party.address, place: "NL" } });
    expect(handedOver.status).to.equal(201);
    const inspected = await call("POST", "/api/v1/shipments/{id}/inspections", `${shipment}/inspections`, { ...customs, body: { codes: [...issued.uris, "not-a-code"] } });
    expect(inspected.body.inspection.summary.declared).to.equal(2);
    const inspection = `/api/v1/inspections/${inspected.body.inspection.id}`;
    expect((await call("GET", "/api/v1/inspections/{id}", inspection, customs)).body.id).to.equal(inspected.body.inspection.id);
    expect((await call("POST", "/api/v1/inspections/{id}/record", `${inspection}/record`, { ...customs, body: { outcome: "seized" } })).body.recording.outcome).to.equal("seized");
    expect((await call("GET", "/api/v1/shipments/{id}", shipment)).body.shipment.seized).to.equal(true);
    expect((await call("GET", "/api/v1/items/custody", `/api/v1/items/custody?code=${code}`)).body.shipments).to.have.length(1);
    expect((await call("GET", "/api/v1/seizures", "/api/v1/seizures")).body.seizures).to.have.length(1);
    expect((await call("GET", "/api/v1/brand/infringements", "/api/v1/brand/infringements", { key: acme.apiKey })).body.infringements).to.have.length(1);
    expect((await call("GET", "/api/v1/shipments/{id}", `/api/v1/shipments/0x${"0".repeat(64)}`)).status).to.equal(404);
  });

  it("documents a work's registration, licence, check, notice and answer", async function () {
    const registrar = { key: svc.registrarApiKey };
    const holder = await call("POST", "/api/v1/rights-holders", "/api/v1/rights-holders", { ...registrar, body: { name: "Studio" } });
    const platform = await call("POST", "/api/v1/platforms", "/api/v1/platforms", { ...registrar, body: { name: "Tube" } });
    const studio = { key: holder.body.apiKey as string };
    const tube = { key: platform.body.apiKey as string };
    const sha256 = `0x${createHash("sha256").update("a film").digest("hex")}`;
    const work = await call("POST", "/api/v1/works", "/api/v1/works", { ...studio, body: { sha256 } });
    expect(work.status).to.equal(201);
    expect((await call("GET", "/api/v1/works", "/api/v1/works")).body.works).to.have.length(1);
    expect((await call("GET", "/api/v1/works/{id}", `/api/v1/works/${work.body.work.id}`)).body.work.id).to.equal(work.body.work.id);
    const licensee = "0x00000000000000000000000000000000000000a1";
    const granted = await call("POST", "/api/v1/licences", "/api/v1/licences", {
      ...studio,
      body: { workId: work.body.work.id, licensee, platforms: ["Tube"], territories: ["FR", "DE"], start: "2026-01-01" },
    });
    expect(granted.status).to.equal(201);
    const licence = `/api/v1/licences/${granted.body.licence.id}`;
    expect((await call("GET", "/api/v1/licences", `/api/v1/licences?work=${work.body.work.id}`)).body.licences).to.have.length(1);
    expect((await call("GET", "/api/v1/licences/{id}", licence)).body.licence.id).to.equal(granted.body.licence.id);
    const check = (territory: string) => `/api/v1/licences/check?work=${work.body.work.id}&licensee=${licensee}&platform=Tube&territory=${territory}&time=2026-06-01`;
    expect((await call("GET", "/api/v1/licences/check", check("FR"))).body.licensed).to.equal(true);
    expect((await call("GET", "/api/v1/licences/check", check("US"))).body.licensed).to.equal(false);
    const checked = await call("POST", "/api/v1/content/check", "/api/v1/content/check", { ...tube, body: { sha256, uploader: licensee, territory: "FR" } });
    expect(checked.body.matches).to.have.length(1);
    const filed = await call("POST", "/api/v1/notices", "/api/v1/notices", {
      ...studio,
      body: { platform: "Tube", territory: "US", work: work.body.work.id, location: "https://tube.example/watch/1", evidence: "the same film" },
    });
    expect(filed.status).to.equal(201);
    const notice = `/api/v1/notices/${filed.body.notice.id}`;
    expect((await call("GET", "/api/v1/notices", "/api/v1/notices")).body.notices).to.have.length(1);
    expect((await call("POST", "/api/v1/notices/{id}/answer", `${notice}/answer`, { ...tube, body: { answer: "removed" } })).body.notice.status).to.equal("removed");
    expect((await call("GET", "/api/v1/notices/{id}", notice)).body.notice.status).to.equal("removed");
    expect((await call("DELETE", "/api/v1/licences/{id}", licence, studio)).body.licence.revokedAt).to.be.a("string");
    expect((await call("POST", "/api/v1/works", "/api/v1/works", { ...studio, body: { sha256 } })).status).to.equal(409);
  });
});
