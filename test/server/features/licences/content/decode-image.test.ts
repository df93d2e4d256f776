import { expect } from "chai";
import { encode as encodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import { hammingDistance, PHASH_MATCH_THRESHOLD } from "../../../../../core/content/hamming.ts";
import { perceptualHash } from "../../../../../core/content/phash.ts";
import { decodeImage, imageFormatOf, MAX_IMAGE_PIXELS } from "../../../../../server/features/licences/content/decode-image.ts";
import { composite, shapes, toJpeg, toPng } from "../../../../fixtures/images/generate.ts";

function decodeError(bytes: Uint8Array): { code: string; status: number; message: string } {
  try {
    decodeImage(bytes);
  } catch (error) {
    return error as { code: string; status: number; message: string };
  }
  throw new Error("decoded");
}

describe("server/features/licences/content/decode-image", function () {
  const image = composite(11);

  it("decodes a PNG to exactly its pixels", function () {
    const decoded = decodeImage(toPng(image));
    expect([decoded.width, decoded.height]).to.deep.equal([image.width, image.height]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).to.equal(true);
  });

  it("decodes grayscale, 16-bit and transparent PNGs to RGBA", function () {
    const opaqueGray = Buffer.from(Array.from({ length: 8 }, () => [100, 100, 100, 255]).flat());
    const gray = PNG.sync.write(Object.assign(new PNG({ width: 4, height: 2 }), { data: opaqueGray }), { colorType: 0 });
    const decodedGray = decodeImage(gray);
    expect(decodedGray.data.length).to.equal(4 * 2 * 4);
    expect(Array.from(decodedGray.data.subarray(0, 4))).to.deep.equal([100, 100, 100, 255]);

    const deep = PNG.sync.write(Object.assign(new PNG({ width: 3, height: 3 }), { data: Buffer.alloc(36, 200) }), { bitDepth: 16, colorType: 6 });
    expect(decodeImage(deep).data.length).to.equal(36);

    const clear = PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), { data: Buffer.from([9, 9, 9, 0, 9, 9, 9, 0, 9, 9, 9, 255, 9, 9, 9, 255]) }));
    expect(Array.from(decodeImage(clear).data.filter((_, i) => i % 4 === 3))).to.deep.equal([0, 0, 255, 255]);
  });

  it("decodes a JPEG close to the original, and to the same perceptual hash as its PNG", function () {
    const fromJpeg = decodeImage(toJpeg(image, 90));
    expect([fromJpeg.width, fromJpeg.height]).to.deep.equal([image.width, image.height]);
    let error = 0;
    for (let i = 0; i < image.data.length; i++) error += Math.abs(fromJpeg.data[i]! - image.data[i]!);
    expect(error / image.data.length, "mean absolute error per channel").to.be.below(6);
    const distance = hammingDistance(perceptualHash(decodeImage(toPng(image))), perceptualHash(fromJpeg));
    expect(distance).to.be.at.most(PHASH_MATCH_THRESHOLD);
  });

  it("tells the format by the file's signature", function () {
    expect(imageFormatOf(toPng(image))).to.equal("png");
    expect(imageFormatOf(toJpeg(image, 50))).to.equal("jpeg");
  });

  it("names formats it does not hash: UNSUPPORTED_IMAGE, 415", function () {
    const cases: [string, Uint8Array, RegExp][] = [
      ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), /GIF/],
      ["WebP", Buffer.from("RIFF\x24\x00\x00\x00WEBPVP8 ", "latin1"), /WebP/],
      ["BMP", Buffer.from("BM\x3a\x00\x00\x00", "latin1"), /BMP/],
      ["TIFF", Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), /TIFF/],
      ["HEIC", Buffer.from("\x00\x00\x00\x18ftypheic", "latin1"), /HEIF/],
      ["PDF", Buffer.from("%PDF-1.7\n", "latin1"), /PDF/],
      ["text", Buffer.from("hello, this is not an image"), /not a PNG or JPEG/],
      ["empty", new Uint8Array(0), /empty/],
    ];
    for (const [name, bytes, message] of cases) {
      const error = decodeError(bytes);
      expect(error.code, name).to.equal("UNSUPPORTED_IMAGE");
      expect(error.status, name).to.equal(415);
      expect(error.message, name).to.match(message);
    }
  });

  it("names a damaged PNG or JPEG: CORRUPT_IMAGE, 400, with what was wrong", function () {
    const png = toPng(image);
    const jpeg = toJpeg(image, 80);
    const flipped = Buffer.from(png);
    const middle = png.length >> 1;
    flipped.writeUInt8(flipped[middle]! ^ 0xff, middle);
    const cases: [string, Uint8Array][] = [
      ["PNG cut in half", png.subarray(0, png.length >> 1)],
      ["PNG signature only", png.subarray(0, 8)],
      ["PNG with a damaged byte (CRC or zlib)", flipped],
      ["JPEG header only", jpeg.subarray(0, 20)],
      ["JPEG signature and garbage", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200, 0x37)])],
    ];
    for (const [name, bytes] of cases) {
      const error = decodeError(bytes);
      expect(error.code, name).to.equal("CORRUPT_IMAGE");
      expect(error.status, name).to.equal(400);
      expect(error.message, name).to.match(/(PNG|JPEG) file is damaged or truncated \(.+\)/);
    }
  });

  it("refuses an image larger than the pixel limit before decoding it: IMAGE_TOO_LARGE, 413", function () {
    // A real 1×1 PNG whose header is rewritten to claim 10,000 × 10,000: a decompression bomb's shape.
    const bomb = Buffer.from(toPng(shapes(1, 1, 1)));
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(10_000, 20);
    expect(10_000 * 10_000).to.be.above(MAX_IMAGE_PIXELS);
    const error = decodeError(bomb);
    expect([error.code, error.status]).to.deep.equal(["IMAGE_TOO_LARGE", 413]);

    const jpeg = Buffer.from(encodeJpeg({ width: 8, height: 8, data: Buffer.alloc(256, 128) }, 80).data);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(10_000, sof + 5);
    jpeg.writeUInt16BE(10_000, sof + 7);
    const jpegError = decodeError(jpeg);
    expect([jpegError.code, jpegError.status]).to.deep.equal(["IMAGE_TOO_LARGE", 413]);
  });
});
