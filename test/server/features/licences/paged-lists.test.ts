import { expect } from "chai";
import { chainIndex } from "../../../../server/indexer/service-index.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("works, notices and licences lists, read from the chain index a page at a time", function () {
  this.timeout(180_000);
  let svc: TestService;
  let holder: { key: string; id: string; address: string };
  let platform: { key: string; id: string };
  const works: string[] = [];
  const notices: string[] = [];
  /** Granted by the holder to `licensee`: on PagedTube, on OtherTube, on both, on PagedTube (in that order). */
  const licences: string[] = [];
  let licensee: { key: string; id: string; address: string };

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
    licensee = await admit("rights-holders", "Paged Licensee");
    await admit("platforms", "OtherTube");
    for (const platforms of [["PagedTube"], ["OtherTube"], ["OtherTube", "PagedTube"], ["PagedTube"]]) {
      const res = await svc.api("POST", "/api/v1/licences", {
        key: holder.key,
        body: { workId: works[0], licensee: licensee.id, platforms, territories: "worldwide", start: "2026-01-01", sublicensable: true },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      licences.push(res.body.licence.id);
    }
  });

  after(async function () {
    await svc?.close();
  });

  it("lists a fresh write at once, with the paging fields on the first page", async function () {
    const res = await svc.api("GET", "/api/v1/works");
    expect(res.body.works.map((w: { id: string }) => w.id)).to.deep.equal(works);
    expect(res.body.works[0]).to.include({ owner: holder.address, ownerName: "Paged Studio", metadataUri: "ipfs://paged/0", licenceCount: licences.length });
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

  it("pages licences oldest first, filtered by work and by licensee (not the grantor), a fresh grant listed at once", async function () {
    const all = await pages(`/api/v1/licences?work=${works[0]}`, "licences", 3);
    expect(all.ids).to.deep.equal(licences);
    expect(all.sizes).to.deep.equal([3, 1]);
    expect((await pages(`/api/v1/licences?licensee=${licensee.id}`, "licences", 2)).ids).to.deep.equal(licences);
    // The holder granted them all but holds none: the licensee filter is not "either side".
    expect((await svc.api("GET", `/api/v1/licences?licensee=${holder.id}`)).body).to.deep.include({ licences: [], nextCursor: null });
    const first = (await svc.api("GET", `/api/v1/licences?work=${works[0]}&limit=1`)).body.licences[0];
    expect(first).to.include({ id: licences[0], workId: works[0], licensee: licensee.address, grantor: holder.address, revokedAt: null });
  });

  it("pages licences of one platform, matched in each grant's terms, across a page boundary", async function () {
    const paged = await pages(`/api/v1/licences?platform=PagedTube`, "licences", 2);
    expect(paged.ids).to.deep.equal([licences[0], licences[2], licences[3]]);
    expect(paged.sizes).to.deep.equal([2, 1]);
    // Filled on the index's last row: the last page.
    expect((await pages(`/api/v1/licences?platform=PagedTube`, "licences", 3)).sizes).to.deep.equal([3]);
    expect((await pages(`/api/v1/licences?platform=OtherTube`, "licences", 1)).ids).to.deep.equal([licences[1], licences[2]]);
    // Filled before rows of other platforms: the cursor leads past them to an empty page, which is the last.
    expect((await pages(`/api/v1/licences?platform=OtherTube`, "licences", 2)).sizes).to.deep.equal([2, 0]);
  });

  it("refuses a cursor it did not make and a limit over 500, naming the field", async function () {
    for (const list of ["works", "notices", "licences"]) {
      const bad = await svc.api("GET", `/api/v1/${list}?cursor=abc`);
      expect(bad.status, list).to.equal(400);
      expect(bad.body, list).to.include({ error: "INVALID_FIELD", field: "cursor" });
    }
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
