import { expect } from "chai";
import { dihedralHashes } from "../../../core/content/dihedral.ts";
import { workingCopy } from "../../../core/content/geometry.ts";
import { lowFrequencyDct, perceptualHash, reduceToGray32 } from "../../../core/content/phash.ts";
import { fingerprintOf, probesOfHash, ROTATIONS, trimBorder } from "../../../core/content/robust-hash.ts";
import { border, mirror, turn90 } from "../../fixtures/images/edits.ts";
import { composite, noise } from "../../fixtures/images/generate.ts";
import { loadPhotos, PHOTO_FILES, type Photo } from "../../fixtures/photos/photos.ts";

describe("core/content/robust-hash", function () {
  this.timeout(120_000);
  let photos: Photo[] = [];
  // In a hook, not at load: a machine without the photo packages fails these tests by name, not the whole run.
  before(function () {
    photos = loadPhotos(PHOTO_FILES.slice(0, 12));
  });

  describe("dihedral variants", function () {
    it("are the pHashes of the mirrored and turned image, read off the original's DCT", function () {
      for (const { name, image } of photos) {
        const variants = dihedralHashes(lowFrequencyDct(reduceToGray32(image)));
        expect(variants[0], name).to.equal(perceptualHash(image));
        for (const edited of [mirror(image), turn90(image), turn90(turn90(image)), mirror(turn90(image))]) {
          expect(variants, name).to.include(perceptualHash(edited));
        }
      }
    });
  });

  describe("trimBorder", function () {
    it("cuts a plain frame away, white or black, and leaves a picture without one as it is", function () {
      for (const seed of [3, 5, 8]) {
        const image = noise(seed, 320, 240);
        const gray = workingCopy(image);
        for (const colour of [
          [255, 255, 255],
          [0, 0, 0],
        ] as [number, number, number][]) {
          const framed = border(image, 0.05, colour);
          const framedGray = workingCopy(framed);
          const trimmed = trimBorder(framedGray);
          // The picture's own share of the framed working copy, which is scaled to the framed size.
          expect(Math.abs(trimmed.width - (framedGray.width * image.width) / framed.width), `noise ${seed}`).to.be.at.most(1.5);
          expect(Math.abs(trimmed.height - (framedGray.height * image.height) / framed.height), `noise ${seed}`).to.be.at.most(1.5);
        }
        expect(trimBorder(gray)).to.equal(gray);
      }
    });
  });

  describe("fingerprintOf", function () {
    it("is the same for the same pixels, run after run (a registered work's region hashes never drift)", function () {
      const image = composite(7, 320, 240);
      const first = fingerprintOf(image);
      expect(fingerprintOf({ ...image, data: Uint8Array.from(image.data) })).to.deep.equal(first);
      expect(first.perceptualHash).to.equal(perceptualHash(image));
      // Pinned: a change to any step (working copy, crop boxes, rotation, DCT) shows here, not as works that stop matching.
      expect(first.regions.parts.map((h) => h.toString(16))).to.deep.equal(PINNED_PARTS);
      expect(first.regions.centre.toString(16)).to.equal(PINNED_CENTRE);
    });

    it("probes the upload as it is first, then its 7 other orientations, as a crop, and turned back", function () {
      const { probes, perceptualHash: own } = fingerprintOf(photos[0]!.image);
      expect(probes[0]).to.deep.equal({ kind: "whole", hash: own, why: "as-uploaded" });
      expect(probes.filter((p) => p.why === "mirrored-or-turned")).to.have.length(7);
      expect(probes.filter((p) => p.kind === "part")).to.deep.equal([{ kind: "part", hash: own, why: "cropped" }]);
      expect(probes.filter((p) => p.why === "rotated")).to.have.length(1 + ROTATIONS.length);
      expect(probesOfHash(own).map((p) => p.kind)).to.deep.equal(["whole", "part"]);
    });
  });
});

const PINNED_PARTS = ["283744b8675da8c7", "836d9b94639e4c7", "2c13ceac538cf351", "8374499e05739fe", "2c13738cb253acd3"];
const PINNED_CENTRE = "83647b87708bee3";
