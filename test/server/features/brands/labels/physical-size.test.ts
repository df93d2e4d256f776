/**
 * Labels at their physical size: the SVG says it in millimetres, so a renderer at 96 dpi draws it as large
 * as the print and a decoder still reads it; the PNG declares the resolution (pHYs) at which its code is as
 * large as on the other labels. Every label names the brand and says "Scan to verify", the PDF sheet too.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import type { Browser } from "playwright-core";
import { PNG } from "pngjs";
import { LABEL } from "../../../../../server/features/brands/labels/layout.ts";
import { renderLabelPng, renderLabelSvg, writeLabels } from "../../../../../server/features/brands/labels/index.ts";
import { launchChromium } from "../../../../helpers/chromium.ts";
import { gtinIn } from "../../../../helpers/prefixes.ts";
import { startTestService, type TestService } from "../../../../helpers/service.ts";
import { unzip } from "../../../../helpers/zip.ts";
import { Collector } from "./helpers/collect.ts";
import { decodeRgba } from "./helpers/decode-qr.ts";
import { decodeWithZxing } from "./helpers/decode-zxing.ts";
import { labelItem, labelItems } from "./helpers/items.ts";

const run = promisify(execFile);
const BRAND = "Acme Physical Ltd";

/** The PNG's chunks by type, as a PNG reader walks them (length, type, data, CRC). */
function pngChunks(png: Buffer): Map<string, Buffer> {
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.set(png.toString("latin1", at + 4, at + 8), png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return chunks;
}

function decodePng(png: Buffer): string | undefined {
  const { data, width, height } = PNG.sync.read(png);
  return decodeRgba(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height);
}

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "veritrace-pdf-")), "labels.pdf");
  await writeFile(file, pdf);
  return (await run("pdftotext", ["-layout", file, "-"])).stdout;
}

