/**
 * Y4M videos of PNGs, for Chromium's fake camera (`--use-file-for-fake-video-capture`), which loops the
 * file for ever. Written here rather than with ffmpeg (not installed): the format is a text header, then
 * per frame "FRAME\n" and the Y, U and V planes, 4:2:0 (U and V at half width and height; Chromium refuses
 * anything else). Each image is scaled to fit `side` pixels and centred on white, as a label held up to a
 * camera would be. `writeY4m` writes one still frame; `writeY4mSequence` a film of several labels in turn.
 */
import { writeFile } from "node:fs/promises";
import { PNG } from "pngjs";

export type Y4mOptions = { width?: number; height?: number; side?: number };

export async function writeY4m(png: Buffer, file: string, options: Y4mOptions = {}): Promise<void> {
  await writeY4mSequence([{ png, frames: 1 }], file, { ...options, fps: 30 });
}

/** One shot of a film: a label (or, with no `png`, an empty white view) for `frames` frames. */
export type Y4mShot = { png?: Buffer | undefined; frames: number };

/**
 * A film of shots in turn, at `fps` frames a second. Chromium plays a file at its own frame rate, so a
 * low rate keeps a film of several seconds small (each 640x480 frame is 450 kB).
 */
export async function writeY4mSequence(shots: Y4mShot[], file: string, { fps, ...options }: Y4mOptions & { fps: number }): Promise<void> {
  const { width = 640, height = 480 } = options;
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const header = `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
  const parts: Buffer[] = [Buffer.from(header)];
  for (const shot of shots) {
    const luma = lumaOf(shot.png, options);
    for (let i = 0; i < shot.frames; i++) parts.push(Buffer.from("FRAME\n"), luma, chroma, chroma);
  }
  await writeFile(file, Buffer.concat(parts));
}

/** The luma plane of a frame showing `png` (or nothing), nearest-neighbour sampled so QR modules stay sharp. */
function lumaOf(png: Buffer | undefined, { width = 640, height = 480, side = 400 }: Y4mOptions): Buffer {
  // BT.601 studio range (16–235), what Chromium assumes of a Y4M file: white is 235.
  const luma = Buffer.alloc(width * height, 235);
  if (png === undefined) return luma;
  const image = PNG.sync.read(png);
  const scale = Math.min(side / image.width, side / image.height);
  const drawnWidth = Math.round(image.width * scale);
  const drawnHeight = Math.round(image.height * scale);
  const left = Math.floor((width - drawnWidth) / 2);
  const top = Math.floor((height - drawnHeight) / 2);
  for (let y = 0; y < drawnHeight; y++) {
    const sourceY = Math.min(image.height - 1, Math.floor(y / scale));
    for (let x = 0; x < drawnWidth; x++) {
      const sourceX = Math.min(image.width - 1, Math.floor(x / scale));
      const i = (sourceY * image.width + sourceX) * 4;
      const alpha = image.data[i + 3]! / 255;
      const gray = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      luma[(top + y) * width + left + x] = Math.round(16 + ((gray * alpha + 255 * (1 - alpha)) * 219) / 255);
    }
  }
  return luma;
}
