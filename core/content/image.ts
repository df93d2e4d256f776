/**
 * Decoded pixels as every decoder here (pngjs, jpeg-js, a browser canvas's `ImageData`) gives them:
 * 8-bit RGBA, row by row, top-left first.
 */
export type RgbaImage = {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
};
