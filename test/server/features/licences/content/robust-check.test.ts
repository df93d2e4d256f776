import { expect } from "chai";
import { createHash } from "node:crypto";
import type { RgbaImage } from "../../../../../core/content/image.ts";
import { phashToHex } from "../../../../../core/content/phash.ts";
import { perceptualHash } from "../../../../../core/content/phash.ts";
import { crop, mirror, rotate, turn90 } from "../../../../fixtures/images/edits.ts";
import { toJpeg } from "../../../../fixtures/images/generate.ts";
import { loadPhotos, PHOTO_FILES } from "../../../../fixtures/photos/photos.ts";
import { startTestService, type TestService } from "../../../../helpers/service.ts";

describe("content check: copies that were mirrored, turned, rotated or cropped", function () {
  this.timeout(180_000);
  let svc: TestService;
  let holder: { key: string; id: string; address: string };
  let tube: { key: string; id: string; address: string };
  let photo: RgbaImage;
  let older: RgbaImage;
  let original: Buffer;
  let olderFile: Buffer;
  let workId: string;

  async function admit(kind: "rights-holders" | "platforms", name: string) {
    const res = await svc.api("POST", `/api/v1/${kind}`, { key: svc.registrarApiKey, body: { name } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const org = res.body.rightsHolder ?? res.body.platform;
    return { key: res.body.apiKey as string, id: org.id as string, address: org.address as string };
  }

  async function upload(route: string, key: string, bytes: Buffer) {
    const res = await fetch(`${svc.url}${route}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "image/jpeg" },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  const check = (bytes: Buffer) => upload(`/api/v1/content/check?uploader=${holder.address}&territory=FR`, tube.key, bytes);

  before(async function () {
    const photos = loadPhotos([PHOTO_FILES[3]!, PHOTO_FILES[20]!]);
    [photo, older] = [photos[0]!.image, photos[1]!.image];
    original = toJpeg(photo, 90);
    olderFile = toJpeg(older, 90);
    svc = await startTestService();
    holder = await admit("rights-holders", "Photo Agency");
    tube = await admit("platforms", "Tube");
    const res = await upload("/api/v1/works", holder.key, original);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    workId = res.body.work.id;
  });

  after(async function () {
    await svc?.close();
  });

  const copies: [string, () => Buffer, string][] = [
    ["mirrored", () => toJpeg(mirror(photo), 80), "mirrored-or-turned"],
    ["turned 90°", () => toJpeg(turn90(photo), 80), "mirrored-or-turned"],
    ["rotated 4°", () => toJpeg(rotate(photo, 4), 80), "rotated"],
    ["cropped 10 %", () => toJpeg(crop(photo, 0.1, "top-left"), 80), "cropped"],
  ];
  for (const [edit, make, matchedAs] of copies) {
    it(`finds the work in an upload ${edit}, saying so (matchedAs ${matchedAs})`, async function () {
      const res = await check(make());
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.matches).to.have.length(1);
      expect(res.body.matches[0]).to.include({ workId, exact: false, matchedAs });
      expect(res.body.matches[0].distance).to.be.at.most(res.body.threshold);
    });
  }

  it("says an identical file is identical", async function () {
    const res = await check(original);
    expect(res.body.matches[0]).to.include({ workId, exact: true, distance: 0, matchedAs: "identical" });
  });

  it("finds crops of a work registered by its hashes once its file has been checked (old works get their region hashes then)", async function () {
    const sha256 = `0x${createHash("sha256").update(olderFile).digest("hex")}`;
    const registered = await svc.api("POST", "/api/v1/works", { key: holder.key, body: { sha256, perceptualHash: phashToHex(perceptualHash(older)) } });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const cropped = toJpeg(crop(older, 0.1, "top-left"), 80);
    // Known by its pHash alone, the work is found turned but not cropped.
    expect((await check(toJpeg(mirror(older), 80))).body.matches.map((m: any) => m.workId)).to.deep.equal([sha256]);
    expect((await check(cropped)).body.matches).to.deep.equal([]);
    // Its own file passes through a check: the service keeps the work's region hashes.
    expect((await check(olderFile)).body.matches[0]).to.include({ workId: sha256, matchedAs: "identical" });
    const found = await check(cropped);
    expect(found.body.matches.map((m: any) => [m.workId, m.matchedAs])).to.deep.equal([[sha256, "cropped"]]);
  });
});
