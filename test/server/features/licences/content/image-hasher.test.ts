import { expect } from "chai";
import { hammingDistance } from "../../../../../core/content/hamming.ts";
import { perceptualHash } from "../../../../../core/content/phash.ts";
import { decodeImage, pixelCapFor } from "../../../../../server/features/licences/content/decode-image.ts";
import { ImageHasher } from "../../../../../server/features/licences/content/image-hasher.ts";
import { blankPng } from "../../../../fixtures/images/blank-png.ts";
import { composite, toJpeg, toPng } from "../../../../fixtures/images/generate.ts";

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error("hashed");
}

describe("server/features/licences/content/image-hasher", function () {
  this.timeout(60_000);
  // 12.25 MP, under the default cap of 12.8 MP, and 0.28 s (quiet machine) to a second of decoding: a slow but honest image.
  const slow = blankPng(3500, 3500);
  const hashers: ImageHasher[] = [];
  const hasher = (options: Partial<ConstructorParameters<typeof ImageHasher>[0]> = {}) => {
    const made = new ImageHasher({ memoryMb: 512, timeoutMs: 30_000, threads: 1, maxQueue: 4, ...options });
    hashers.push(made);
    return made;
  };

  after(async function () {
    await Promise.all(hashers.map((h) => h.close()));
  });

  it("hashes PNG and JPEG uploads on a worker to the same hash as decoding in place", async function () {
    const images = hasher();
    const image = composite(3, 200, 150);
    for (const bytes of [toPng(image), toJpeg(image, 85)]) {
      expect(await images.hash(bytes)).to.equal(perceptualHash(decodeImage(bytes)));
    }
    expect(hammingDistance(await images.hash(toPng(image)), await images.hash(toJpeg(image, 85)))).to.be.at.most(4);
  });

  it("derives the pixel cap from the memory budget: 42 bytes a pixel", function () {
    expect(hasher({ memoryMb: 512 }).maxPixels).to.equal(12_782_640);
    expect(hasher({ memoryMb: 128 }).maxPixels).to.equal(pixelCapFor(128)).and.equal(3_195_660);
  });

  it("refuses a 190 kB PNG declaring 7000 × 7000 from its header: 413 IMAGE_TOO_LARGE, without decoding", async function () {
    const bomb = blankPng(7000, 7000);
    expect(bomb.length).to.be.below(200_000);
    const started = performance.now();
    const error = await refusal(hasher().hash(bomb));
    // Decoding it would take seconds; the first refusal also loads the number formatting of its message.
    expect(performance.now() - started, "ms to refuse").to.be.below(500);
    expect([error.status, error.code, error.message]).to.deep.equal([413, "IMAGE_TOO_LARGE", "The image is 7000 × 7000 pixels, more than the 12,782,640 this service decodes"]);
  });

  it("names the image's own damage as the decoder does: 400 CORRUPT_IMAGE", async function () {
    const png = toPng(composite(5, 64, 64));
    const error = await refusal(hasher().hash(png.subarray(0, png.length >> 1)));
    expect([error.status, error.code]).to.deep.equal([400, "CORRUPT_IMAGE"]);
    expect(error.message).to.match(/^The PNG file is damaged or truncated \(.+\)$/);
  });

  it("stops a decode that runs past its time, counting from when a worker took it: 422 IMAGE_DECODE_TIMEOUT", async function () {
    // Well under the slow image's decoding (0.28 s on a quiet machine, 0.7 s and more on a busy one), far over a
    // small one's (a few ms).
    const images = hasher({ timeoutMs: 100 });
    // Two at once on one thread: the second waits for the first and for a fresh worker, and that wait is
    // not held against it; each is stopped for its own decoding.
    const [first, second] = await Promise.all([refusal(images.hash(slow)), refusal(images.hash(slow))]);
    for (const error of [first, second]) {
      expect([error.status, error.code, error.message]).to.deep.equal([422, "IMAGE_DECODE_TIMEOUT", "The image took longer than 0.1 s to decode; upload a smaller or simpler image"]);
    }
    // The pool recovers: the next image is hashed by a new worker.
    const small = toPng(composite(2, 40, 40));
    expect(await images.hash(small)).to.equal(perceptualHash(decodeImage(small)));
  });

  it("answers 503 IMAGE_DECODER_BUSY when the queue is full, without decoding", async function () {
    const images = hasher({ timeoutMs: 100, maxQueue: 1 });
    const errors = await Promise.all([0, 1, 2, 3].map(() => refusal(images.hash(slow))));
    // One decoding, one waiting; the other two are turned away at once.
    expect(errors.map((e) => [e.status, e.code])).to.deep.equal([
      [422, "IMAGE_DECODE_TIMEOUT"],
      [422, "IMAGE_DECODE_TIMEOUT"],
      [503, "IMAGE_DECODER_BUSY"],
      [503, "IMAGE_DECODER_BUSY"],
    ]);
    expect(errors[2]!.message).to.equal("The service is decoding other images; retry in a few seconds");
  });

  it("gives the memory of a large decode back once its worker has been idle", async function () {
    const images = hasher();
    global.gc?.();
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
    expect(await images.hash(slow)).to.equal(perceptualHash({ width: 1, height: 1, data: new Uint8Array([0, 0, 0, 255]) }));
    clearInterval(sampler);
    // The worker exits after 2 s idle and takes its heap and buffers with it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    global.gc?.();
    const after = rssMb();
    console.log(`      RSS ${before.toFixed(0)} MB → peak ${peak.toFixed(0)} MB → ${after.toFixed(0)} MB after idle`);
    // The peak is reported, not asserted: how much of it the process had to take from the system depends
    // on what earlier tests freed.
    expect(after - before, "MB kept after idle").to.be.below(40);
  });
});
