import { expect } from "chai";
import { batchIdOf } from "../../../../core/ids.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

const GTIN = "09506000134352";

describe("failed batches: retry and discard, end to end", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  /** Failed because their signer was removed while an earlier batch was being generated. */
  let mine: any;
  let gone: any;

  const post = (lot: string, body: Record<string, unknown>) => svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: GTIN, lot, ...body } });
  const retry = (id: string) => svc.api("POST", `/api/v1/batches/${id}/retry`, { key: brand.apiKey });
  const discard = (id: string) => svc.api("DELETE", `/api/v1/batches/${id}`, { key: brand.apiKey });
  /** Polls the batch until it is in `state` (waitForBatch stops at any settled state, "failed" included). */
  async function batchIn(id: string, state: string): Promise<any> {
    let batch = (await svc.api("GET", `/api/v1/batches/${id}`, { key: brand.apiKey })).body;
    for (const started = Date.now(); batch.state !== state && Date.now() - started < 30_000; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      batch = (await svc.api("GET", `/api/v1/batches/${id}`, { key: brand.apiKey })).body;
    }
    return batch;
  }
  async function labelUris(id: string): Promise<string[]> {
    const csv = await fetch(`${svc.url}/api/v1/batches/${id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    return (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
  }

  before(async function () {
    this.timeout(120_000);
    svc = await startTestService();
    brand = await svc.newBrand("Failco");
    // The worker drives one batch at a time, oldest first: the two small batches wait behind the big one,
    // and the signer they were accepted with is gone by the time their turn comes.
    const big = await post("BIG", { quantity: 3_000 });
    const mineCreated = await post("MINE", { serials: ["M-1", "M-2", "M-3"] });
    const goneCreated = await post("GONE", { quantity: 2 });
    expect([big.status, mineCreated.status, goneCreated.status]).to.deep.equal([202, 202, 202]);
    const removed = await svc.api("DELETE", `/api/v1/signers/${brand.signer}`, { key: brand.apiKey });
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    mine = await svc.waitForBatch(brand.apiKey, mineCreated.body.id, 60_000);
    gone = await svc.waitForBatch(brand.apiKey, goneCreated.body.id, 60_000);
    await svc.waitForBatch(brand.apiKey, big.body.id, 60_000);
  });

  after(async function () {
    await svc?.close();
  });

  it("leaves a batch whose signer was removed before its turn failed, naming why, and its lot refused as BATCH_EXISTS", async function () {
    for (const batch of [mine, gone]) {
      expect(batch.state).to.equal("failed");
      expect(batch.error).to.match(/removed/);
    }
    const again = await post("GONE", { quantity: 2 });
    expect([again.status, again.body.error]).to.deep.equal([409, "BATCH_EXISTS"]);
  });

  it("refuses a retry while the cause persists (NO_ACTIVE_SIGNER), changing nothing", async function () {
    const refused = await retry(mine.id);
    expect([refused.status, refused.body.error]).to.deep.equal([409, "NO_ACTIVE_SIGNER"]);
    expect((await svc.api("GET", `/api/v1/batches/${mine.id}`, { key: brand.apiKey })).body.state).to.equal("failed");
  });

  it("retries a failed batch with the same serials, signed by the brand's new signer, to confirmed labels that verify GENUINE", async function () {
    const added = await svc.api("POST", "/api/v1/signers", { key: brand.apiKey });
    const fresh = added.body.signers.find((s: { active: boolean }) => s.active).address;
    const retried = await retry(mine.id);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(202);
    expect(retried.headers.get("location")).to.equal(`/api/v1/batches/${mine.id}`);
    expect(retried.body).to.deep.include({ id: mine.id, state: "pending", signer: fresh });
    expect(retried.body.error).to.equal(undefined);

    const done = await svc.waitForBatch(brand.apiKey, mine.id);
    expect(done.state).to.equal("confirmed");
    const uris = await labelUris(mine.id);
    expect(uris.map((uri) => new URL(uri).pathname.split("/").at(-1))).to.deep.equal(["M-1", "M-2", "M-3"]);
    for (const uri of uris) {
      const verified = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`);
      expect(verified.body.verdict, JSON.stringify(verified.body.reasons)).to.equal("GENUINE");
    }
  });

  it("discards a failed batch of which nothing is on chain; its lot may then be posted again", async function () {
    const res = await discard(gone.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.equal({ id: gone.id, gtin: GTIN, lot: "GONE", discarded: true });
    expect((await svc.api("GET", `/api/v1/batches/${gone.id}`, { key: brand.apiKey })).status).to.equal(404);
    expect((await discard(gone.id)).body.error).to.equal("UNKNOWN_BATCH");

    const again = await post("GONE", { quantity: 2 });
    expect(again.status, JSON.stringify(again.body)).to.equal(202);
    expect(again.body.id).to.equal(gone.id);
    expect((await svc.waitForBatch(brand.apiKey, again.body.id)).state).to.equal("confirmed");
  });

  it("refuses to retry or discard a batch that is not failed (BATCH_NOT_FAILED)", async function () {
    for (const res of [await retry(mine.id), await discard(mine.id)]) {
      expect([res.status, res.body.error]).to.deep.equal([409, "BATCH_NOT_FAILED"]);
    }
  });

  context("when the store says failed but the anchoring transaction was mined after all", function () {
    it("refuses the discard (BATCH_ON_CHAIN) after asking the chain, and a retry brings the batch back to confirmed with the same root", async function () {
      const before = (await svc.api("GET", `/api/v1/batches/${mine.id}`, { key: brand.apiKey })).body;
      await svc.ctx.store.updateBatch(mine.id, { state: "failed", error: "The anchoring transaction was lost" });
      const refused = await discard(mine.id);
      expect([refused.status, refused.body.error]).to.deep.equal([409, "BATCH_ON_CHAIN"]);
      expect((await svc.api("GET", `/api/v1/batches/${mine.id}`, { key: brand.apiKey })).status).to.equal(200);

      const retried = await retry(mine.id);
      expect(retried.status, JSON.stringify(retried.body)).to.equal(202);
      const done = await svc.waitForBatch(brand.apiKey, mine.id);
      expect(done).to.deep.include({ state: "confirmed", merkleRoot: before.merkleRoot, transactionHash: before.transactionHash });
    });
  });

  context("when the anchoring transaction is still waiting to be mined", function () {
    const setAutomine = (on: boolean) => svc.connection.provider.request({ method: "evm_setAutomine", params: [on] });
    afterEach(async function () {
      await setAutomine(true);
    });

    it("refuses the discard (BATCH_TRANSACTION_PENDING) and a retry while the worker holds the batch (BATCH_BUSY), then the mined batch confirms", async function () {
      await setAutomine(false);
      const created = await post("PEND", { quantity: 2 });
      const batch = await batchIn(created.body.id, "submitted");
      expect(batch.state).to.equal("submitted");
      // As if the service had lost track of it: recorded failed while its transaction waits in the pool.
      await svc.ctx.store.updateBatch(batch.id, { state: "failed", error: "The anchoring transaction was lost" });

      const discarded = await discard(batch.id);
      expect([discarded.status, discarded.body.error], JSON.stringify(discarded.body)).to.deep.equal([409, "BATCH_TRANSACTION_PENDING"]);
      const retried = await retry(batch.id);
      expect([retried.status, retried.body.error], JSON.stringify(retried.body)).to.deep.equal([409, "BATCH_BUSY"]);
      expect(retried.headers.get("retry-after")).to.equal("5");

      await svc.connection.provider.request({ method: "evm_mine", params: [] });
      await setAutomine(true);
      // The worker, still holding the batch, settles it from its receipt.
      const done = await batchIn(batch.id, "confirmed");
      expect(done, JSON.stringify(done)).to.deep.include({ state: "confirmed", transactionHash: batch.transactionHash });
    });
  });

  it("keeps other brands' batches out of reach (404 UNKNOWN_BATCH)", async function () {
    const other = await svc.newBrand("Otherco");
    for (const res of [
      await svc.api("POST", `/api/v1/batches/${mine.id}/retry`, { key: other.apiKey }),
      await svc.api("DELETE", `/api/v1/batches/${mine.id}`, { key: other.apiKey }),
    ]) {
      expect([res.status, res.body.error]).to.deep.equal([404, "UNKNOWN_BATCH"]);
    }
  });
});

