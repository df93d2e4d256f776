import { expect } from "chai";
import { PHASH_MATCH_THRESHOLD } from "../../../../../core/content/hamming.ts";
import { fingerprintOf, probesOfHash, regionHashes } from "../../../../../core/content/robust-hash.ts";
import { PHASH_TAIL_SIZE } from "../../../../../server/features/licences/content/phash-index.ts";
import { RobustIndex } from "../../../../../server/features/licences/content/robust-index.ts";
import { seededRandom } from "../../../../fixtures/images/generate.ts";
import { crop, mirror } from "../../../../fixtures/images/edits.ts";
import { COPY_EDITS } from "../../../../fixtures/photos/copies.ts";
import { loadPhotos, type Photo } from "../../../../fixtures/photos/photos.ts";

describe("RobustIndex: matching that survives edits, on real photographs among 2,048 random works", function () {
  this.timeout(600_000);
  let photos: Photo[] = [];
  let index: RobustIndex<string>;

  before(function () {
    photos = loadPhotos();
    index = new RobustIndex<string>();
    // Random works before and after the photos, enough that every kind's photo hashes are merged into the
    // index's sorted tables rather than left in its unsorted tail: the path a service with many works takes.
    const rnd = seededRandom(13);
    const randomHash = () => (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
    const strangers = (from: number) => {
      for (let i = from; i < from + PHASH_TAIL_SIZE; i++) {
        index.addWhole(randomHash(), `stranger ${i}`);
        index.addRegions({ parts: Array.from({ length: 5 }, randomHash), centre: randomHash() }, `stranger ${i}`);
      }
    };
    strangers(0);
    for (const { name, image } of photos) {
      const { perceptualHash, regions } = fingerprintOf(image);
      index.addWhole(perceptualHash, name);
      index.addRegions(regions, name);
    }
    strangers(PHASH_TAIL_SIZE);
  });

  it(`holds at least 40 photographs (from the Debian packages .ci/run installs)`, function () {
    expect(photos.length).to.be.at.least(40);
  });

  for (const { name: edit, apply } of COPY_EDITS) {
    it(`finds at least 95 % of the photos ${edit}, and never another photo`, function () {
      const missed: string[] = [];
      for (const { name, image } of photos) {
        const found = index.search(fingerprintOf(apply(image)).probes);
        expect(
          found.filter((m) => m.value !== name).map((m) => `${m.value} at ${m.distance} (${m.why})`),
          `${name} ${edit} matched another photo`,
        ).to.deep.equal([]);
        if (found.length === 0) missed.push(name);
      }
      expect(photos.length - missed.length, `missed: ${missed.join(", ")}`).to.be.at.least(Math.ceil(0.95 * photos.length));
    });
  }

  it("finds every photo as it is, at distance 0, through its pHash", function () {
    for (const { name, image } of photos) {
      expect(index.search(fingerprintOf(image).probes)[0], name).to.deep.include({ value: name, distance: 0, why: "as-uploaded" });
    }
  });

  it("tells what a match undid: a mirror image, a crop", function () {
    const { name, image } = photos[0]!;
    expect(index.search(fingerprintOf(mirror(image)).probes)[0]).to.deep.include({ value: name, distance: 0, why: "mirrored-or-turned" });
    expect(index.search(fingerprintOf(crop(image, 0.1, "top-left")).probes)[0]).to.deep.include({ value: name, why: "cropped" });
  });

  it("finds a crop from its pHash alone (a platform that sends hashes) when the work keeps its regions, and not without them", function () {
    const { name, image } = photos[1]!;
    const cropped = fingerprintOf(crop(image, 0.1, "top-left")).perceptualHash;
    expect(index.search(probesOfHash(cropped)).map((m) => m.value)).to.deep.equal([name]);
    const withoutRegions = new RobustIndex<string>();
    withoutRegions.addWhole(fingerprintOf(image).perceptualHash, name);
    expect(withoutRegions.search(probesOfHash(cropped))).to.deep.equal([]);
  });

  it("answers each work once, at its nearest probe, within the threshold only", function () {
    const { name, image } = photos[2]!;
    const found = index.search(fingerprintOf(image).probes, PHASH_MATCH_THRESHOLD);
    expect(found.filter((m) => m.value === name)).to.have.length(1);
    const lone = new RobustIndex<string>();
    lone.addRegions(regionHashes(image), name);
    expect(lone.size).to.equal(6);
    expect(lone.search([{ kind: "whole", hash: fingerprintOf(image).perceptualHash, why: "as-uploaded" }])).to.deep.equal([]);
  });
});
