/** Label downloads (PDF sheets, SVG or PNG zips, CSV) and single labels for previews. */
export { labelDownload } from "./download.ts";
export type { LabelDownload } from "./download.ts";
export { LabelErrorCode } from "./errors.ts";
export { renderLabelPng } from "./png.ts";
export { LABEL_ERROR_CORRECTION } from "./qr-symbol.ts";
export { RenderPool } from "./render/render-pool.ts";
export { renderLabelSvg } from "./svg.ts";
export type { RenderLabelOptions } from "./svg.ts";
export type { LabelFormat, LabelItem } from "./types.ts";
export { writeLabels } from "./write-labels.ts";
export type { WriteLabelsOptions } from "./write-labels.ts";
