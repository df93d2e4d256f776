import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { allPages } from "../../cli/all-pages.ts";
import { createApiClient } from "../../cli/api-client.ts";

describe("allPages (CLI)", function () {
  let server: Server;
  let url: string;
  const asked: string[] = [];

  before(async function () {
    // A list of five in pages of two, paged as the service pages the chain index: the cursor is the last item's position.
    server = createServer((req, res) => {
      const query = new URL(req.url!, "http://x").searchParams;
      asked.push(`${query.get("owner")} ${query.get("limit")} ${query.get("cursor")}`);
      const from = Number(query.get("cursor") ?? 0);
      const items = [1, 2, 3, 4, 5].filter((n) => n > from).slice(0, 2);
      const nextCursor = items.at(-1)! < 5 ? String(items.at(-1)) : null;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ works: items.map((n) => ({ id: n })), nextCursor, indexedBlock: 7 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(function () {
    server.close();
  });

  it("follows nextCursor to the last page, keeping the list's own query, asking the largest pages", async function () {
    const works = await allPages<{ id: number }>(createApiClient({ url, apiKey: undefined }), "/api/v1/works?owner=0xabc", "works");
    expect(works.map((w) => w.id)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(asked).to.deep.equal(["0xabc 500 null", "0xabc 500 2", "0xabc 500 4"]);
  });
});
