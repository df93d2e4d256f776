import { expect } from "chai";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace retailer and item sell (CLI)", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let uris: string[];

  before(async function () {
    svc = await startTestService();
    brand = await svc.newBrand("Acme");
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "9506000134352", lot: "R1", quantity: 2 } });
    await svc.waitForBatch(brand.apiKey, created.body.id);
    const csv = await fetch(`${svc.url}/api/v1/batches/${created.body.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    uris = (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
  });

  after(async function () {
    await svc?.close();
  });

  it("authorises a retailer whose key records a sale once; the brand lists and removes it", async function () {
    const added = await runCli(["retailer", "add", "--name", "Corner Shop", "--json"], { url: svc.url, apiKey: brand.apiKey });
    expect(added.code, show(added)).to.equal(0);
    const { retailer, apiKey } = JSON.parse(added.stdout);

    const sold = await runCli(["item", "sell", uris[0]!, "--country", "FR"], { url: svc.url, apiKey });
    expect(sold.code, show(sold)).to.equal(0);
    expect(sold.stdout).to.match(/^Sold: serial \S+ in FR at \S+ by Corner Shop \(transaction 0x[0-9a-f]{64}\)/);

    const again = await runCli(["item", "sell", uris[0]!, "--country", "DE"], { url: svc.url, apiKey: brand.apiKey });
    expect(again.code, show(again)).to.equal(3);
    expect(again.stderr).to.match(/sold already: by Corner Shop in FR .*\(ITEM_ALREADY_ACTIVATED\)/);

    const listed = await runCli(["retailer", "list"], { url: svc.url, apiKey: brand.apiKey });
    expect(listed.stdout).to.include(`Corner Shop  ${retailer.id}  ${retailer.address}  authorised`);

    const removed = await runCli(["retailer", "remove", retailer.id], { url: svc.url, apiKey: brand.apiKey });
    expect(removed.code, show(removed)).to.equal(0);
    expect(removed.stdout).to.match(/Retailer deauthorised: Corner Shop .* deauthorised \d{4}-/);
  });
});
