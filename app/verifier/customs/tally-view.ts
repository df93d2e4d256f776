/** The running tally and the list of the last scans, drawn from the scan session after every change. */
import { INSPECTION_CLASSES, INSPECTION_CLASS_LABEL } from "../../../core/inspection.ts";
import { byId, h } from "../../console/dom.ts";
import { CLASS_CUE, type ClassCue } from "./cues.ts";
import type { ScanSession } from "./scan-session.ts";

/** Enough to see what just happened; the full list is the report's. */
const LOG_LENGTH = 30;

export function renderTally(session: ScanSession): void {
  const tally = session.tally();
  byId("tally-total").textContent = String(session.entries().length);
  byId("tally").replaceChildren(
    ...INSPECTION_CLASSES.map((cls) =>
      h(
        "li",
        { "data-class": cls, class: `tone-${CLASS_CUE[cls].tone}`, title: INSPECTION_CLASS_LABEL[cls] },
        h("span", { class: "tally-icon", "aria-hidden": "true" }, CLASS_CUE[cls].icon),
        h("span", { class: "tally-word" }, CLASS_CUE[cls].word),
        h("strong", { class: "tally-count" }, String(tally[cls])),
      ),
    ),
  );
  const recent = session.entries().slice(-LOG_LENGTH).reverse();
  byId("scan-log").replaceChildren(
    ...recent.map((entry) =>
      logLine(CLASS_CUE[entry.cls], entry.number, entry.verdict.code ? `${entry.verdict.code.gtin} · ${entry.verdict.code.serial}` : entry.text, {
        "data-class": entry.cls,
        "data-check-ms": String(Math.round(entry.checkMs)),
        value: String(entry.number),
      }),
    ),
  );
}

/** A read that is not counted (not a label): listed above the counted scans until the next redraw. */
export function logUncounted(cue: ClassCue, text: string): void {
  byId("scan-log").prepend(logLine(cue, undefined, `${text} (not counted)`, { "data-class": "none" }));
}

function logLine(cue: ClassCue, number: number | undefined, what: string, attributes: Record<string, string>): HTMLElement {
  return h(
    "li",
    { ...attributes, class: `tone-${cue.tone}` },
    h("span", { "aria-hidden": "true" }, `${cue.icon} `),
    h("strong", {}, cue.word),
    number === undefined ? " " : ` #${number}: `,
    h("code", { class: "wrap" }, what),
  );
}
