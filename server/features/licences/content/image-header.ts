/**
 * An image's dimensions read from its header (PNG IHDR, JPEG SOF), so that the pixel cap is enforced before
 * any decoder allocates width × height × 4 bytes: a 190 kB file may declare 7000 × 7000.
 */
import type { ImageFormat } from "./decode-image.ts";

export type ImageDimensions = { width: number; height: number };

/** The declared size, or undefined when the header is too short or lacks it (the decoder then names the damage). */
export function declaredDimensions(bytes: Uint8Array, format: ImageFormat): ImageDimensions | undefined {
  return format === "png" ? pngDimensions(bytes) : jpegDimensions(bytes);
}

function pngDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  // Signature (8), IHDR length (4) and type (4), then width and height, big-endian.
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers (SOF0–SOF15) except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    // Fill bytes and stand-alone markers (TEM, RSTn) carry no length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    // Start of scan or end of image before any frame header: nothing declared.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = view.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}
