/**
 * `veritrace batch retry|discard`: a brand gets its lot back from a failed batch from the command line.
 * The batches fail for real: their signer is removed while an earlier, larger batch is being generated.
 */
import { expect } from "chai";
import { gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace batch retry and discard (CLI)", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let gtin: string;
  let retried: string;
  let discarded: string;

  before(async function () {
    this.timeout(120_000);
    svc = await startTestService();
    brand = await svc.newBrand("Cli Failing Brand");
    gtin = gtinIn(brand.prefixes[0]!);
    const post = (lot: string, body: object) => svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin, lot, ...body } });
    const big = await post("CLI-BIG", { quantity: 3_000 });
    retried = (await post("CLI-R", { serials: ["R-1", "R-2"] })).body.id;
    discarded = (await post("CLI-D", { quantity: 1 })).body.id;
    expect((await svc.api("DELETE", `/api/v1/signers/${brand.signer}`, { key: brand.apiKey })).status).to.equal(200);
    for (const id of [retried, discarded, big.body.id]) await svc.waitForBatch(brand.apiKey, id, 60_000);
  });

  after(async function () {
    await svc?.close();
  });

  const asBrand = () => ({ url: svc.url, apiKey: brand.apiKey });

  it("refuses a retry while the brand has no signer, exit 3 with NO_ACTIVE_SIGNER", async function () {
    const run = await runCli(["batch", "retry", retried], asBrand());
    expect(run.code, show(run)).to.equal(3);
    expect(run.stderr).to.include("(NO_ACTIVE_SIGNER)");
  });

  it("retries a failed batch once a signer is added, following it to confirmed (--json: the batch)", async function () {
    expect((await svc.api("POST", "/api/v1/signers", { key: brand.apiKey })).status).to.equal(201);
    const run = await runCli(["--json", "batch", "retry", retried], asBrand());
    expect(run.code, show(run)).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ id: retried, lot: "CLI-R", state: "confirmed" });
  });

  it("discards a failed batch, saying its lot is free, and then knows it no more", async function () {
    const run = await runCli(["batch", "discard", discarded], asBrand());
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.include(`Batch ${discarded} discarded: lot CLI-D of GTIN ${gtin} may be registered again`);
    const again = await runCli(["batch", "discard", discarded], asBrand());
    expect(again.code, show(again)).to.equal(3);
    expect(again.stderr).to.include("(UNKNOWN_BATCH)");
  });

  it("refuses to discard a confirmed batch, exit 3 with BATCH_NOT_FAILED", async function () {
    const run = await runCli(["batch", "discard", retried], asBrand());
    expect(run.code, show(run)).to.equal(3);
    expect(run.stderr).to.include("(BATCH_NOT_FAILED)");
  });
});