describe("labels at their physical size, with the brand and a scan line", function () {
  const item = { ...labelItem("7QK3M9XR2TBW00AB"), brand: BRAND };

  describe("SVG", function () {
    let browser: Browser;

    before(async function () {
      browser = await launchChromium();
    });

    after(async function () {
      await browser?.close();
    });

    it("gives its size in millimetres over a 0.1 mm viewBox, the label's physical size", function () {
      const root = /^<svg [^>]*>/.exec(renderLabelSvg(item))![0];
      expect(root).to.include(`width="${LABEL.width}mm"`).and.to.include(`height="${LABEL.height}mm"`).and.to.include('viewBox="0 0 991 381"');
    });

    it("is drawn by Chromium at 96 dpi as large as printed, and the verifier's decoder reads it there", async function () {
      const page = await browser.newPage({ viewport: { width: 800, height: 400 }, deviceScaleFactor: 1 });
      try {
        const svg = Buffer.from(renderLabelSvg(item)).toString("base64");
        await page.setContent(`<body style="margin:0;background:#fff"><img id="label" src="data:image/svg+xml;base64,${svg}"></body>`);
        const label = page.locator("#label");
        await label.evaluate((img: HTMLImageElement) => img.decode());
        const box = (await label.boundingBox())!;
        // 96 px per inch: 99.1 mm is 374.6 px, 38.1 mm is 144 px.
        // Differences, not closeTo: the ethers chai matchers (loaded with other tests) take closeTo for integers.
        expect(Math.abs(box.width - (LABEL.width / 25.4) * 96)).to.be.below(1);
        expect(Math.abs(box.height - (LABEL.height / 25.4) * 96)).to.be.below(1);
        // About 2.2 px per module: zxing-wasm (the verifier's decoder) reads it; jsQR, tried too, did not.
        expect(await decodeWithZxing(await label.screenshot())).to.equal(item.uri);
      } finally {
        await page.close();
      }
    });
  });

  describe("PNG", function () {
    const png = renderLabelPng(item);
    const chunks = pngChunks(png);

    it("declares its resolution in a pHYs chunk before the image data, the same across and down, per metre", function () {
      expect([...chunks.keys()]).to.deep.equal(["IHDR", "pHYs", "IDAT", "IEND"]);
      const phys = chunks.get("pHYs")!;
      expect(phys.length).to.equal(9);
      expect(phys.readUInt32BE(0)).to.equal(phys.readUInt32BE(4));
      expect(phys[8]).to.equal(1);
      // pngjs checks every chunk's CRC while reading: the added chunk is well formed.
      expect(PNG.sync.read(png).width).to.be.above(0);
    });

    it("prints its code as large as the PDF and SVG labels at that resolution (about 350 dpi)", function () {
      const pixelsPerMetre = chunks.get("pHYs")!.readUInt32BE(0);
      const { height } = PNG.sync.read(png);
      // The image is the code square plus the text to its right: its height is the code's side.
      expect(Math.abs((height / pixelsPerMetre) * 1000 - LABEL.qrSide)).to.be.below(0.05);
      expect(pixelsPerMetre * 0.0254).to.be.within(300, 400);
    });

    it("decodes at its declared resolution, pixel for pixel, with both decoders", async function () {
      expect(decodePng(png)).to.equal(item.uri);
      expect(await decodeWithZxing(png)).to.equal(item.uri);
    });
  });

  describe("PDF sheet", function () {
    it("has the brand's name and the scan line on every label, as text", async function () {
      const out = new Collector();
      const items = labelItems(3).map((each) => ({ ...each, brand: BRAND }));
      await writeLabels("pdf", (async function* () { yield* items; })(), out, { referenceYear: 2026 });
      const text = await pdfText(out.bytes);
      expect(text.match(new RegExp(BRAND, "g"))).to.have.length(3);
      expect(text.match(/Scan to verify/g)).to.have.length(3);
    });

    it("shows a name outside WinAnsi with question marks, never other letters", async function () {
      const out = new Collector();
      await writeLabels("pdf", (async function* () { yield { ...labelItem("S1"), brand: "Ωmega Café" }; })(), out, { referenceYear: 2026 });
      expect(await pdfText(out.bytes)).to.include("?mega Café");
    });
  });

  describe("through the service: the brand's admitted name", function () {
    let svc: TestService;
    let apiKey: string;
    let batchId: string;

    before(async function () {
      svc = await startTestService();
      ({ apiKey } = await svc.newBrand(BRAND));
      const brand = (await svc.api("GET", "/api/v1/brand", { key: apiKey })).body;
      expect(brand.name).to.equal(BRAND);
      const created = await svc.api("POST", "/api/v1/batches", { key: apiKey, body: { gtin: gtinIn(brand.prefixes[0]), lot: "PHYS-1", quantity: 2 } });
      batchId = created.body.id;
      await svc.waitForBatch(apiKey, batchId);
    });

    after(async function () {
      await svc?.close();
    });

    const download = async (format: string) => {
      const res = await fetch(`${svc.url}/api/v1/batches/${batchId}/labels?format=${format}`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(res.status).to.equal(200);
      return Buffer.from(await res.arrayBuffer());
    };

    it("prints it on every label of the PDF sheet", async function () {
      const text = await pdfText(await download("pdf"));
      expect(text.match(new RegExp(BRAND, "g"))).to.have.length(2);
      expect(text.match(/Scan to verify/g)).to.have.length(2);
    });

    it("prints it on every SVG label, and every PNG label declares its resolution", async function () {
      const svgs = [...(await unzip(await download("svg"))).values()].map((file) => file.toString("utf8"));
      expect(svgs).to.have.length(2);
      for (const svg of svgs) expect(svg).to.include(`>${BRAND}</text>`).and.to.include(">Scan to verify</text>");
      const pngs = [...(await unzip(await download("png"))).values()];
      expect(pngs).to.have.length(2);
      for (const png of pngs) expect(pngChunks(png).get("pHYs")?.length).to.equal(9);
    });
  });
});
