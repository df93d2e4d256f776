import type { ModuleRect } from "./decode-qr.ts";

/**
 * The rectangles a `stroke-width: 1` SVG path of horizontal segments paints, as the label SVG draws
 * its QR code: supports M/m (move) and H/h (horizontal line) and fails on anything else, so a change
 * of drawing style shows up here instead of as a silently wrong image.
 */
export function strokedPathRects(d: string): ModuleRect[] {
  const rects: ModuleRect[] = [];
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const numbers = args!.trim() === "" ? [] : args!.trim().split(/[\s,]+/).map(Number);
    switch (command) {
      case "M":
        [x, y] = numbers as [number, number];
        break;
      case "m":
        x += numbers[0]!;
        y += numbers[1]!;
        break;
      case "h":
      case "H": {
        const end = command === "h" ? x + numbers[0]! : numbers[0]!;
        // A stroke of width 1 centred on y covers [y − ½, y + ½].
        rects.push({ x: Math.min(x, end), y: y - 0.5, width: Math.abs(end - x), height: 1 });
        x = end;
        break;
      }
      default:
        throw new Error(`unsupported path command ${command}`);
    }
  }
  return rects;
}
