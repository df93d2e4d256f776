import { expect } from "chai";
import { PNG } from "pngjs";
import { writeLabels } from "../../../../../server/features/brands/labels/index.ts";
import type { LabelFormat } from "../../../../../server/features/brands/labels/index.ts";
import { Output } from "../../../../../server/features/brands/labels/output.ts";
import { ZipWriter } from "../../../../../server/features/brands/labels/zip/zip-writer.ts";
import { Collector } from "./helpers/collect.ts";
import { decodeModuleRects, decodeRgba } from "./helpers/decode-qr.ts";
import { GatedWritable, settled } from "./helpers/gated-writable.ts";
import { countingSource, labelItem, labelItems } from "./helpers/items.ts";
import { readZip } from "./helpers/read-zip.ts";
import { strokedPathRects } from "./helpers/svg-path.ts";

async function zipOf(format: LabelFormat, items: ReturnType<typeof labelItem>[]): Promise<Buffer> {
  const out = new Collector();
  await writeLabels(format, countingSource(items).source, out);
  return out.bytes;
}

function svgQr(svg: string): string | undefined {
  const rects = strokedPathRects(/<path [^>]*\bd="([^"]*)"/.exec(svg)![1]!);
  return decodeModuleRects(rects, Math.max(...rects.map((r) => r.x + r.width)) + 4);
}

describe("writeLabels svg and png (zip)", () => {
  const items = [
    labelItem("S1"),
    labelItem("A/B"),
    labelItem("a%b"),
    labelItem("x.y"),
    labelItem("ab"),
    labelItem("AB"),
    labelItem("CON"),
    labelItem(`"<*?:>'`),
  ];

  it("writes one SVG per label, named by serial, safe for any file system and unique", async () => {
    const { entryCount, entries } = await readZip(await zipOf("svg", items));
    expect(entryCount).to.equal(items.length);
    expect(entries.map((entry) => entry.name)).to.deep.equal([
      "S1.svg",
      "A%2FB.svg",
      "a%25b.svg",
      "x%2Ey.svg",
      "ab.svg",
      // Would overwrite ab.svg on a case-insensitive file system.
      "AB~2.svg",
      // A Windows device name.
      "%43ON.svg",
      "%22%3C%2A%3F%3A%3E%27.svg",
    ]);
    entries.forEach((entry, i) => {
      expect(entry.compressionMethod, entry.name).to.equal(8);
      expect(svgQr(entry.data.toString("utf8")), entry.name).to.equal(items[i]!.uri);
    });
  });

  it("writes one PNG per label, stored as is (PNG is compressed already)", async () => {
    const { entries } = await readZip(await zipOf("png", items.slice(0, 3)));
    expect(entries.map((entry) => entry.name)).to.deep.equal(["S1.png", "A%2FB.png", "a%25b.png"]);
    entries.forEach((entry, i) => {
      expect(entry.compressionMethod).to.equal(0);
      const { data, width, height } = PNG.sync.read(entry.data);
      expect(decodeRgba(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)).to.equal(items[i]!.uri);
    });
  });

  it("still zips a single label", async () => {
    const { entries } = await readZip(await zipOf("svg", [labelItem("ONLY")]));
    expect(entries.map((entry) => entry.name)).to.deep.equal(["ONLY.svg"]);
  });

  it("writes an empty zip for no items", async () => {
    expect((await readZip(await zipOf("png", []))).entryCount).to.equal(0);
  });

  context("when the client stops reading", () => {
    it("stops pulling items until it reads again", async function () {
      this.timeout(30_000);
      const { source, pulled } = countingSource(labelItems(800));
      const out = new GatedWritable();
      const done = writeLabels("svg", source, out);
      expect(await settled(pulled)).to.be.greaterThan(0).and.lessThan(400);
      out.open();
      await done;
      expect(pulled()).to.equal(800);
      expect(out.bytes).to.be.greaterThan(800 * 1_000);
    });
  });
});

describe("ZipWriter", () => {
  it("adds ZIP64 records from 65,535 entries on, which readers accept", async function () {
    this.timeout(30_000);
    const out = new Collector();
    const output = new Output(out);
    const zip = new ZipWriter(output, new Date(2026, 0, 2, 3, 4, 6));
    const empty = new Uint8Array(0);
    for (let i = 0; i < 65_536; i++) await zip.add({ name: `${i}.txt`, data: empty, deflated: false, crc32: 0, size: 0 });
    await zip.finish();
    await output.end();
    expect(out.bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).to.equal(true);
    const { entryCount, entries } = await readZip(out.bytes, { withData: false });
    expect(entryCount).to.equal(65_536);
    expect(entries.at(-1)!.name).to.equal("65535.txt");
  });
});
