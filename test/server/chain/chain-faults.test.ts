/**
 * A chain node that refuses connections or stalls is the dependency's fault: the verify endpoint answers
 * 200 UNVERIFIED (CHAIN_UNREACHABLE), every write that needs the chain answers 503 CHAIN_UNREACHABLE with
 * Retry-After, /readyz says 503 within a second, and all of it recovers when the node is back. Real anvil,
 * really stopped (refused) and really paused with SIGSTOP (stalled); RPC_TIMEOUT_MS is 1 s here.
 */
import { expect } from "chai";
import { gtinIn, testPrefix } from "../../helpers/prefixes.ts";
import { startKillableChainStack, type KillableChainStack } from "../../helpers/killable-chain.ts";

type Row = { route: string; method: string; key: () => string; body?: () => unknown; headers?: Record<string, string> };

describe("chain faults: a refused or stalled node", function () {
  this.timeout(120_000);
  let stack: KillableChainStack;
  let acme: { apiKey: string; brandId: string; signer: string };
  let batch: { id: string; serials: string[]; uris: string[] };
  let genuineUri: string;
  let retailer: { id: string; apiKey: string };
  let holder: { key: string; address: string };
  let workId: string;
  let sessionId: string;
  const registrar = () => stack.registrarApiKey;
  const verify = (uri: string) => stack.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`);

  before(async function () {
    stack = await startKillableChainStack();
    const made = await stack.api("POST", "/api/v1/brands", { key: registrar(), body: { name: "Acme", prefixes: [testPrefix(0)] } });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    acme = { apiKey: made.body.apiKey, brandId: made.body.brand.brandId, signer: made.body.brand.signers[0].address };
    const created = await stack.api("POST", "/api/v1/batches", { key: acme.apiKey, body: { gtin: gtinIn(testPrefix(0)), lot: "F1", quantity: 3 } });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    for (let state = ""; state !== "confirmed"; await new Promise((resolve) => setTimeout(resolve, 50))) {
      state = (await stack.api("GET", `/api/v1/batches/${created.body.id}`, { key: acme.apiKey })).body.state;
      expect(state).to.not.equal("failed");
    }
    const proof = await stack.api("GET", `/api/v1/batches/${created.body.id}/labels?format=csv`, { key: acme.apiKey });
    const rows = (proof.body as string).trim().split("\r\n").slice(1);
    const uris = rows.map((row) => row.slice(row.lastIndexOf(",") + 1));
    batch = { id: created.body.id, serials: rows.map((row) => row.split(",")[2]!), uris };
    genuineUri = uris[0]!;
    expect((await verify(genuineUri)).body.verdict).to.equal("GENUINE");
    const shop = await stack.api("POST", "/api/v1/retailers", { key: acme.apiKey, body: { name: "Shop" } });
    expect(shop.status, JSON.stringify(shop.body)).to.equal(201);
    retailer = { id: shop.body.retailer.id, apiKey: shop.body.apiKey };
    const nord = await stack.api("POST", "/api/v1/rights-holders", { key: registrar(), body: { name: "Studio Nord" } });
    expect(nord.status, JSON.stringify(nord.body)).to.equal(201);
    holder = { key: nord.body.apiKey, address: nord.body.rightsHolder.address };
    const work = await stack.api("POST", "/api/v1/works", { key: holder.key, body: { sha256: `0x${"cd".repeat(32)}`, metadataUri: "https://nord.example/w/1" } });
    expect(work.status, JSON.stringify(work.body)).to.equal(201);
    workId = work.body.work.id;
    sessionId = (await stack.api("POST", "/api/v1/sessions")).body.sessionId;
  });

  after(async function () {
    await stack?.close();
  });

  /** Every write route that reaches the chain, with a request that would succeed were the chain up. */
  const writes: Row[] = [
    { method: "POST", route: "/api/v1/brands", key: registrar, body: () => ({ name: "Globex", prefixes: [testPrefix(1)] }) },
    { method: "POST", route: "/api/v1/brands/{acme}/prefixes", key: registrar, body: () => ({ prefix: testPrefix(2) }) },
    { method: "POST", route: `/api/v1/prefixes/${testPrefix(0)}/transfer`, key: registrar, body: () => ({ brandId: acme.brandId }) },
    { method: "DELETE", route: `/api/v1/prefixes/${testPrefix(0)}`, key: registrar },
    { method: "POST", route: "/api/v1/brands/{acme}/label-domains", key: registrar, body: () => ({ host: "acme-verify.example" }) },
    { method: "POST", route: "/api/v1/signers", key: () => acme.apiKey },
    { method: "DELETE", route: "/api/v1/signers/{signer}", key: () => acme.apiKey },
    { method: "POST", route: "/api/v1/batches", key: () => acme.apiKey, body: () => ({ gtin: gtinIn(testPrefix(0)), lot: "F2", quantity: 2 }) },
    { method: "POST", route: "/api/v1/batches/{batch}/status", key: () => acme.apiKey, body: () => ({ status: "recalled" }) },
    { method: "POST", route: "/api/v1/batches/{batch}/items/{serial}/status", key: () => acme.apiKey, body: () => ({ status: "recalled" }) },
    { method: "POST", route: "/api/v1/retailers", key: () => acme.apiKey, body: () => ({ name: "Second shop" }) },
    { method: "DELETE", route: "/api/v1/retailers/{retailer}", key: () => acme.apiKey },
    { method: "POST", route: "/api/v1/activations", key: () => retailer.apiKey, body: () => ({ code: genuineUri, country: "FR" }) },
    { method: "POST", route: "/api/v1/customs-offices", key: registrar, body: () => ({ name: "Antwerp customs", country: "BE" }) },
    { method: "POST", route: "/api/v1/logistics-parties", key: registrar, body: () => ({ name: "FastFreight", country: "DE" }) },
    { method: "POST", route: "/api/v1/shipments", key: () => acme.apiKey, body: () => ({ waybill: "WB-1", consignee: acme.signer, origin: "FR", destination: "US", codes: batch.uris.slice(0, 2) }) },
    { method: "POST", route: "/api/v1/rights-holders", key: registrar, body: () => ({ name: "Other Films" }) },
    { method: "POST", route: "/api/v1/platforms", key: registrar, body: () => ({ name: "Tube" }) },
    { method: "POST", route: "/api/v1/works", key: () => holder.key, body: () => ({ sha256: `0x${"ef".repeat(32)}`, metadataUri: "https://nord.example/w/2" }) },
    {
      method: "POST",
      route: "/api/v1/licences",
      key: () => holder.key,
      body: () => ({ workId, licensee: holder.address, platforms: ["Tube"], territories: ["FR"], start: "2026-03-01", end: "2026-09-01" }),
    },
    { method: "POST", route: "/api/v1/scans", key: () => "", body: () => ({ code: genuineUri, sessionId }) },
  ];
  const path = (route: string) =>
    route
      .replace("{acme}", acme.brandId)
      .replace("{signer}", acme.signer)
      .replace("{batch}", batch.id)
      .replace("{serial}", batch.serials[1]!)
      .replace("{retailer}", retailer.id);
  const send = (row: Row) => stack.api(row.method, path(row.route), { key: row.key() || undefined, body: row.body?.() });
  /** What a refused write must leave as it was: organisations, their accounts, batches, shipments. */
  const stored = async () =>
    JSON.stringify({
      organisations: await stack.ctx.store.listOrganisations(),
      accounts: await Promise.all((await stack.ctx.store.listOrganisations()).map((o) => stack.ctx.store.listAccounts(o.id))),
      batches: await stack.ctx.store.listBatchesInState("generating", "anchoring", "submitted", "confirmed", "failed"),
      shipments: [...(await stack.ctx.store.listShipmentsInState("declaring")), ...(await stack.ctx.store.listShipmentsInState("confirmed"))],
    });

  function expectUnavailable(row: Row, res: Awaited<ReturnType<KillableChainStack["api"]>>) {
    const what = `${row.method} ${row.route}: ${res.status} ${JSON.stringify(res.body)}`;
    expect(res.status, what).to.equal(503);
    expect(res.body.error, what).to.equal("CHAIN_UNREACHABLE");
    expect(res.body.message, what).to.match(/chain/i);
    expect(res.headers.get("retry-after"), what).to.equal("5");
  }

  async function expectVerifyUnverified() {
    const res = await verify(genuineUri);
    expect(res.status).to.equal(200);
    expect(res.body.verdict).to.equal("UNVERIFIED");
    expect(res.body.reasons[0].code).to.equal("CHAIN_UNREACHABLE");
    expect(res.body.checked.blockNumber).to.equal(null);
    return res;
  }

  async function expectNotReady(cause: RegExp) {
    const res = await stack.api("GET", "/readyz");
    expect(res.status).to.equal(503);
    expect(res.body.status).to.equal("not ready");
    expect(res.body.checks.chain).to.match(cause);
    expect(res.body.checks.store).to.equal("writable");
    expect(res.ms).to.be.below(1_000);
  }

  async function expectRecovered() {
    const ready = await stack.api("GET", "/readyz");
    expect(ready.status, JSON.stringify(ready.body)).to.equal(200);
    expect(ready.body.checks.chain).to.match(/^block \d+$/);
    const res = await verify(genuineUri);
    expect(res.body.verdict).to.equal("GENUINE");
    expect(res.body.reasons).to.deep.equal([]);
  }

  describe("refused (the node is stopped)", function () {
    before(async function () {
      await stack.stopChain();
    });

    for (const row of writes) {
      it(`${row.method} ${row.route} answers 503 CHAIN_UNREACHABLE with Retry-After and leaves the store as it was`, async function () {
        const before = await stored();
        expectUnavailable(row, await send(row));
        expect(await stored()).to.equal(before);
      });
    }

    it("GET /api/v1/verify answers 200 UNVERIFIED, CHAIN_UNREACHABLE, naming the refused connection", async function () {
      const res = await expectVerifyUnverified();
      expect(res.body.reasons[0].message).to.match(/ECONNREFUSED/);
    });

    it("/readyz answers 503 within a second; /healthz still 200", async function () {
      await expectNotReady(/^unreachable: /);
      const health = await stack.api("GET", "/healthz");
      expect(health.status).to.equal(200);
      expect(health.body).to.deep.equal({ status: "ok" });
    });

    it("recovers when the node is back: ready, GENUINE, and the refused writes succeed when retried", async function () {
      await stack.restartChain();
      await expectRecovered();
      const shop = await stack.api("POST", "/api/v1/retailers", { key: acme.apiKey, body: { name: "Second shop" } });
      expect(shop.status, JSON.stringify(shop.body)).to.equal(201);
      expect(shop.body.retailer.name).to.equal("Second shop");
      const office = await stack.api("POST", "/api/v1/customs-offices", { key: registrar(), body: { name: "Antwerp customs", country: "BE" } });
      expect(office.status, JSON.stringify(office.body)).to.equal(201);
      expect(office.body.office).to.include({ name: "Antwerp customs", country: "BE" });
      const signer = await stack.api("POST", "/api/v1/signers", { key: acme.apiKey });
      expect(signer.status, JSON.stringify(signer.body)).to.equal(201);
      expect(signer.body.signers.filter((s: { removedAt: unknown }) => s.removedAt == null)).to.have.length(2);
    });
  });

  describe("stalled (the node is paused with SIGSTOP: connections accepted, never answered)", function () {
    const sample = ["/api/v1/brands", "/api/v1/batches/{batch}/status", "/api/v1/activations", "/api/v1/shipments", "/api/v1/works", "/api/v1/logistics-parties"];

    before(function () {
      stack.pauseChain();
    });

    for (const route of sample) {
      it(`POST ${route} answers 503 CHAIN_UNREACHABLE within two RPC timeouts and a retry, writing nothing`, async function () {
        const row = writes.find((w) => w.route === route && w.method === "POST")!;
        const before = await stored();
        const res = await send(row);
        expectUnavailable(row, res);
        // Two calls at most before the fault shows (a pre-flight, then the first real call), each two tries of 1 s.
        expect(res.ms).to.be.below(5_000);
        expect(await stored()).to.equal(before);
      });
    }

    it("GET /api/v1/verify answers 200 UNVERIFIED within the RPC timeout", async function () {
      const res = await expectVerifyUnverified();
      expect(res.body.reasons[0].message).to.match(/did not answer .* in 1000 ms/);
      expect(res.ms).to.be.below(2_500);
    });

    it("/readyz answers 503 within a second", async function () {
      await expectNotReady(/^unreachable: /);
    });

    it("recovers when the node resumes (SIGCONT)", async function () {
      stack.resumeChain();
      await expectRecovered();
      const status = await stack.api("POST", `/api/v1/batches/${batch.id}/status`, { key: acme.apiKey, body: { status: "recalled" } });
      expect(status.status, JSON.stringify(status.body)).to.equal(200);
      expect(status.body).to.include({ batchId: batch.id, status: "recalled" });
      expect((await verify(batch.uris[2]!)).body.verdict).to.equal("REVOKED");
    });
  });
});
