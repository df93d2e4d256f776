/**
 * GET /batches/:id tells a brand what a scan of its batch will show: the batch's status and the items with a
 * status of their own, read from the chain (here Hardhat's, through the real service); and when the chain
 * cannot be read, it says so instead of failing.
 */
import { createServer, type Server } from "node:net";
import { expect } from "chai";
import { http, type Hex } from "viem";
import { itemIdOf } from "../../../../core/ids.ts";
import { RegistryGateway } from "../../../../server/chain/registry-gateway.ts";
import { createMetrics } from "../../../../server/metrics.ts";
import { batchStatuses } from "../../../../server/features/brands/batch-statuses.ts";
import { gtinIn } from "../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";
import { storedItems } from "../../../helpers/issued.ts";

describe("batch statuses in the batch view", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let batchId: Hex;
  let serials: string[];

  const view = async () => {
    const res = await svc.api("GET", `/api/v1/batches/${batchId}`, { key: brand.apiKey });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  };
  const setStatus = async (route: string, status: string) => {
    const res = await svc.api("POST", `/api/v1/batches/${batchId}${route}/status`, { key: brand.apiKey, body: { status } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  };

  before(async function () {
    svc = await startTestService();
    brand = await svc.newBrand("Status Brand");
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: gtinIn(brand.prefixes[0]!), lot: "ST-1", quantity: 4 } });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    batchId = created.body.id;
    await svc.waitForBatch(brand.apiKey, batchId);
    serials = (await storedItems(svc.ctx.store, batchId as Hex)).map((item) => item.serial);
  });

  after(async function () {
    await svc?.close();
  });

  it("shows a fresh batch as active with no item of its own status, read at the chain's head", async function () {
    const batch = await view();
    const head = Number(await svc.ctx.chain.blockNumber());
    expect(batch).to.include({ state: "confirmed", anchoring: "confirmed", status: "active", itemStatusesComplete: true, statusBlock: head });
    expect(batch.itemStatuses).to.deep.equal([]);
    expect(batch).not.to.have.property("statusUnknown");
  });

  it("shows the batch recalled and the one item stolen, as set through the API on chain", async function () {
    const recall = await setStatus("", "recalled");
    const stolen = await setStatus(`/items/${encodeURIComponent(serials[1]!)}`, "stolen");
    // An item recalled and then set back to active has no status of its own any more.
    await setStatus(`/items/${encodeURIComponent(serials[2]!)}`, "recalled");
    await setStatus(`/items/${encodeURIComponent(serials[2]!)}`, "active");

    const batch = await view();
    expect(batch.status).to.equal("recalled");
    expect(batch.state).to.equal("confirmed");
    expect(batch.statusBlock).to.be.at.least(recall.blockNumber);
    expect(batch.itemStatuses).to.deep.equal([
      { serial: serials[1], itemId: itemIdOf(batchId, serials[1]!), status: "stolen", blockNumber: stolen.blockNumber, transactionHash: stolen.transactionHash },
    ]);
    expect(batch.itemStatusesComplete).to.equal(true);
  });

  it("lists items newest change first, with the status of each item's last change", async function () {
    const destroyed = await setStatus(`/items/${encodeURIComponent(serials[3]!)}`, "destroyed");
    const recalled = await setStatus(`/items/${encodeURIComponent(serials[1]!)}`, "recalled");
    const batch = await view();
    expect(batch.itemStatuses.map((item: { serial: string; status: string; blockNumber: number }) => [item.serial, item.status, item.blockNumber])).to.deep.equal([
      [serials[1], "recalled", recalled.blockNumber],
      [serials[3], "destroyed", destroyed.blockNumber],
    ]);
  });

  it("lists no status for the batches of the list (it reads no chain), only their anchoring", async function () {
    const { body } = await svc.api("GET", "/api/v1/batches", { key: brand.apiKey });
    const listed = body.batches.find((b: { id: string }) => b.id === batchId);
    expect(listed).to.include({ state: "confirmed", anchoring: "confirmed" });
    expect(listed).not.to.have.property("status");
  });

  describe("when the chain cannot be read", function () {
    let silent: Server;
    let silentPort: number;

    before(async function () {
      // Accepts connections and never answers: an RPC that hangs.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      silentPort = (silent.address() as { port: number }).port;
    });

    after(function () {
      silent?.close();
    });

    const gatewayAt = (url: string) =>
      new RegistryGateway({
        transport: http(url, { retryCount: 0 }),
        chainId: svc.ctx.chain.chainId,
        registry: svc.ctx.chain.registry,
        metrics: createMetrics({ batchesByState: async () => ({ pending: 0, submitted: 0, confirmed: 0, failed: 0 }) }),
      });

    it("says the statuses are unknown because the chain is unavailable, when the RPC refuses the connection", async function () {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as { port: number }).port;
      await new Promise((resolve) => closed.close(resolve));

      const statuses = await batchStatuses(gatewayAt(`http://127.0.0.1:${port}`), (await svc.ctx.store.getBatch(batchId))!);
      expect(statuses).to.deep.include({ status: "unknown", itemStatuses: [], itemStatusesComplete: false, statusBlock: undefined });
      expect(statuses.statusUnknown?.code).to.equal("CHAIN_UNAVAILABLE");
      expect(statuses.statusUnknown?.message).to.match(/^The chain could not be read, so the statuses are unknown: /);
    });

    it("gives up after its timeout when the RPC does not answer, naming the wait", async function () {
      const started = performance.now();
      const statuses = await batchStatuses(gatewayAt(`http://127.0.0.1:${silentPort}`), (await svc.ctx.store.getBatch(batchId))!, 300);
      expect(performance.now() - started).to.be.below(5_000);
      expect(statuses.status).to.equal("unknown");
      expect(statuses.statusUnknown).to.deep.equal({
        code: "CHAIN_UNAVAILABLE",
        message: "The chain could not be read, so the statuses are unknown: the chain did not answer within 0.3 s",
      });
    });
  });

  it("says a batch not yet confirmed has no status on chain", async function () {
    const batch = { ...(await svc.ctx.store.getBatch(batchId))!, state: "anchoring" as const, blockNumber: undefined };
    const statuses = await batchStatuses(svc.ctx.chain, batch);
    expect(statuses.status).to.equal("unknown");
    expect(statuses.statusUnknown?.code).to.equal("BATCH_NOT_ANCHORED");
  });
});
