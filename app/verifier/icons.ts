/**
 * The verdict icons, drawn as inline SVG: a text symbol (✔, ⛔) depends on the phone's fonts and shows as an
 * empty box where no emoji font is installed. Drawn in `currentColor`, so each takes its verdict's colour.
 */
import type { IconName } from "./verdict-copy.ts";

const SVG = "http://www.w3.org/2000/svg";

/** Each icon on a 24×24 grid: stroked paths, and filled dots. */
const DRAWINGS: Record<IconName, { strokes: string[]; dots?: [number, number][] }> = {
  ok: { strokes: ["M5 12.5l4.5 4.5L19 7.5"] },
  counterfeit: { strokes: ["M6.5 6.5l11 11", "M17.5 6.5l-11 11"] },
  revoked: { strokes: ["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "M5.6 5.6l12.8 12.8"] },
  warn: { strokes: ["M12 3.5L2.5 20h19z", "M12 9.5v5"], dots: [[12, 17.3]] },
  unknown: { strokes: ["M9 9a3 3 0 1 1 4.5 2.6c-.9.5-1.5 1.2-1.5 2.2V15"], dots: [[12, 19]] },
  expired: { strokes: ["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "M12 7v5.5l3.5 2"] },
};

/** The icon as an element, hidden from screen readers (the verdict's word says it). */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  for (const [attribute, value] of Object.entries({ viewBox: "0 0 24 24", width: "28", height: "28", "aria-hidden": "true", focusable: "false", "data-icon": name })) {
    svg.setAttribute(attribute, value);
  }
  const { strokes, dots = [] } = DRAWINGS[name];
  for (const d of strokes) {
    const path = document.createElementNS(SVG, "path");
    for (const [attribute, value] of Object.entries({ d, fill: "none", stroke: "currentColor", "stroke-width": "2.6", "stroke-linecap": "round", "stroke-linejoin": "round" })) {
      path.setAttribute(attribute, value);
    }
    svg.append(path);
  }
  for (const [cx, cy] of dots) {
    const dot = document.createElementNS(SVG, "circle");
    for (const [attribute, value] of Object.entries({ cx: String(cx), cy: String(cy), r: "1.6", fill: "currentColor" })) dot.setAttribute(attribute, value);
    svg.append(dot);
  }
  return svg;
}
