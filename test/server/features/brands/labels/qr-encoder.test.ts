import { expect } from "chai";
import { createRequire } from "node:module";
import QRCode from "qrcode";
import { encodeQr, qrModules } from "../../../../../server/features/brands/labels/qr/encode.ts";
import { packBytes } from "../../../../../server/features/brands/labels/qr/packed.ts";
import { maskPenalty } from "../../../../../server/features/brands/labels/qr/penalty.ts";
import { blockLayout } from "../../../../../server/features/brands/labels/qr/tables.ts";
import type { ErrorCorrectionLevel } from "../../../../../server/features/brands/labels/qr/tables.ts";
import { decodeModuleRects } from "./helpers/decode-qr.ts";
import { labelItem } from "./helpers/items.ts";

// The label encoder is our own (for speed, see server/features/brands/labels/qr/); `qrcode` is the reference it
// must agree with module for module, and jsQR the independent decoder.
function sameAsQrcode(text: string, level: ErrorCorrectionLevel, version?: number, mask?: number): boolean {
  const options = { errorCorrectionLevel: level, ...(version === undefined ? {} : { version }), ...(mask === undefined ? {} : { maskPattern: mask as QRCode.QRCodeMaskPattern }) };
  const theirs = QRCode.create([{ data: Buffer.from(text, "utf8"), mode: "byte" }], options);
  const ours = encodeQr(text, { level, version, mask });
  expect(ours.version, "version").to.equal(theirs.version);
  expect(ours.mask, "mask").to.equal(theirs.maskPattern);
  return ours.size === theirs.modules.size && qrModules(ours).every((module, i) => module === theirs.modules.data[i]);
}

// qrcode's penalty rules (N1–N4), CommonJS and untyped: the reference for maskPenalty.
type BitMatrix = { size: number; data: Uint8Array; get(row: number, column: number): number };
const reference = createRequire(import.meta.url)("qrcode/lib/core/mask-pattern.js") as Record<`getPenaltyN${1 | 2 | 3 | 4}`, (matrix: BitMatrix) => number>;

describe("maskPenalty", () => {
  it("scores random symbols of every size class exactly as qrcode does", () => {
    let seed = 7;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 1;
    for (const size of [21, 25, 45, 53, 57, 61, 65, 97, 177]) {
      for (let trial = 0; trial < 6; trial++) {
        // Some trials favour long runs, to exercise N1 and N3 beyond random noise.
        const data = Uint8Array.from({ length: size * size }, (_, i) => (trial % 2 === 0 ? random() : (Math.floor(i / 7) + random()) % 2));
        const matrix: BitMatrix = { size, data, get: (row, column) => data[row * size + column]! };
        const expected = reference.getPenaltyN1(matrix) + reference.getPenaltyN2(matrix) + reference.getPenaltyN3(matrix) + reference.getPenaltyN4(matrix);
        expect(maskPenalty(packBytes(data, size), size), `size ${size}, trial ${trial}`).to.equal(expected);
      }
    }
  });
});

describe("encodeQr", () => {
  context("with a forced version and mask", () => {
    it("draws versions 1–40 at every level exactly as qrcode does", () => {
      // 1–12 cover the label sizes, 7 adds version information, 10 and 27 widen the count field,
      // 32 has the odd alignment spacing; 40 is the largest.
      const versions = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 17, 21, 26, 27, 32, 36, 40];
      for (const level of ["L", "M", "Q", "H"] as const) {
        for (const version of versions) {
          const mask = (version * 3 + level.charCodeAt(0)) % 8;
          // Fill about 90 % of the version so that data, not padding, covers the symbol.
          const capacity = blockLayout(version, level).dataCodewords - (version < 10 ? 2 : 3);
          const text = "https://id.example.com/01/09506000134352/10/".repeat(80).slice(0, Math.floor(capacity * 0.9));
          expect(sameAsQrcode(text, level, version, mask), `${version}-${level} mask ${mask}`).to.equal(true);
        }
      }
    });

    it("draws all eight masks exactly as qrcode does", () => {
      for (let mask = 0; mask < 8; mask++) {
        expect(sameAsQrcode(labelItem("MASK1").uri, "M", 9, mask), `mask ${mask}`).to.equal(true);
      }
    });
  });

  context("when it chooses the version and mask", () => {
    it("chooses the smallest version and the lowest-penalty mask, as qrcode does", () => {
      for (let i = 0; i < 40; i++) {
        const serial = `X${(i * 7919).toString(36).toUpperCase()}${"%&".slice(0, i % 3)}`;
        expect(sameAsQrcode(labelItem(serial, { lot: `LOT${i}` }).uri, "M"), serial).to.equal(true);
      }
    });
  });

  it("encodes a label URI that jsQR reads back", () => {
    const { uri } = labelItem("7QK3M9XR2TBW00AB");
    const qr = encodeQr(uri, { level: "M" });
    const modules = qrModules(qr);
    const rects = [];
    for (let row = 0; row < qr.size; row++) {
      for (let column = 0; column < qr.size; column++) {
        if (modules[row * qr.size + column] === 1) rects.push({ x: column + 4, y: row + 4, width: 1, height: 1 });
      }
    }
    expect(decodeModuleRects(rects, qr.size + 8)).to.equal(uri);
  });

  it("refuses text too long for any version", () => {
    expect(() => encodeQr("x".repeat(3000), { level: "M" })).to.throw(RangeError, /do not fit/);
  });
});
