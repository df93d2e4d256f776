/** The running tally and the list of the last scans, drawn from the scan session after every change. */
import { INSPECTION_CLASSES } from "../../../core/inspection.ts";
import { byId, h } from "../../console/dom.ts";
import { formatNumber } from "../../i18n/intl.ts";
import { CLASS_CUE, classLabel, type ClassCue } from "./cues.ts";
import type { ScanSession } from "./scan-session.ts";
import { plural, t } from "./words.ts";

/** Enough to see what just happened; the full list is the report's. */
const LOG_LENGTH = 30;

export function renderTally(session: ScanSession): void {
  const tally = session.tally();
  const total = session.entries().length;
  // The count keeps its own element (#tally-total) inside the sentence the language builds around it.
  const [before, after] = plural("tally.title", total).split(formatNumber(total));
  byId("tally-title").replaceChildren(before ?? "", h("span", { id: "tally-total" }, formatNumber(total)), after ?? "");
  byId("tally").replaceChildren(
    ...INSPECTION_CLASSES.map((cls) =>
      h(
        "li",
        { "data-class": cls, class: `tone-${CLASS_CUE[cls].tone}`, title: classLabel(cls) },
        h("span", { class: "tally-icon", "aria-hidden": "true" }, CLASS_CUE[cls].icon),
        h("span", { class: "tally-word" }, CLASS_CUE[cls].word),
        h("strong", { class: "tally-count" }, formatNumber(tally[cls])),
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
  byId("scan-log").prepend(logLine(cue, undefined, t("log.notCounted", { code: text }), { "data-class": "none" }));
}

function logLine(cue: ClassCue, number: number | undefined, what: string, attributes: Record<string, string>): HTMLElement {
  return h(
    "li",
    { ...attributes, class: `tone-${cue.tone}` },
    h("span", { "aria-hidden": "true" }, `${cue.icon} `),
    h("strong", {}, cue.word),
    number === undefined ? " " : ` #${formatNumber(number)}: `,
    // Codes are read left to right in every language.
    h("code", { class: "wrap", dir: "ltr" }, what),
  );
}
