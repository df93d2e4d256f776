/**
 * The lists the chain index serves, while the PostgreSQL server that holds the index is away: each answers
 * 503 DATABASE_UNAVAILABLE (never a 500, never an empty list as if nothing were registered), and pages
 * again once the server is back.
 */
import { expect } from "chai";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

describe("paged lists when the database is away (PostgreSQL)", function () {
  this.timeout(180_000);
  let postgres: TestPostgres;
  let svc: TestService;
  let brandKey: string;
  const lists = ["/api/v1/works", "/api/v1/notices", "/api/v1/licences?limit=2", "/api/v1/seizures", "/api/v1/brand/infringements"];

  before(async function () {
    postgres = await startTestPostgres();
    svc = await startTestService({ DATABASE_URL: await postgres.createDatabase() });
    brandKey = (await svc.newBrand("Away Acme")).apiKey;
    const holder = await svc.api("POST", "/api/v1/rights-holders", { key: svc.registrarApiKey, body: { name: "Away Studio" } });
    const work = await svc.api("POST", "/api/v1/works", { key: holder.body.apiKey, body: { sha256: `0x${"ab".repeat(32)}` } });
    expect(work.status, JSON.stringify(work.body)).to.equal(201);
  });

  after(async function () {
    await svc?.close().catch(() => undefined);
    await postgres?.stop();
  });

  it("answers 503 DATABASE_UNAVAILABLE for every list while the server is down, and lists again after", async function () {
    for (const list of lists) expect((await svc.api("GET", list, { key: brandKey })).status, list).to.equal(200);
    await postgres.stopServer();
    try {
      for (const list of lists) {
        const res = await svc.api("GET", list, { key: brandKey });
        expect(res.status, list).to.equal(503);
        expect(res.body.error, list).to.equal("DATABASE_UNAVAILABLE");
      }
    } finally {
      await postgres.startServer();
    }
    for (const end = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
      const works = await svc.api("GET", "/api/v1/works", { key: brandKey });
      if (works.status === 200) {
        expect(works.body.works).to.have.length(1);
        break;
      }
      if (Date.now() > end) throw new Error(`the list did not come back: ${works.status}`);
    }
  });
});
