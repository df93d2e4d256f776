/**
 * The list of checks made while the chain could not be read: each waits for the public record, then shows
 * its answer (word, icon and colour, as the card does) with a button that opens its full result card. The
 * queue itself lives in offline-queue.ts; this file only shows it.
 */
import { locale } from "../i18n/i18n.ts";
import { parseDigitalLink } from "../../core/gs1/index.ts";
import { byId, h } from "../console/dom.ts";
import type { CheckResult } from "./check-code.ts";
import { icon } from "./icons.ts";
import type { QueuedCheck } from "./offline-queue.ts";
import { OFFLINE_TEXT, VERDICT_COPY } from "./verdict-copy.ts";

export type OfflineChecks = {
  /** Shows the checks still waiting, in the order they were made, beside those answered during this visit. */
  waiting(checks: readonly QueuedCheck[]): void;
  /** A waiting check has been made again: its answer replaces "waiting". */
  answered(result: CheckResult): void;
};

export type CreateOfflineChecksParameters = { onShow(result: CheckResult): void };

export function createOfflineChecks({ onShow }: CreateOfflineChecksParameters): OfflineChecks {
  const panel = byId("offline-checks");
  const list = byId("offline-checks-list");
  /** Every code listed during this visit, by URI, in order; an answer stays until the page is left. */
  const rows = new Map<string, HTMLLIElement>();

  const product = (uri: string) => {
    try {
      const { gtin, lot, serial } = parseDigitalLink(uri).code;
      return OFFLINE_TEXT.product(gtin, lot, serial);
    } catch {
      return uri;
    }
  };
  const render = () => {
    list.replaceChildren(...rows.values());
    panel.hidden = rows.size === 0;
  };

  return {
    waiting(checks) {
      for (const check of checks) {
        if (rows.get(check.uri)?.dataset.state === "waiting") continue;
        rows.delete(check.uri);
        const time = new Date(check.checkedAt).toLocaleTimeString(locale(), { timeStyle: "short" });
        rows.set(
          check.uri,
          h(
            "li",
            { class: "offline-check tone-unknown", "data-state": "waiting", "data-uri": check.uri },
            h("span", { class: "offline-check-product wrap" }, product(check.uri)),
            h("span", { class: "offline-check-state" }, OFFLINE_TEXT.waiting(time)),
          ),
        );
      }
      render();
    },
    answered(result) {
      const copy = VERDICT_COPY[result.verdict.verdict];
      const show = h("button", { type: "button", class: "secondary" }, OFFLINE_TEXT.show);
      show.addEventListener("click", () => onShow(result));
      rows.set(
        result.uri,
        h(
          "li",
          { class: `offline-check tone-${copy.tone}`, "data-state": "answered", "data-verdict": result.verdict.verdict, "data-uri": result.uri },
          h("span", { class: "offline-check-product wrap" }, product(result.uri)),
          h(
            "span",
            { class: "offline-check-state" },
            h("span", { class: "offline-check-icon", "aria-hidden": "true" }, icon(copy.icon)),
            h("strong", {}, copy.word),
          ),
          show,
        ),
      );
      render();
    },
  };
}
