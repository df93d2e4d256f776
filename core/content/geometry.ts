/**
 * Small geometric edits on a grayscale working copy of an image, for the hashes that undo or anticipate an
 * infringer's rotation or crop (see `robust-hash.ts`). The working copy keeps the image's aspect ratio, so
 * a rotation turns the picture, not a squashed square of it.
 */
import type { RgbaImage } from "./image.ts";
import { type GrayImage, reduceToGray } from "./phash.ts";

/** The working copy's longer side: 4× the hash's 32 cells, so a turned or cropped copy still averages cleanly. */
export const WORKING_SIDE = 128;

/** The image as grayscale, its longer side `WORKING_SIDE` (never enlarged), the aspect ratio kept. */
export function workingCopy(image: RgbaImage): GrayImage {
  const scale = Math.min(1, WORKING_SIDE / Math.max(image.width, image.height));
  return reduceToGray(image, Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
}

/**
 * Turned by `degrees` (positive: clockwise) about the centre, bilinear, on a canvas of the same size. The
 * corners it uncovers get the picture's mean, which moves no DCT coefficient but the mean.
 */
export function rotateGray(gray: GrayImage, degrees: number): GrayImage {
  const { width, height, data } = gray;
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i]!;
  mean /= data.length;
  const out = new Float64Array(width * height);
  const cos = Math.cos((degrees * Math.PI) / 180);
  const sin = Math.sin((degrees * Math.PI) / 180);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The source of each output pixel: the output point turned back.
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      if (sx < 0 || sy < 0 || sx > width - 1 || sy > height - 1) {
        out[y * width + x] = mean;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(width - 1, x0 + 1);
      const y1 = Math.min(height - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const top = data[y0 * width + x0]! * (1 - fx) + data[y0 * width + x1]! * fx;
      const bottom = data[y1 * width + x0]! * (1 - fx) + data[y1 * width + x1]! * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width, height, data: out };
}

/** A box of the picture, as fractions of its width and height (left, top, width, height), to whole pixels. */
export type CropBox = readonly [left: number, top: number, width: number, height: number];

export function cropGray(gray: GrayImage, [left, top, w, h]: CropBox): GrayImage {
  const x0 = Math.round(left * gray.width);
  const y0 = Math.round(top * gray.height);
  const width = Math.max(1, Math.round(w * gray.width));
  const height = Math.max(1, Math.round(h * gray.height));
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) out.set(gray.data.subarray((y0 + y) * gray.width + x0, (y0 + y) * gray.width + x0 + width), y * width);
  return { width, height, data: out };
}
