/**
 * The PostgreSQL server restarts while the service is generating a batch: the batch still ends confirmed,
 * with every item once, and the API answers 503 DATABASE_UNAVAILABLE (never a 500) while the server is away.
 */
import { expect } from "chai";
import { storedItems } from "../../helpers/issued.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

const QUANTITY = 30_000;

describe("a database restart in the middle of a batch (PostgreSQL)", function () {
  this.timeout(180_000);
  let postgres: TestPostgres;
  let svc: TestService;

  before(async function () {
    postgres = await startTestPostgres();
    svc = await startTestService({ DATABASE_URL: await postgres.createDatabase() });
  });

  after(async function () {
    await svc?.close().catch(() => undefined);
    await postgres?.stop();
  });

  it("loses nothing: the batch is confirmed with every item exactly once, and the API said 503 meanwhile", async function () {
    const brand = await svc.newBrand("Restart Acme");
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: "RESTART", quantity: QUANTITY } });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    const id = created.body.id as string;

    // Wait for the first chunks, then take the server away mid-generation.
    for (const end = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const view = await svc.api("GET", `/api/v1/batches/${id}`, { key: brand.apiKey });
      if (view.body.progress.generated > 0) {
        expect(view.body.progress.generated, "still generating when the server stops").to.be.below(QUANTITY);
        break;
      }
      if (Date.now() > end) throw new Error("no item was generated");
    }
    await postgres.stopServer();
    const away = await svc.api("GET", `/api/v1/batches/${id}`, { key: brand.apiKey });
    expect(away.status).to.equal(503);
    expect(away.body.error).to.equal("DATABASE_UNAVAILABLE");
    expect(away.headers.get("retry-after")).to.equal("5");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await postgres.startServer();

    const batch = await svc.waitForBatch(brand.apiKey, id, 120_000);
    expect(batch.state).to.equal("confirmed");
    const items = await storedItems(svc.ctx.store, id as `0x${string}`);
    expect(items.map((item) => item.index)).to.deep.equal(Array.from({ length: QUANTITY }, (_, i) => i));
    expect(new Set(items.map((item) => item.serial)).size).to.equal(QUANTITY);
    // The anchored root covers exactly these items: a proof of the last one verifies GENUINE.
    const last = items.at(-1)!;
    const proof = await svc.api("GET", `/api/v1/proof?gtin=09506000134352&lot=RESTART&serial=${encodeURIComponent(last.serial)}`);
    expect(proof.status, JSON.stringify(proof.body)).to.equal(200);
    const verdict = await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(proof.body.uri)}`);
    expect(verdict.body.verdict).to.equal("GENUINE");
  });
});
