/**
 * `veritrace batch status` prints both sides of a batch: its anchoring (confirmed) and what a scan shows,
 * the batch's status and its items' own statuses, as the service read them from the chain.
 */
import { expect } from "chai";
import type { Hex } from "viem";
import { gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";
import { storedItems } from "../helpers/issued.ts";

describe("veritrace batch status (CLI)", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let batchId: Hex;
  let serials: string[];

  before(async function () {
    svc = await startTestService();
    brand = await svc.newBrand("Cli Status Brand");
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: gtinIn(brand.prefixes[0]!), lot: "CST-1", quantity: 3 } });
    batchId = created.body.id;
    await svc.waitForBatch(brand.apiKey, batchId);
    serials = (await storedItems(svc.ctx.store, batchId as Hex)).map((item) => item.serial);
  });

  after(async function () {
    await svc?.close();
  });

  const asBrand = () => ({ url: svc.url, apiKey: brand.apiKey });

  it("prints an untouched batch as confirmed and active, with no item of its own status", async function () {
    const run = await runCli(["batch", "status", batchId], asBrand());
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^  anchoring\s+confirmed$/m);
    expect(run.stdout).to.match(/^  status\s+active \(read from the chain at block \d+\)$/m);
    expect(run.stdout).to.match(/^  items with a status of their own: none$/m);
  });

  it("prints the batch recalled and the stolen item by serial, after they were set through the API", async function () {
    const recall = await svc.api("POST", `/api/v1/batches/${batchId}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    expect(recall.status, JSON.stringify(recall.body)).to.equal(200);
    const stolen = await svc.api("POST", `/api/v1/batches/${batchId}/items/${serials[0]}/status`, { key: brand.apiKey, body: { status: "stolen" } });
    expect(stolen.status, JSON.stringify(stolen.body)).to.equal(200);

    const run = await runCli(["batch", "status", batchId], asBrand());
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^  anchoring\s+confirmed$/m);
    expect(run.stdout).to.match(/^  status\s+recalled \(read from the chain at block \d+\)$/m);
    const lines = run.stdout.split("\n");
    const heading = lines.indexOf("  items with a status of their own: 1");
    expect(heading, run.stdout).to.be.above(-1);
    expect(lines[heading + 1]).to.equal(`    ${serials[0]}  stolen     block ${stolen.body.blockNumber}`);
    expect(lines.slice(heading + 2).filter((line) => line.trim() !== "")).to.deep.equal([]);
  });

  it("gives the same with --json: the API's document", async function () {
    const run = await runCli(["--json", "batch", "status", batchId], asBrand());
    expect(run.code, show(run)).to.equal(0);
    const view = JSON.parse(run.stdout);
    expect(view).to.include({ id: batchId, state: "confirmed", anchoring: "confirmed", status: "recalled", itemStatusesComplete: true });
    expect(view.itemStatuses.map((item: { serial: string; status: string }) => [item.serial, item.status])).to.deep.equal([[serials[0], "stolen"]]);
  });

  describe("batch create with several wrong fields", function () {
    it("exits 3 naming the first as before and every other on a line of its own", async function () {
      const run = await runCli(["batch", "create", "--gtin", "09506000134353", "--lot", "BAD#", "--quantity", "1"], asBrand());
      expect(run.code, show(run)).to.equal(3);
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines).to.have.length(2);
      expect(lines[0]).to.match(/^error: AI \(01\) GTIN .+ \(GS1_BAD_CHECK_DIGIT, field gtin\)$/);
      expect(lines[1]).to.match(/^  also lot: AI \(10\) lot .*"#".* \(GS1_CHARACTER_NOT_ALLOWED\)$/);
    });
  });
});
