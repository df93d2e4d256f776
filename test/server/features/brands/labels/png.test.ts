import { expect } from "chai";
import { PNG } from "pngjs";
import { renderLabelPng } from "../../../../../server/features/brands/labels/index.ts";
import { decodeRgba } from "./helpers/decode-qr.ts";
import { labelItem } from "./helpers/items.ts";

function decodePng(png: Buffer): string | undefined {
  const { data, width, height } = PNG.sync.read(png);
  return decodeRgba(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height);
}

describe("renderLabelPng", () => {
  it("is a PNG that jsQR decodes to exactly the item's URI", () => {
    const item = labelItem("7QK3M9XR2TBW00AB");
    const png = renderLabelPng(item);
    expect(png.subarray(0, 8).toString("hex")).to.equal("89504e470d0a1a0a");
    expect(decodePng(png)).to.equal(item.uri);
  });

  it("decodes for URIs with percent-encoded characters", () => {
    for (const [serial, lot] of [
      ["A/B%C", "L1"],
      [`x&y<z"'`, "=SUM(A1)"],
      ["-1+2", "@lot"],
      // The longest values, every character percent-encoded: a larger symbol (version 12).
      ["%".repeat(20), "/".repeat(20)],
    ] as const) {
      const item = labelItem(serial, { lot: lot.replace("@", "a") });
      expect(item.uri).to.match(/%[0-9A-F]{2}/);
      expect(decodePng(renderLabelPng(item)), serial).to.equal(item.uri);
    }
  });

  it("draws the text beside the code", () => {
    const { data, width, height } = PNG.sync.read(renderLabelPng(labelItem("S1")));
    // Right of the square code (height × height) there is ink: the five text lines.
    let ink = 0;
    for (let y = 0; y < height; y++) for (let x = height; x < width; x++) if (data[(y * width + x) * 4] === 0) ink++;
    expect(ink).to.be.greaterThan(5_000);
  });
});
