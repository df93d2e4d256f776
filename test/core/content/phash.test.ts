import { expect } from "chai";
import { hammingDistance, PHASH_MATCH_THRESHOLD } from "../../../core/content/hamming.ts";
import type { RgbaImage } from "../../../core/content/image.ts";
import { lowFrequencyDct, perceptualHash, perceptualHashOf, phashFromHex, phashToHex, reduceToGray32 } from "../../../core/content/phash.ts";
import { composite, noise, recompress, resize, testImages } from "../../fixtures/images/generate.ts";

function solid(width: number, height: number, [r, g, b, a]: number[]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < data.length; p += 4) data.set([r!, g!, b!, a!], p);
  return { width, height, data };
}

describe("core/content/phash", function () {
  const images = testImages().map((t) => ({ ...t, phash: perceptualHash(t.image) }));

  describe("finds copies and not unrelated images", function () {
    const edits: [string, (image: RgbaImage) => RgbaImage][] = [
      ["resized to 50 %", (image) => resize(image, 0.5)],
      ["resized to 150 %", (image) => resize(image, 1.5)],
      ["recompressed as JPEG quality 60", (image) => recompress(image, 60)],
      ["resized to 50 % and recompressed at quality 60", (image) => recompress(resize(image, 0.5), 60)],
    ];
    for (const [edit, apply] of edits) {
      it(`matches every test image ${edit}`, function () {
        for (const { name, image, phash } of images) {
          const distance = hammingDistance(phash, perceptualHash(apply(image)));
          expect(distance, `${name} ${edit}`).to.be.at.most(PHASH_MATCH_THRESHOLD);
        }
      });
    }

    it("keeps every pair of unrelated test images above the threshold", function () {
      for (const a of images) {
        for (const b of images) {
          if (a === b) continue;
          expect(hammingDistance(a.phash, b.phash), `${a.name} vs ${b.name}`).to.be.above(PHASH_MATCH_THRESHOLD);
        }
      }
    });

    it("gives the same image the same hash every time, and different kinds different hashes", function () {
      expect(perceptualHash(composite(11))).to.equal(images.find((i) => i.name === "composite-11")!.phash);
      expect(new Set(images.map((i) => i.phash)).size).to.equal(images.length);
    });
  });

  describe("the hash", function () {
    it("is a uint64 with 31 of the 63 AC bits set and the DC bit (63) clear", function () {
      for (const { phash } of images) {
        expect(phash >> 63n).to.equal(0n);
        expect(phash.toString(2).split("").filter((bit) => bit === "1")).to.have.length(31);
      }
    });

    it("ignores a uniform brightness change (the DC term is not hashed)", function () {
      const image = noise(5);
      const brighter = { ...image, data: image.data.map((v, i) => (i % 4 === 3 ? v : Math.min(255, v + 12))) };
      expect(Array.from(image.data).reduce((top, v, i) => (i % 4 === 3 ? top : Math.max(top, v)), 0), "no channel clips").to.be.at.most(243);
      expect(perceptualHash(brighter)).to.equal(perceptualHash(image));
    });

    it("is 0 for a featureless image of any colour, instead of bits drawn from rounding noise", function () {
      expect(perceptualHash(solid(640, 480, [12, 200, 90, 255]))).to.equal(0n);
      expect(perceptualHash(solid(7, 3, [255, 255, 255, 255]))).to.equal(0n);
      expect(perceptualHash(solid(1, 1, [0, 0, 0, 255]))).to.equal(0n);
    });

    it("hashes transparent pixels as white, like the picture flattened by an editor", function () {
      const image = composite(3);
      const cut = { ...image, data: image.data.slice() };
      const flat = { ...image, data: image.data.slice() };
      for (let p = 0; p < cut.data.length; p += 4) {
        if ((p / 4) % image.width < image.width / 3) {
          cut.data[p + 3] = 0;
          flat.data.set([255, 255, 255, 255], p);
        }
      }
      expect(perceptualHash(cut)).to.equal(perceptualHash(flat));
      expect(perceptualHash(cut)).to.not.equal(perceptualHash(image));
    });

    it("hashes images smaller than 32×32 too", function () {
      const tiny = resize(composite(11), 0.05);
      expect(tiny.width).to.be.below(32);
      expect(() => perceptualHash(tiny)).to.not.throw();
    });

    it("refuses pixels that do not fit the stated size", function () {
      expect(() => perceptualHash({ width: 2, height: 2, data: new Uint8Array(15) })).to.throw().with.property("code", "BAD_IMAGE");
      expect(() => perceptualHash({ width: 0, height: 2, data: new Uint8Array(0) })).to.throw().with.property("code", "BAD_IMAGE");
      expect(() => perceptualHash({ width: 1.5, height: 2, data: new Uint8Array(12) })).to.throw().with.property("code", "BAD_IMAGE");
    });
  });

  describe("reduction to 32×32 by area averaging", function () {
    it("averages each 2×2 block of a 64×64 image exactly", function () {
      const image = solid(64, 64, [0, 0, 0, 255]);
      for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) image.data.fill((x * 3 + y * 5) % 256, (y * 64 + x) * 4, (y * 64 + x) * 4 + 3);
      const gray = reduceToGray32(image);
      for (let j = 0; j < 32; j++) {
        for (let i = 0; i < 32; i++) {
          const at = (x: number, y: number) => (x * 3 + y * 5) % 256;
          const mean = (at(2 * i, 2 * j) + at(2 * i + 1, 2 * j) + at(2 * i, 2 * j + 1) + at(2 * i + 1, 2 * j + 1)) / 4;
          // Not chai's closeTo: Hardhat's chai matchers take over closeTo and accept only whole-number deltas.
          expect(Math.abs(gray[j * 32 + i]! - mean)).to.be.below(1e-9);
        }
      }
    });

    it("keeps the image's mean brightness for sizes that do not divide by 32", function () {
      for (const [w, h] of [[45, 77], [1000, 3], [33, 31]] as const) {
        // A 256×256 texture's pixels read as a w×h image: any pixels will do, they need not line up.
        const sized = { width: w, height: h, data: noise(9).data.slice(0, w * h * 4) };
        let sum = 0;
        for (let p = 0; p < sized.data.length; p += 4) sum += 0.299 * sized.data[p]! + 0.587 * sized.data[p + 1]! + 0.114 * sized.data[p + 2]!;
        const gray = reduceToGray32(sized);
        expect(Math.abs(gray.reduce((a, b) => a + b, 0) / 1024 - sum / (w * h)), `${w}×${h}`).to.be.below(1e-6);
      }
    });
  });

  it("puts a cosine pattern's energy in its own DCT coefficient", function () {
    const block = new Float64Array(1024);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) block[y * 32 + x] = Math.cos((Math.PI * (2 * x + 1) * 3) / 64) * Math.cos((Math.PI * (2 * y + 1) * 2) / 64);
    const dct = lowFrequencyDct(block);
    for (let v = 0; v < 8; v++) for (let u = 0; u < 8; u++) expect(Math.abs(dct[v * 8 + u]!) > 1, `(${v}, ${u})`).to.equal(v === 2 && u === 3);
  });

  describe("hex form", function () {
    it("is 16 lower-case digits and reads back", function () {
      for (const { phash } of images) {
        const hex = phashToHex(phash);
        expect(hex).to.match(/^[0-9a-f]{16}$/);
        expect(phashFromHex(hex)).to.equal(phash);
        expect(phashFromHex(`0x${hex.toUpperCase()}`)).to.equal(phash);
      }
      expect(phashToHex(1n)).to.equal("0000000000000001");
      expect(perceptualHashOf(composite(11)).hex).to.equal(phashToHex(perceptualHash(composite(11))));
    });

    it("refuses anything but 16 hex digits and values outside uint64", function () {
      for (const bad of ["", "123", "0x123", "000000000000000g", "00000000000000000", " 0000000000000000"]) {
        expect(() => phashFromHex(bad), bad).to.throw().with.property("code", "BAD_PHASH");
      }
      expect(() => phashToHex(-1n)).to.throw().with.property("code", "BAD_PHASH");
      expect(() => phashToHex(1n << 64n)).to.throw().with.property("code", "BAD_PHASH");
    });
  });
});
