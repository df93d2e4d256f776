/**
 * Brand alerts while the PostgreSQL server is away: every alert route answers 503 DATABASE_UNAVAILABLE
 * (never a 500, never an empty list as if no alert were raised), and answers again once it is back.
 */
import { expect } from "chai";
import { FIRST_PREFIX, gtinIn } from "../../../helpers/prefixes.ts";
import { startTestPostgres, type TestPostgres } from "../../../helpers/postgres.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("brand alerts when the database is away (PostgreSQL)", function () {
  this.timeout(180_000);
  let postgres: TestPostgres;
  let svc: TestService;
  let brandKey: string;
  let alertId: string;
  const gtin = gtinIn(FIRST_PREFIX);

  before(async function () {
    postgres = await startTestPostgres();
    svc = await startTestService({ DATABASE_URL: await postgres.createDatabase() });
    brandKey = (await svc.newBrand("Away Acme")).apiKey;
    const raised = await svc.api("POST", "/api/v1/brand/alerts", { key: brandKey, body: { gtin, country: "NL", reason: "Fakes" } });
    expect(raised.status, JSON.stringify(raised.body)).to.equal(201);
    alertId = raised.body.alert.id;
  });

  after(async function () {
    await svc?.close().catch(() => undefined);
    await postgres?.stop();
  });

  it("answers 503 DATABASE_UNAVAILABLE on every alert route while the server is down, and lists again after", async function () {
    const calls: Array<[string, string, unknown?]> = [
      ["GET", "/api/v1/brand/alerts"],
      ["GET", `/api/v1/brand/alerts/${alertId}`],
      ["POST", "/api/v1/brand/alerts", { gtin, country: "DE", reason: "More fakes" }],
      ["DELETE", `/api/v1/brand/alerts/${alertId}`],
    ];
    await postgres.stopServer();
    try {
      for (const [method, route, body] of calls) {
        const res = await svc.api(method, route, { key: brandKey, ...(body === undefined ? {} : { body }) });
        expect([res.status, res.body.error], `${method} ${route}`).to.deep.equal([503, "DATABASE_UNAVAILABLE"]);
        expect(res.headers.get("retry-after")).to.equal("5");
      }
    } finally {
      await postgres.startServer();
    }
    for (const end = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
      const list = await svc.api("GET", "/api/v1/brand/alerts", { key: brandKey });
      if (list.status === 200) {
        expect(list.body.alerts.map((a: { id: string; state: string }) => [a.id, a.state])).to.deep.equal([[alertId, "active"]]);
        break;
      }
      if (Date.now() > end) throw new Error(`the list did not come back: ${list.status}`);
    }
  });
});