describe("a failed batch whose serials were made part-way, retried", function () {
  let svc: TestService;

  before(async function () {
    // The failed state is written straight into the SQLite file, in one turn of the event loop, so that the
    // anchoring worker cannot take the batch in between; the retry itself goes through the API.
    svc = await startTestService({}, { sqliteOnly: true });
  });

  after(async function () {
    await svc?.close();
  });

  it("keeps the serials made so far, makes the rest anew, and anchors labels that verify GENUINE", async function () {
    const brand = await svc.newBrand("Halfway");
    const id = batchIdOf(brand.brandId, GTIN, "HALF");
    const stored = await svc.ctx.store.createBatch({ id, orgId: (await svc.ctx.store.findOrganisationByName("Halfway"))!.id, brandId: brand.brandId, gtin: GTIN, lot: "HALF", expiry: undefined, quantity: 4, metadataUri: "", signer: brand.signer, serials: undefined });
    const junk = (index: number, serial: string) => ({ index, serial, leaf: new Uint8Array(32), signature: new Uint8Array(64) });
    await svc.ctx.store.appendItems(id, [junk(0, "KEPT0000000000A1"), junk(1, "KEPT0000000000A2")]);
    await svc.ctx.store.updateBatch(id, { state: "failed", error: "Signer removed before the batch was anchored" });
    expect(stored).to.not.equal(undefined);

    const retried = await svc.api("POST", `/api/v1/batches/${id}/retry`, { key: brand.apiKey });
    expect(retried.status, JSON.stringify(retried.body)).to.equal(202);
    const done = await svc.waitForBatch(brand.apiKey, id);
    expect(done).to.deep.include({ state: "confirmed", quantity: 4 });
    const csv = await fetch(`${svc.url}/api/v1/batches/${id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const uris = (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
    const serials = uris.map((uri) => new URL(uri).pathname.split("/").at(-1)!);
    expect(serials.slice(0, 2)).to.deep.equal(["KEPT0000000000A1", "KEPT0000000000A2"]);
    expect(new Set(serials).size).to.equal(4);
    for (const uri of uris) expect((await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`)).body.verdict).to.equal("GENUINE");
  });
});
