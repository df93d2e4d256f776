/**
 * A large download leaves the service free (issue 12): while a brand downloads a 50,000-row CSV or the
 * batch's EPCIS export as fast as it can read, every other request is still answered promptly. Before
 * downloads ran in slices, the socket took each write at once and the whole download held the service's
 * one thread: here about a second, during which a probe waited the whole second (1M rows: 38 s).
 *
 * The bound, 250 ms, is 25 of the 10 ms slices the download gives way after: far above what a free
 * service shows (a few ms), far below the one long block it replaced, and robust to a loaded 2-core
 * machine where the process may simply not be scheduled for tens of milliseconds.
 */
import { expect } from "chai";
import { startHealthProbe } from "../../../../helpers/health-probe.ts";
import { gtinIn } from "../../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../../helpers/service.ts";

const ITEMS = 50_000;
const MAX_WAIT_MS = 250;

describe("label and EPCIS downloads leave the service free", function () {
  this.timeout(180_000);
  let svc: TestService;
  let apiKey: string;
  let batchId: string;

  before(async function () {
    svc = await startTestService({ MAX_BATCH_QUANTITY: String(ITEMS) });
    const brand = await svc.newBrand("Loop Brand");
    apiKey = brand.apiKey;
    const created = await svc.api("POST", "/api/v1/batches", { key: apiKey, body: { gtin: gtinIn(brand.prefixes[0]!), lot: "LOOP", quantity: ITEMS } });
    expect(created.status).to.equal(202);
    batchId = created.body.id;
    expect((await svc.waitForBatch(apiKey, batchId, 150_000)).state).to.equal("confirmed");
  });

  after(async function () {
    await svc?.close();
  });

  /** Downloads `route` whole while probing /healthz; returns the bytes and the probes sent meanwhile. */
  async function downloadWhileProbing(route: string) {
    const probe = await startHealthProbe(svc.url, 20);
    try {
      const from = Date.now();
      const res = await fetch(`${svc.url}${route}`, { headers: { authorization: `Bearer ${apiKey}` } });
      const body = await res.text();
      const to = Date.now();
      const during = (await probe.stop()).filter((p) => p.at >= from && p.at < to);
      return { status: res.status, body, during, ms: to - from };
    } finally {
      await probe.stop();
    }
  }

  for (const [what, route, complete] of [
    ["the CSV labels", "labels?format=csv", (body: string) => body.split("\r\n").filter(Boolean).length === ITEMS + 1],
    ["the EPCIS export", "epcis", (body: string) => JSON.parse(body).epcisBody.eventList[0].epcList.length === ITEMS],
  ] as const) {
    it(`answers /healthz within ${MAX_WAIT_MS} ms all through a download of ${what} of ${ITEMS.toLocaleString("en")} items`, async function () {
      const { status, body, during, ms } = await downloadWhileProbing(`/api/v1/batches/${batchId}/${route}`);
      expect(status).to.equal(200);
      expect(complete(body), "the download is whole").to.equal(true);
      // Probes kept being answered through the download, not only once it had ended.
      expect(during.length, `probes sent during the ${ms} ms download`).to.be.at.least(Math.min(5, Math.floor(ms / 40)));
      const longest = Math.max(...during.map((p) => p.ms));
      expect(longest, `longest /healthz wait during the ${ms} ms download`).to.be.below(MAX_WAIT_MS);
    });
  }
});
