import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { issueBatch, type IssuedBatch } from "../helpers/issued.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace shipment, customs, inspect and inspection record (CLI)", function () {
  this.timeout(180_000);
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: IssuedBatch;
  let dir: string;

  before(async function () {
    svc = await startTestService();
    brand = await svc.newBrand("Acme");
    batch = await issueBatch(svc, brand.apiKey, { gtin: "9506000134352", lot: "CLI1", quantity: 4 });
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-cli-"));
  });

  after(async function () {
    await svc?.close();
  });

  it("admits an office, declares a shipment, checks its manifest into a PDF report and records a seizure", async function () {
    const office = await runCli(["customs", "add", "--name", "Dover customs", "--country", "GB", "--json"], { url: svc.url, apiKey: svc.registrarApiKey });
    expect(office.code, show(office)).to.equal(0);
    const officeKey = JSON.parse(office.stdout).apiKey as string;

    const consignee = privateKeyToAddress(generatePrivateKey());
    const codes = path.join(dir, "codes.txt");
    await writeFile(codes, batch.uris.slice(0, 3).join("\n"));
    const created = await runCli(
      ["shipment", "create", "--waybill", "CLI-1", "--consignee", consignee, "--origin", "FR", "--destination", "GB", "--codes", codes, "--json"],
      { url: svc.url, apiKey: brand.apiKey },
    );
    expect(created.code, show(created)).to.equal(0);
    const shipmentId = JSON.parse(created.stdout).shipment.id as string;

    const shown = await runCli(["shipment", "show", shipmentId], { url: svc.url });
    expect(shown.code, show(shown)).to.equal(0);
    expect(shown.stdout).to.include("waybill      CLI-1").and.include("items        3").and.include(`custodian    ${brand.admin}`);

    const manifest = path.join(dir, "manifest.csv");
    await writeFile(manifest, ["code", ...batch.uris, "garbage"].join("\n"));
    const report = path.join(dir, "report.pdf");
    const inspected = await runCli(["inspect", shipmentId, "--manifest", manifest, "--out", report], { url: svc.url, apiKey: officeKey });
    expect(inspected.code, show(inspected)).to.equal(0);
    expect(inspected.stdout).to.match(/genuine, declared in this shipment\s+3\n/).and.match(/genuine, not declared in this shipment\s+1\n/);
    expect(inspected.stdout).to.match(/row 6: NOT_A_CODE|row 6: GS1_/);
    expect((await readFile(report)).subarray(0, 5).toString()).to.equal("%PDF-");
    const inspectionId = /^Inspection (\S+)/.exec(inspected.stdout)![1]!;

    const recorded = await runCli(["inspection", "record", inspectionId, "--outcome", "seized"], { url: svc.url, apiKey: officeKey });
    expect(recorded.code, show(recorded)).to.equal(0);
    expect(recorded.stdout).to.match(/^Recorded on chain: seized \(transaction 0x[0-9a-f]{64}, block \d+\); brands notified: 1/);
    const again = await runCli(["inspection", "record", inspectionId, "--outcome", "cleared"], { url: svc.url, apiKey: officeKey });
    expect(again.code, show(again)).to.not.equal(0);
    expect(again.stderr).to.include("INSPECTION_RECORDED");
  });

  it("hands a shipment over to a logistics party the registrar admitted, and refuses a missing item list", async function () {
    const party = await runCli(["logistics", "add", "--name", "Channel Haulage", "--country", "GB", "--json"], { url: svc.url, apiKey: svc.registrarApiKey });
    expect(party.code, show(party)).to.equal(0);
    const carrier = JSON.parse(party.stdout).party.address as string;
    const consignee = privateKeyToAddress(generatePrivateKey());
    const created = await runCli(
      ["shipment", "create", "--waybill", "CLI-2", "--consignee", consignee, "--origin", "FR", "--destination", "GB", "--batch", batch.id, "--json"],
      { url: svc.url, apiKey: brand.apiKey },
    );
    expect(created.code, show(created)).to.equal(0);
    const shipmentId = JSON.parse(created.stdout).shipment.id as string;
    const handed = await runCli(["shipment", "handover", shipmentId, "--to", carrier, "--place", "FR"], { url: svc.url, apiKey: brand.apiKey });
    expect(handed.code, show(handed)).to.equal(0);
    expect(handed.stdout).to.match(new RegExp(`^Handed over in FR: ${brand.admin} -> ${carrier}`));

    const none = await runCli(["shipment", "create", "--waybill", "CLI-3", "--consignee", consignee, "--origin", "FR", "--destination", "GB"], {
      url: svc.url,
      apiKey: brand.apiKey,
    });
    expect(none.code).to.not.equal(0);
    expect(none.stderr).to.include("NO_ITEMS");
  });
});
