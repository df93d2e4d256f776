/**
 * One measured label case, run in its own process by `labels.ts` so its peak RSS is its own:
 *
 *   node scripts/bench/labels-case.ts <case> <labels>
 *
 * Cases: qrcode-svg (the baseline: `qrcode` toString SVG one at a time), svg-render (renderLabelSvg
 * one at a time), and svg, png, pdf: a whole `writeLabels` download into a sink that drops the bytes,
 * on the render pool with one worker per core. Prints one JSON line on stdout.
 */
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import QRCode from "qrcode";
import { buildDigitalLink } from "../../core/gs1/index.ts";
import { RenderPool, renderLabelSvg, writeLabels } from "../../server/features/brands/labels/index.ts";
import type { LabelFormat, LabelItem } from "../../server/features/brands/labels/index.ts";
import { peakRssMiB } from "./child-case.ts";

export type LabelCaseResult = {
  labelsPerSecond: number;
  seconds: number;
  cpuMicrosecondsPerLabel: number;
  peakRssMiB: number;
  bytes: number;
};

// Real signatures are 64 random bytes; a pool of them keeps item generation cheap.
const SIGNATURES = Array.from({ length: 256 }, () => randomBytes(64).toString("base64url"));

/** Items as the service makes them: a batch of one GTIN and lot, serials of 16 characters. */
function* batchItems(count: number): Generator<LabelItem> {
  for (let i = 0; i < count; i++) {
    const code = { gtin: "09506000134352", lot: "L2611", serial: `7QK3M9XR${i.toString(36).toUpperCase().padStart(8, "0")}`, expiry: 270228 };
    yield { ...code, uri: buildDigitalLink({ base: "https://id.example.com", code, signature: SIGNATURES[i % SIGNATURES.length] }) };
  }
}

async function* lazily(items: Iterable<LabelItem>): AsyncGenerator<LabelItem> {
  yield* items;
}

function measure(count: number, run: () => Promise<number> | number): Promise<LabelCaseResult> {
  return (async () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const bytes = await run();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      labelsPerSecond: count / seconds,
      seconds,
      cpuMicrosecondsPerLabel: (used.user + used.system) / count,
      peakRssMiB: peakRssMiB(),
      bytes,
    };
  })();
}

async function download(format: LabelFormat, items: AsyncIterable<LabelItem>, pool: RenderPool): Promise<number> {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  await writeLabels(format, items, sink, { pool });
  return bytes;
}

const [name, countArg] = process.argv.slice(2);
const count = Number(countArg);
let result: LabelCaseResult;
switch (name) {
  case "qrcode-svg": {
    const items = [...batchItems(count)];
    result = await measure(count, async () => {
      let bytes = 0;
      for (const item of items) bytes += (await QRCode.toString(item.uri, { type: "svg", errorCorrectionLevel: "M" })).length;
      return bytes;
    });
    break;
  }
  case "svg-render": {
    const items = [...batchItems(count)];
    for (const item of items.slice(0, 500)) renderLabelSvg(item);
    result = await measure(count, () => items.reduce((bytes, item) => bytes + renderLabelSvg(item).length, 0));
    break;
  }
  case "svg":
  case "png": {
    // Throughput of a running service: workers started and warm, items already at hand.
    const pool = new RenderPool(2);
    await download(name, lazily(batchItems(pool.threads * 256)), pool);
    const items = [...batchItems(count)];
    result = await measure(count, () => download(name, lazily(items), pool));
    await pool.close();
    break;
  }
  case "pdf":
  case "svg-cold": {
    // A whole download from a cold start: workers started on the way, items made as they are pulled.
    const pool = new RenderPool(2);
    result = await measure(count, () => download(name === "pdf" ? "pdf" : "svg", lazily(batchItems(count)), pool));
    await pool.close();
    break;
  }
  default:
    throw new Error(`unknown case ${name}`);
}
console.log(JSON.stringify(result));
