import jsQRModule from "jsqr";

// jsQR is CommonJS with an ES-style default: under Node's ESM interop the function is `.default`.
const jsQR = jsQRModule.default;

/** Dark modules of a QR code as rectangles in module units (quiet zone included in the coordinates). */
export type ModuleRect = { x: number; y: number; width: number; height: number };

/**
 * Paints `rects` black on a white `side` × `side` module canvas at `pixels` per module and reads it
 * with jsQR, an independent decoder. Returns the decoded text, or undefined when jsQR finds no code.
 */
export function decodeModuleRects(rects: readonly ModuleRect[], side: number, pixels = 6): string | undefined {
  const width = side * pixels;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const { x, y, width: w, height: h } of rects) {
    for (let py = Math.round(y * pixels); py < Math.round((y + h) * pixels); py++) {
      for (let px = Math.round(x * pixels); px < Math.round((x + w) * pixels); px++) {
        const at = (py * width + px) * 4;
        rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
      }
    }
  }
  return decodeRgba(rgba, width, width);
}

export function decodeRgba(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(rgba, width, height, { inversionAttempts: "dontInvert" })?.data;
}
