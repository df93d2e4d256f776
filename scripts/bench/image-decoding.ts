/**
 * Uploaded images off the request thread: how long a 190 kB PNG declaring 7000 × 7000 takes to be refused
 * from its header, against decoding it in place as the service did before (the baseline: the time every
 * request waited); and what a 12.25 MP image under the cap costs on the worker pool, in time and in resident
 * memory, and how much of that memory is still held once the idle worker has exited.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { perceptualHash } from "../../core/content/phash.ts";
import { decodeImage } from "../../server/features/licences/content/decode-image.ts";
import { ImageHasher } from "../../server/features/licences/content/image-hasher.ts";
import { blankPng } from "../../test/fixtures/images/blank-png.ts";
import type { BenchResult } from "./results.ts";

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** The collector, so that memory figures start from what is live and not from garbage not yet collected. */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

async function refusalMs(images: ImageHasher, bomb: Uint8Array): Promise<number> {
  const started = performance.now();
  try {
    await images.hash(bomb);
  } catch (error) {
    if ((error as { code?: string }).code === "IMAGE_TOO_LARGE") return performance.now() - started;
    throw error;
  }
  throw new Error("the 7000 × 7000 PNG was decoded");
}

export async function benchImageDecoding(): Promise<BenchResult[]> {
  const bomb = blankPng(7000, 7000);
  const large = blankPng(3500, 3500);
  const images = new ImageHasher({ memoryMb: 512, timeoutMs: 60_000, threads: 1, maxQueue: 4 });
  try {
    // The first refusal also loads the number formatting its message uses: the median of 21 is the figure.
    const refusals: number[] = [];
    for (let i = 0; i < 21; i++) refusals.push(await refusalMs(images, bomb));
    const refusedMs = refusals.sort((a, b) => a - b)[10]!;

    const gc = collector();
    gc();
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
    let started = performance.now();
    await images.hash(large);
    const largeMs = performance.now() - started;
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    gc();
    const kept = rssMb() - before;

    // The old way, last: it holds this thread and leaves its memory to the collector.
    started = performance.now();
    perceptualHash(decodeImage(bomb, 50_000_000));
    const inPlaceMs = performance.now() - started;

    return [
      {
        name: `refusing a ${Math.round(bomb.length / 1000)} kB PNG declaring 7000 × 7000 (median of 21)`,
        value: Number(refusedMs.toFixed(3)),
        unit: "ms",
        baseline: { name: "decoding and hashing it on the request thread (the 50 MP cap before)", value: Math.round(inPlaceMs), unit: "ms" },
      },
      { name: "hashing a 3500 × 3500 PNG on the worker pool (worker start included)", value: Math.round(largeMs), unit: "ms" },
      { name: "resident memory added while hashing it", value: Math.round(peak - before), unit: "MB" },
      { name: "resident memory still held 3 s later (idle worker exited)", value: Math.round(kept), unit: "MB" },
    ];
  } finally {
    await images.close();
  }
}
