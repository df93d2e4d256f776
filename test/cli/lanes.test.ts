import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { issueBatch } from "../helpers/issued.ts";
import { gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace lanes and register (CLI): a customs office reads its risk lanes and the register of known infringements", function () {
  this.timeout(180_000);
  let svc: TestService;
  let officeKey: string;
  let shipmentId: string;
  let gtin: string;
  let brandId: `0x${string}`;

  before(async function () {
    svc = await startTestService();
    const brand = await svc.newBrand("Acme");
    gtin = gtinIn(brand.prefixes[0]!);
    brandId = brand.brandId;
    const batch = await issueBatch(svc, brand.apiKey, { gtin, lot: "LANE1", quantity: 3 });
    const recall = await svc.api("POST", `/api/v1/batches/${batch.id}/status`, { key: brand.apiKey, body: { status: "stolen" } });
    expect(recall.status, JSON.stringify(recall.body)).to.equal(200);
    officeKey = (await svc.api("POST", "/api/v1/customs-offices", { key: svc.registrarApiKey, body: { name: "Dover customs", country: "GB" } })).body.apiKey;
    const res = await svc.api("POST", "/api/v1/shipments", {
      key: brand.apiKey,
      body: { waybill: "LANE-1", consignee: privateKeyToAddress(generatePrivateKey()), origin: "FR", destination: "GB", codes: batch.uris },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    shipmentId = res.body.shipment.id;
  });

  after(async function () {
    await svc?.close();
  });

  it("lists the office's shipments with their lanes, and explains one indicator by indicator", async function () {
    const listed = await runCli(["lanes"], { url: svc.url, apiKey: officeKey });
    expect(listed.code, show(listed)).to.equal(0);
    expect(listed.stdout).to.match(/^Shipments bound for GB: 1 \(amber from 0\.08, red from 0\.15 with 2 indicators\)\n/);
    expect(listed.stdout).to.match(new RegExp(`^RED {4}0\\.200  LANE-1 +FR → GB +3 items  ${shipmentId}$`, "m"));

    const why = await runCli(["lanes", "why", shipmentId], { url: svc.url, apiKey: officeKey });
    expect(why.code, show(why)).to.equal(0);
    expect(why.stdout).to.match(/^ {2}flagged-items +weight 0\.15 × strength 1\.00 = 0\.150 {2}3 of 3 declared items are from batches \(or are items\) recalled or reported stolen$/m);
    expect(why.stdout).to.match(/^ {2}new-party +weight 0\.05 × strength 1\.00 = 0\.050 {2}the shipper was first seen 0 days ago$/m);

    const json = await runCli(["lanes", "--lane", "green", "--json"], { url: svc.url, apiKey: officeKey });
    expect(json.code, show(json)).to.equal(0);
    expect(JSON.parse(json.stdout)).to.include({ total: 0 });
  });

  it("asks the register of known infringements as a customs office, and says when nothing is known", async function () {
    const empty = await runCli(["register", "--gtin", gtin, "--lot", "NOPE"], { url: svc.url, apiKey: officeKey });
    expect(empty.code, show(empty)).to.equal(0);
    expect(empty.stdout.trim()).to.equal(`Nothing known of GTIN ${gtin}, lot NOPE: no seizure, no counterfeit scan, no brand alert.`);
    await svc.ctx.store.recordCounterfeitScan({ brandId, gtin, lot: "LANE1", serial: "F", reason: "UNSIGNED", sessionId: "s", network: "n", country: "GB", scannedAt: Date.parse("2026-12-01T12:00:00Z") });
    const known = await runCli(["register", "--gtin", gtin, "--lot", "LANE1"], { url: svc.url, apiKey: officeKey });
    expect(known.code, show(known)).to.equal(0);
    expect(known.stdout).to.equal(
      [`Known infringements of GTIN ${gtin}, lot LANE1:`, "Seized: 0 seizure(s), 0 item(s)", "Scanned counterfeit: 1 scan(s)", "  GB        1 scans       1 sessions  2026-12-01 … 2026-12-01", ""].join("\n"),
    );
    const missing = await runCli(["register"], { url: svc.url, apiKey: officeKey });
    expect(missing.code).to.not.equal(0);
    expect(missing.stderr).to.contain("brandId");
  });

  it("refuses a lane that does not exist before asking the service", async function () {
    const bad = await runCli(["lanes", "--lane", "purple"], { url: svc.url, apiKey: officeKey });
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.contain("purple");
  });
});
