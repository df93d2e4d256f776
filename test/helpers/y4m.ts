/**
 * A one-frame Y4M video of a PNG, for Chromium's fake camera (`--use-file-for-fake-video-capture`), which
 * loops it for ever. Written here rather than with ffmpeg (not installed): the format is a text header, then
 * per frame "FRAME\n" and the Y, U and V planes, 4:2:0 (U and V at half width and height; Chromium refuses
 * anything else). The image is scaled to fit `side` pixels and centred on white, as a label held up to a
 * camera would be.
 */
import { writeFile } from "node:fs/promises";
import { PNG } from "pngjs";

export type Y4mOptions = { width?: number; height?: number; side?: number };

export async function writeY4m(png: Buffer, file: string, { width = 640, height = 480, side = 400 }: Y4mOptions = {}): Promise<void> {
  const image = PNG.sync.read(png);
  const scale = Math.min(side / image.width, side / image.height);
  const drawnWidth = Math.round(image.width * scale);
  const drawnHeight = Math.round(image.height * scale);
  const left = Math.floor((width - drawnWidth) / 2);
  const top = Math.floor((height - drawnHeight) / 2);

  // Luma of every output pixel, nearest-neighbour sampled (QR modules stay sharp), white outside the image.
  const luma = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < drawnHeight; y++) {
    const sourceY = Math.min(image.height - 1, Math.floor(y / scale));
    for (let x = 0; x < drawnWidth; x++) {
      const sourceX = Math.min(image.width - 1, Math.floor(x / scale));
      const i = (sourceY * image.width + sourceX) * 4;
      const alpha = image.data[i + 3]! / 255;
      const gray = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      // BT.601 studio range (16–235), what Chromium assumes of a Y4M file.
      luma[(top + y) * width + left + x] = Math.round(16 + ((gray * alpha + 255 * (1 - alpha)) * 219) / 255);
    }
  }
  for (let i = 0; i < luma.length; i++) if (luma[i] === 255) luma[i] = 235;
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const header = `YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`;
  await writeFile(file, Buffer.concat([Buffer.from(header), Buffer.from("FRAME\n"), luma, chroma, chroma]));
}
