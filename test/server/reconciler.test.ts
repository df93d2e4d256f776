import { expect } from "chai";
import { chainIndex } from "../../server/indexer/service-index.ts";
import { reconcile } from "../../server/reconciler.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

describe("reconciliation with the chain", function () {
  let svc: TestService;

  before(async function () {
    svc = await startTestService();
  });

  after(async function () {
    await svc?.close();
  });

  it("re-anchors a confirmed batch, with the same root, after the chain lost it", async function () {
    const brand = await svc.newBrand("Acme");
    const snapshot = await svc.connection.networkHelpers.takeSnapshot();
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: "RESET1", quantity: 10 } });
    const first = await svc.waitForBatch(brand.apiKey, created.body.id);
    expect(first.state).to.equal("confirmed");

    // The chain forgets everything since the snapshot, as a reset local chain would.
    await snapshot.restore();
    expect((await svc.ctx.chain.getBatch(first.id)).anchoredAt).to.equal(0);

    const { reanchored } = await reconcile(svc.ctx);
    expect(reanchored).to.equal(1);
    const again = await svc.waitForBatch(brand.apiKey, first.id);
    expect(again.state).to.equal("confirmed");
    expect(again.merkleRoot).to.equal(first.merkleRoot);
    const onChain = await svc.ctx.chain.getBatch(first.id);
    expect(onChain.merkleRoot).to.equal(first.merkleRoot);
  });

  it("re-admits a brand and its signer that the chain lost, and leaves a healthy chain alone", async function () {
    const snapshot = await svc.connection.networkHelpers.takeSnapshot();
    const brand = await svc.newBrand("Globex");
    await snapshot.restore();
    expect((await svc.ctx.chain.getBrand(brand.brandId)).admittedAt).to.equal(0n);

    await reconcile(svc.ctx);
    expect((await svc.ctx.chain.getBrand(brand.brandId)).admin).to.equal(brand.admin);
    expect((await svc.ctx.chain.getSigner(brand.signer)).brandId).to.equal(brand.brandId);
    expect((await reconcile(svc.ctx)).reanchored).to.equal(0);
  });
});

describe("reconciliation rounds that follow the chain index", function () {
  this.timeout(180_000);
  const BATCHES = 10;
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;

  /**
   * The contract reads one round makes, and how many of them read a batch: counted on the service's
   * chain client and gateway, which every chain read of the reconciler goes through.
   */
  async function countedRound(): Promise<{ full: boolean; reanchored: number; calls: number; batchReads: number }> {
    const client = svc.ctx.chain.client as unknown as Record<string, (...args: unknown[]) => unknown>;
    const readContract = client.readContract!;
    let calls = 0;
    let batchReads = 0;
    client.readContract = (...args: unknown[]) => {
      calls++;
      if ((args[0] as { functionName: string }).functionName === "getBatch") batchReads++;
      return readContract(...args);
    };
    try {
      return { ...(await reconcile(svc.ctx)), calls, batchReads };
    } finally {
      client.readContract = readContract;
    }
  }

  before(async function () {
    // No background rounds: the test runs each round itself.
    svc = await startTestService({ RECONCILE_INTERVAL_MS: "3600000" });
    brand = await svc.newBrand("Initech");
    for (let i = 0; i < BATCHES; i++) {
      const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: `MANY${i}`, quantity: 2 } });
      expect((await svc.waitForBatch(brand.apiKey, created.body.id)).state).to.equal("confirmed");
    }
    await chainIndex(svc.ctx).follower.catchUp();
  });

  after(async function () {
    await svc?.close();
  });

  it("reads every confirmed batch and the brand in a full round, then nothing unchanged, and a new batch from the index", async function () {
    const first = await countedRound();
    expect(first).to.include({ full: true, reanchored: 0, batchReads: BATCHES });
    const second = await countedRound();
    // Nor the brand, whose rows are as the first round left them.
    expect(second).to.include({ full: false, reanchored: 0, batchReads: 0, calls: 0 });
    console.log(`      chain reads per round with ${BATCHES} confirmed batches: full ${first.calls} (${first.batchReads} batches), following the index ${second.calls} (${second.batchReads} batches)`);

    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: "MANY-NEW", quantity: 2 } });
    await svc.waitForBatch(brand.apiKey, created.body.id);
    await chainIndex(svc.ctx).follower.catchUp();
    expect(await countedRound()).to.include({ full: false, batchReads: 0, calls: 0 });
  });

  it("reads a brand again once its store rows change", async function () {
    const added = await svc.api("POST", "/api/v1/signers", { key: brand.apiKey });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    await chainIndex(svc.ctx).follower.catchUp();
    const round = await countedRound();
    expect(round).to.include({ full: false, batchReads: 0 });
    expect(round.calls).to.be.above(0);
    expect((await countedRound()).calls).to.equal(0);
  });

  it("reads a brand again when the index shows an event that undid what it settled: a prefix withdrawn outside the service", async function () {
    const prefix = brand.prefixes[0]!;
    const registry = svc.ctx.deployment.productRegistry.address;
    const registrar = (await svc.connection.ethers.getSigners())[0]!;
    const contract = await svc.connection.ethers.getContractAt("ProductRegistry", registry, registrar);
    await (await contract.getFunction("withdrawPrefix")(prefix)).wait();
    expect(BigInt(await contract.getFunction("prefixOwner")(prefix))).to.equal(0n);
    await chainIndex(svc.ctx).follower.catchUp();

    const round = await countedRound();
    expect(round).to.include({ full: false, batchReads: 0 });
    expect(round.calls).to.be.above(0);
    expect(await contract.getFunction("prefixOwner")(prefix)).to.equal(brand.brandId);
  });

  it("goes back to a full round, and re-anchors, when the chain was reset under the index", async function () {
    const snapshot = await svc.connection.networkHelpers.takeSnapshot();
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: "MANY-LOST", quantity: 2 } });
    const lost = await svc.waitForBatch(brand.apiKey, created.body.id);
    await chainIndex(svc.ctx).follower.catchUp();
    // The reconciler saw the batch in the index: it is not read from the chain again while nothing changes.
    expect(await countedRound()).to.include({ full: false, batchReads: 0 });

    await snapshot.restore();
    const round = await countedRound();
    expect(round).to.include({ full: true, reanchored: 1, batchReads: BATCHES + 2 });
    const again = await svc.waitForBatch(brand.apiKey, lost.id);
    expect(again).to.include({ state: "confirmed", merkleRoot: lost.merkleRoot });
  });
});
