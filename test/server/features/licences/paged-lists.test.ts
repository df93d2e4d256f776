import { expect } from "chai";
import { chainIndex } from "../../../../server/indexer/service-index.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("works and notices lists, read from the chain index a page at a time", function () {
  this.timeout(180_000);
  let svc: TestService;
  let holder: { key: string; id: string; address: string };
  let platform: { key: string; id: string };
  const works: string[] = [];
  const notices: string[] = [];

  async function admit(kind: "rights-holders" | "platforms", name: string) {
    const res = await svc.api("POST", `/api/v1/${kind}`, { key: svc.registrarApiKey, body: { name } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const org = res.body.rightsHolder ?? res.body.platform;
    return { key: res.body.apiKey as string, id: org.id as string, address: org.address as string };
  }

  /** Every page of a list, following nextCursor; also returns the pages' sizes. */
  async function pages(route: string, field: string, limit: number) {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const sep = route.includes("?") ? "&" : "?";
      const res = await svc.api("GET", `${route}${sep}limit=${limit}${cursor === null ? "" : `&cursor=${cursor}`}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.indexedBlock).to.be.a("number");
      ids.push(...res.body[field].map((x: { id: string }) => x.id));
      sizes.push(res.body[field].length);
      cursor = res.body.nextCursor;
    } while (cursor !== null);
    return { ids, sizes };
  }

  before(async function () {
    svc = await startTestService();
    holder = await admit("rights-holders", "Paged Studio");
    platform = await admit("platforms", "PagedTube");
    for (let i = 0; i < 5; i++) {
      const res = await svc.api("POST", "/api/v1/works", { key: holder.key, body: { sha256: `0x${String(i + 1).padStart(2, "0").repeat(32)}`, metadataUri: `ipfs://paged/${i}` } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      works.push(res.body.work.id);
    }
    for (let i = 0; i < 3; i++) {
      const res = await svc.api("POST", "/api/v1/notices", {
        key: holder.key,
        body: { platform: platform.id, territory: "FR", work: works[i], location: `https://paged.example/v/${i}`, evidence: "copy" },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      notices.push(res.body.notice.id);
    }
  });

  after(async function () {
    await svc?.close();
  });

  it("lists a fresh write at once, with the paging fields on the first page", async function () {
    const res = await svc.api("GET", "/api/v1/works");
    expect(res.body.works.map((w: { id: string }) => w.id)).to.deep.equal(works);
    expect(res.body.works[0]).to.include({ owner: holder.address, ownerName: "Paged Studio", metadataUri: "ipfs://paged/0", licenceCount: 0 });
    expect(res.body.nextCursor).to.equal(null);
    expect(res.body.indexedBlock).to.equal(await svc.connection.ethers.provider.getBlockNumber());
  });

  it("pages works oldest first, every one exactly once, filtered by owner", async function () {
    const all = await pages(`/api/v1/works?owner=${holder.id}`, "works", 2);
    expect(all.ids).to.deep.equal(works);
    expect(all.sizes).to.deep.equal([2, 2, 1]);
    const none = await svc.api("GET", `/api/v1/works?owner=${platform.id}`);
    expect(none.body).to.deep.include({ works: [], nextCursor: null });
  });

  it("pages the notice register, filtered by work, platform and rights holder", async function () {
    expect((await pages("/api/v1/notices", "notices", 1)).ids).to.deep.equal(notices);
    expect((await pages(`/api/v1/notices?rightsHolder=${holder.id}&platform=PagedTube`, "notices", 2)).sizes).to.deep.equal([2, 1]);
    const one = await svc.api("GET", `/api/v1/notices?work=${works[1]}`);
    expect(one.body.notices.map((n: { id: string }) => n.id)).to.deep.equal([notices[1]]);
    expect(one.body.notices[0]).to.include({ status: "filed", territory: "FR", workId: works[1] });
  });

  it("refuses a cursor it did not make and a limit over 500, naming the field", async function () {
    const bad = await svc.api("GET", "/api/v1/works?cursor=abc");
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include("cursor");
    const big = await svc.api("GET", "/api/v1/notices?limit=501");
    expect(big.status).to.equal(400);
    expect(JSON.stringify(big.body)).to.include("limit");
  });

  it("reads the index, not the chain: an emptied index lists nothing until it is followed again", async function () {
    const { follower, store } = chainIndex(svc.ctx);
    await follower.stop();
    await store.rollBackTo(undefined);
    const empty = await svc.api("GET", "/api/v1/works");
    expect(empty.body).to.deep.include({ works: [], nextCursor: null, indexedBlock: null });
    follower.start();
    await follower.catchUp();
    expect((await svc.api("GET", "/api/v1/works")).body.works.map((w: { id: string }) => w.id)).to.deep.equal(works);
  });
});
