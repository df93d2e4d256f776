import { expect } from "chai";
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
