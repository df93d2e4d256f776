import { expect } from "chai";
import { composite, resize, shapes, toJpeg, toPng } from "../../../fixtures/images/generate.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("content licences and notices through the API", function () {
  this.timeout(180_000);
  let svc: TestService;
  let holder: { key: string; id: string; address: string };
  let other: { key: string; id: string; address: string };
  let tube: { key: string; id: string; address: string };
  let pics: { key: string; id: string; address: string };
  let distributor: { key: string; id: string; address: string };
  const original = composite(7, 320, 240);
  const png = toPng(original);
  let workId: string;
  let hashWorkId: string;

  async function admit(kind: "rights-holders" | "platforms", name: string) {
    const res = await svc.api("POST", `/api/v1/${kind}`, { key: svc.registrarApiKey, body: { name } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const org = res.body.rightsHolder ?? res.body.platform;
    return { key: res.body.apiKey as string, id: org.id as string, address: org.address as string };
  }

  async function upload(route: string, key: string, bytes: Buffer, type = "image/png") {
    const res = await fetch(`${svc.url}${route}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": type }, body: new Uint8Array(bytes) });
    return { status: res.status, body: (await res.json()) as any };
  }

  /** Every licence, notice and work on chain: what a refused request must leave as it was. */
  async function register() {
    const [works, licences, notices] = await Promise.all([
      svc.api("GET", "/api/v1/works"),
      svc.api("GET", "/api/v1/licences"),
      svc.api("GET", "/api/v1/notices"),
    ]);
    return JSON.stringify([works.body, licences.body, notices.body]);
  }

  /** A register without the index's position, which moves on as the index follows the chain. */
  const withoutIndexedBlock = (register: string) => register.replaceAll(/"indexedBlock":\d+/g, "");

  before(async function () {
    svc = await startTestService();
    holder = await admit("rights-holders", "Studio Nord");
    other = await admit("rights-holders", "Other Films");
    distributor = await admit("rights-holders", "Distrib SA");
    tube = await admit("platforms", "Tube");
    pics = await admit("platforms", "Pics");
  });

  after(async function () {
    await svc?.close();
  });

  describe("rights holders and platforms", function () {
    it("admits them on chain with a funded key and refuses a taken name", async function () {
      expect(holder.address).to.match(/^0x[0-9a-fA-F]{40}$/);
      const again = await svc.api("POST", "/api/v1/platforms", { key: svc.registrarApiKey, body: { name: "Tube" } });
      expect(again.status).to.equal(409);
      expect(again.body.error).to.equal("NAME_TAKEN");
      const asHolder = await svc.api("POST", "/api/v1/platforms", { key: holder.key, body: { name: "X" } });
      expect(asHolder.status).to.equal(403);
    });
  });

  describe("works", function () {
    it("registers an uploaded PNG with its SHA-256 and perceptual hash", async function () {
      const res = await upload("/api/v1/works?metadataUri=ipfs://nord/1", holder.key, png);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.work.owner).to.equal(holder.address);
      expect(res.body.work.ownerName).to.equal("Studio Nord");
      expect(res.body.work.perceptualHash).to.match(/^[0-9a-f]{16}$/);
      expect(res.body.work.metadataUri).to.equal("ipfs://nord/1");
      workId = res.body.work.id;
      const { createHash } = await import("node:crypto");
      expect(workId).to.equal(`0x${createHash("sha256").update(png).digest("hex")}`);
    });

    it("registers a work by its hash alone", async function () {
      const res = await svc.api("POST", "/api/v1/works", { key: holder.key, body: { sha256: `0x${"ab".repeat(32)}`, metadataUri: "https://nord.example/w/2" } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.work.perceptualHash).to.equal(null);
      hashWorkId = res.body.work.id;
    });

    it("answers 409 WORK_EXISTS for the same content twice, by anyone", async function () {
      const res = await upload("/api/v1/works", other.key, png);
      expect(res.status).to.equal(409);
      expect(res.body.error).to.equal("WORK_EXISTS");
    });

    it("lists works by owner and reads one", async function () {
      const list = await svc.api("GET", `/api/v1/works?owner=${holder.id}`);
      expect(list.body.works.map((w: any) => w.id)).to.deep.equal([workId, hashWorkId]);
      const none = await svc.api("GET", `/api/v1/works?owner=${other.address}`);
      expect(none.body.works).to.deep.equal([]);
      const one = await svc.api("GET", `/api/v1/works/${workId}`);
      expect(one.body.work.id).to.equal(workId);
      const missing = await svc.api("GET", `/api/v1/works/0x${"00".repeat(32)}`);
      expect(missing.status).to.equal(404);
      expect(missing.body.error).to.equal("UNKNOWN_WORK");
    });
  });

  describe("licences", function () {
    let root: string;
    let sub: string;
    const base = () => ({ workId, licensee: distributor.id, platforms: ["Tube", "Pics"], territories: ["FR", "DE"], start: "2026-01-01", end: "2027-01-01", sublicensable: true });

    it("grants a root licence and a sub-licence within it", async function () {
      const granted = await svc.api("POST", "/api/v1/licences", { key: holder.key, body: base() });
      expect(granted.status, JSON.stringify(granted.body)).to.equal(201);
      root = granted.body.licence.id;
      expect(granted.body.licence).to.include({ depth: 1, licensee: distributor.address, sublicensable: true, parentId: null });
      expect(granted.body.licence.territories).to.deep.equal(["DE", "FR"]);
      const subRes = await svc.api("POST", "/api/v1/licences", {
        key: distributor.key,
        body: { workId, licensee: other.address, platforms: ["Tube"], territories: ["FR"], start: "2026-03-01", end: "2026-09-01", parent: root },
      });
      expect(subRes.status, JSON.stringify(subRes.body)).to.equal(201);
      sub = subRes.body.licence.id;
      expect(subRes.body.licence).to.include({ depth: 2, parentId: root, grantor: distributor.address });
      const listed = await svc.api("GET", `/api/v1/licences?work=${workId}&platform=Pics`);
      expect(listed.body.licences.map((l: any) => l.id)).to.deep.equal([root]);
    });

    it("answers the check with the licence or the reason", async function () {
      const ask = async (licensee: string, platform: string, territory: string, time: string) =>
        (await svc.api("GET", `/api/v1/licences/check?work=${workId}&licensee=${licensee}&platform=${platform}&territory=${territory}&time=${time}`)).body;
      expect(await ask(other.address, "Tube", "FR", "2026-06-01")).to.include({ licensed: true, licenceId: sub, reason: null });
      expect(await ask(other.address, "Pics", "FR", "2026-06-01")).to.include({ licensed: false, reason: "platform-not-covered" });
      expect(await ask(other.address, "Tube", "DE", "2026-06-01")).to.include({ licensed: false, reason: "territory-not-covered" });
      expect(await ask(other.address, "Tube", "FR", "2026-10-01")).to.include({ licensed: false, reason: "expired" });
      expect(await ask(other.address, "Tube", "FR", "2026-02-01")).to.include({ licensed: false, reason: "not-yet-valid" });
      expect(await ask(pics.address, "Tube", "FR", "2026-06-01")).to.include({ licensed: false, reason: "no-licence" });
      expect(await ask(holder.address, "Tube", "US", "2030-01-01")).to.include({ licensed: true, licenceId: null });
    });

    const bad: Array<[string, (b: any) => any, string, string]> = [
      ["an unknown territory", (b) => ({ ...b, territories: ["FR", "XX"] }), "UNKNOWN_COUNTRY", "territories[1]"],
      ["an unknown platform", (b) => ({ ...b, platforms: ["Tube", "Nowhere"] }), "UNKNOWN_PLATFORM", "platforms[1]"],
      ["an end before its start", (b) => ({ ...b, start: "2026-05-01", end: "2026-04-01" }), "INVALID_PERIOD", "end"],
      ["an unknown work", (b) => ({ ...b, workId: `0x${"cd".repeat(32)}` }), "UNKNOWN_WORK", "workId"],
    ];
    for (const [what, change, code, field] of bad) {
      it(`answers 400 ${code} naming ${field} for ${what}, writing nothing`, async function () {
        const before = await register();
        const res = await svc.api("POST", "/api/v1/licences", { key: holder.key, body: change(base()) });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body).to.include({ error: code, field });
        // The lists only: the index may have followed other blocks meanwhile (its indexedBlock moves on).
        expect(withoutIndexedBlock(await register())).to.equal(withoutIndexedBlock(before));
      });
    }

    it("refuses sub-licences wider than a narrower parent, naming what exceeds", async function () {
      const mid = await svc.api("POST", "/api/v1/licences", {
        key: distributor.key,
        body: { workId, licensee: other.id, platforms: ["Tube"], territories: ["FR"], start: "2026-03-01", end: "2026-09-01", parent: root, sublicensable: true },
      });
      expect(mid.status, JSON.stringify(mid.body)).to.equal(201);
      const parent = mid.body.licence.id;
      const body = { workId, licensee: pics.address, platforms: ["Tube"], territories: ["FR"], start: "2026-04-01", end: "2026-08-01", parent };
      for (const [change, code, field] of [
        [{ platforms: ["Tube", "Pics"] }, "PLATFORM_OUTSIDE_PARENT", "platforms[1]"],
        [{ territories: ["FR", "DE"] }, "TERRITORY_OUTSIDE_PARENT", "territories[1]"],
        [{ territories: "worldwide" }, "TERRITORY_OUTSIDE_PARENT", "territories"],
        [{ end: "2026-10-01" }, "PERIOD_OUTSIDE_PARENT", "end"],
        [{ start: "2026-02-01" }, "PERIOD_OUTSIDE_PARENT", "start"],
      ] as const) {
        const before = await register();
        const res = await svc.api("POST", "/api/v1/licences", { key: other.key, body: { ...body, ...change } });
        expect(res.status, `${JSON.stringify(change)} ${JSON.stringify(res.body)}`).to.equal(400);
        expect(res.body).to.include({ error: code, field });
        // The lists only: the index may have followed other blocks meanwhile (its indexedBlock moves on).
        expect(withoutIndexedBlock(await register())).to.equal(withoutIndexedBlock(before));
      }
      const notSub = await svc.api("POST", "/api/v1/licences", { key: other.key, body: { ...body, parent: sub } });
      expect(notSub.body).to.include({ error: "NOT_SUBLICENSABLE", field: "parent" });
    });

    it("revokes a licence and its sub-licence is no longer valid", async function () {
      const stranger = await svc.api("DELETE", `/api/v1/licences/${root}`, { key: other.key });
      expect(stranger.status).to.equal(403);
      const revoked = await svc.api("DELETE", `/api/v1/licences/${root}`, { key: holder.key });
      expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
      expect(revoked.body.licence.revokedAt).to.be.a("string");
      const check = await svc.api("GET", `/api/v1/licences/check?work=${workId}&licensee=${other.address}&platform=Tube&territory=FR&time=2026-06-01`);
      expect(check.body).to.include({ licensed: false, reason: "ancestor-revoked" });
      const again = await svc.api("DELETE", `/api/v1/licences/${root}`, { key: holder.key });
      expect(again.status).to.equal(409);
      expect(again.body.error).to.equal("LICENCE_REVOKED");
    });
  });

  describe("notices", function () {
    let noticeId: string;
    it("refuses a notice for an unknown work, an unknown platform or territory: 400 named, nothing written", async function () {
      const body = { platform: "Tube", territory: "FR", work: workId, location: "https://tube.example/v/1", evidence: "side by side" };
      for (const [change, code, field] of [
        [{ work: `0x${"ee".repeat(32)}` }, "UNKNOWN_WORK", "work"],
        [{ platform: "Nowhere" }, "UNKNOWN_PLATFORM", "platform"],
        [{ territory: "XX" }, "UNKNOWN_COUNTRY", "territory"],
        [{ location: "not a url" }, "INVALID_URL", "location"],
      ] as const) {
        const before = await register();
        const res = await svc.api("POST", "/api/v1/notices", { key: holder.key, body: { ...body, ...change } });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body).to.include({ error: code, field });
        // The lists only: the index may have followed other blocks meanwhile (its indexedBlock moves on).
        expect(withoutIndexedBlock(await register())).to.equal(withoutIndexedBlock(before));
      }
    });

    it("files a notice, lets the platform answer it once, and shows it in the public register", async function () {
      const filed = await svc.api("POST", "/api/v1/notices", {
        key: holder.key,
        body: { platform: tube.id, territory: "FR", work: workId, location: "https://tube.example/v/1", evidence: "side by side" },
      });
      expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
      noticeId = filed.body.notice.id;
      const { createHash } = await import("node:crypto");
      expect(filed.body.notice.locationHash).to.equal(`0x${createHash("sha256").update("https://tube.example/v/1").digest("hex")}`);
      expect(filed.body.notice.status).to.equal("filed");
      const dup = await svc.api("POST", "/api/v1/notices", { key: holder.key, body: { platform: "Tube", territory: "FR", work: workId, location: "https://tube.example/v/1", evidence: "side by side" } });
      expect(dup.status).to.equal(409);

      const wrong = await svc.api("POST", `/api/v1/notices/${noticeId}/answer`, { key: pics.key, body: { answer: "removed" } });
      expect(wrong.status).to.equal(403);
      const answered = await svc.api("POST", `/api/v1/notices/${noticeId}/answer`, { key: tube.key, body: { answer: "rejected", reason: "licensed", explanation: "the uploader holds a licence" } });
      expect(answered.status, JSON.stringify(answered.body)).to.equal(200);
      expect(answered.body.notice).to.include({ status: "rejected", rejection: "licensed", explanation: "the uploader holds a licence" });
      const second = await svc.api("POST", `/api/v1/notices/${noticeId}/answer`, { key: tube.key, body: { answer: "removed" } });
      expect(second.status).to.equal(409);
      expect(second.body.error).to.equal("NOTICE_ANSWERED");

      const register_ = await svc.api("GET", `/api/v1/notices?rightsHolder=${holder.id}&platform=Tube&work=${workId}`);
      expect(register_.body.notices.map((n: any) => n.id)).to.deep.equal([noticeId]);
      const none = await svc.api("GET", `/api/v1/notices?platform=Pics`);
      expect(none.body.notices).to.deep.equal([]);
    });

    it("records a counter-notice by its hash", async function () {
      const filed = await svc.api("POST", "/api/v1/notices", { key: holder.key, body: { platform: "Tube", territory: "DE", work: workId, location: "https://tube.example/v/2", evidenceHash: `0x${"12".repeat(32)}` } });
      expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
      const answered = await svc.api("POST", `/api/v1/notices/${filed.body.notice.id}/answer`, { key: tube.key, body: { answer: "counter-notice", counterNotice: "I own it" } });
      expect(answered.body.notice.status).to.equal("counter-noticed");
      expect(answered.body.notice.counterNoticeHash).to.match(/^0x[0-9a-f]{64}$/);
    });
  });

  describe("content check", function () {
    before(async function () {
      // A fresh licence for `other` on Tube in FR (the earlier ones were revoked).
      const granted = await svc.api("POST", "/api/v1/licences", { key: holder.key, body: { workId, licensee: other.id, platforms: ["Tube"], territories: ["FR"], start: "2026-01-01" } });
      expect(granted.status, JSON.stringify(granted.body)).to.equal(201);
    });

    it("finds an exact copy, licensed for the licensee and not for a stranger, with the reason", async function () {
      const ok = await upload(`/api/v1/content/check?uploader=${other.address}&territory=FR&time=2026-06-01`, tube.key, png);
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect(ok.body.matches).to.have.length(1);
      expect(ok.body.matches[0]).to.include({ workId, owner: holder.address, ownerName: "Studio Nord", distance: 0, exact: true });
      expect(ok.body.licensed).to.include({ licensed: true });
      const no = await upload(`/api/v1/content/check?uploader=${pics.address}&territory=FR&time=2026-06-01`, tube.key, png);
      expect(no.body.licensed).to.include({ licensed: false, reason: "no-licence" });
      const elsewhere = await upload(`/api/v1/content/check?uploader=${other.address}&territory=US&time=2026-06-01`, tube.key, png);
      expect(elsewhere.body.licensed).to.include({ licensed: false, reason: "territory-not-covered" });
    });

    it("finds a resized, recompressed copy by its perceptual hash", async function () {
      const copy = toJpeg(resize(original, 0.5), 60);
      const res = await upload(`/api/v1/content/check?uploader=${pics.id}&territory=FR`, tube.key, copy, "image/jpeg");
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.matches).to.have.length(1);
      expect(res.body.matches[0].workId).to.equal(workId);
      expect(res.body.matches[0].exact).to.equal(false);
      expect(res.body.matches[0].distance).to.be.at.most(res.body.threshold);
      expect(res.body.licensed).to.include({ licensed: false, reason: "no-licence" });
    });

    it("finds nothing for an unrelated image, and checks by hashes as JSON", async function () {
      const res = await upload(`/api/v1/content/check?uploader=${pics.id}&territory=FR`, tube.key, toPng(shapes(99)));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.matches).to.deep.equal([]);
      expect(res.body.licensed).to.equal(null);
      const byHash = await svc.api("POST", "/api/v1/content/check", { key: tube.key, body: { sha256: hashWorkId, uploader: other.address, territory: "FR" } });
      expect(byHash.body.matches[0]).to.include({ workId: hashWorkId, exact: true });
      expect(byHash.body.licensed).to.include({ licensed: false, reason: "no-licence" });
      const asHolder = await svc.api("POST", "/api/v1/content/check", { key: holder.key, body: { sha256: hashWorkId, uploader: other.address, territory: "FR" } });
      expect(asHolder.status).to.equal(403);
    });
  });
});
