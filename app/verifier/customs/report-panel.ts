/**
 * The end of an inspection: the service's report beside the page's own tally (they are made by the same
 * rule, core/inspection.ts, so any difference means one side saw the chain differently and is shown as a
 * warning), the report downloads, and recording the outcome on chain after a confirmation. Once recorded,
 * the page reads the shipment back from the chain itself to show what the chain now says.
 */
import type { Hex } from "viem";
import { INSPECTION_CLASSES, type InspectionTally } from "../../../core/inspection.ts";
import type { Announcer } from "../../console/announcer.ts";
import type { Confirm } from "../../console/confirm-dialog.ts";
import { byId, h } from "../../console/dom.ts";
import { saveFile } from "../../console/save-file.ts";
import { formatList, formatNumber } from "../../i18n/intl.ts";
import type { ShipmentChain } from "../shipment-chain.ts";
import { CLASS_CUE, classLabel } from "./cues.ts";
import type { OfficeApi, Outcome, ReportFormat, ServerReport } from "./office-api.ts";
import { plural, t } from "./words.ts";

export type ReportPanelParameters = { api: () => OfficeApi; chain: () => Promise<ShipmentChain>; announcer: Announcer; confirm: Confirm };

export type ReportPanel = { show(shipmentId: Hex, report: ServerReport, pageTally: InspectionTally): void; hide(): void };


export function createReportPanel({ api, chain, announcer, confirm }: ReportPanelParameters): ReportPanel {
  const panel = byId("report");
  const error = byId("report-error");
  const outcomeButtons = [...panel.querySelectorAll<HTMLButtonElement>("button[data-outcome]")];
  let current: { shipmentId: Hex; report: ServerReport } | undefined;

  const fail = (caught: unknown) => {
    error.textContent = caught instanceof Error ? caught.message : String(caught);
    error.hidden = false;
    announcer.assertive(error.textContent);
  };

  for (const button of panel.querySelectorAll<HTMLButtonElement>("button[data-format]")) {
    button.addEventListener("click", async () => {
      if (!current) return;
      const format = button.dataset.format as ReportFormat;
      error.hidden = true;
      byId("download-status").textContent = t("download.preparing", { format: format.toUpperCase() });
      try {
        const { blob, fileName } = await api().report(current.report.id, format);
        saveFile(blob, fileName);
        byId("download-status").textContent = t("download.saved", { file: fileName });
      } catch (caught) {
        byId("download-status").textContent = "";
        fail(caught);
      }
    });
  }

  for (const button of outcomeButtons) {
    button.addEventListener("click", async () => {
      if (!current) return;
      const { shipmentId, report } = current;
      const outcome = button.dataset.outcome as Outcome;
      const sure = await confirm({
        title: t(`record.confirmTitle.${outcome}`),
        body: outcome === "seized" ? `${t("record.confirmBody")} ${t("record.confirmBodySeizure")}` : t("record.confirmBody"),
        confirmLabel: t(`record.confirmLabel.${outcome}`),
      });
      if (!sure) return;
      error.hidden = true;
      for (const b of outcomeButtons) b.disabled = true;
      const status = byId("record-status");
      status.textContent = t("record.recording", { outcome: t(`outcome.${outcome}`) });
      try {
        const recording = await api().record(report.id, outcome);
        const recorded = t(`outcome.${recording.outcome}`);
        status.textContent = t("record.recorded", { outcome: recorded, hash: recording.transactionHash, block: formatNumber(recording.blockNumber) });
        status.dataset.recorded = recording.outcome;
        announcer.polite(t("record.recordedSpoken", { outcome: recorded }));
        void confirmOnChain(shipmentId, outcome);
      } catch (caught) {
        status.textContent = "";
        for (const b of outcomeButtons) b.disabled = false;
        fail(caught);
      }
    });
  }

  /** The page's own reading of the chain after recording: the service's word is not the last one. */
  const confirmOnChain = async (shipmentId: Hex, outcome: Outcome) => {
    const line = h("span", { class: "on-chain" });
    byId("record-status").append(" ", line);
    try {
      const record = await (await chain()).getShipment(shipmentId);
      line.textContent =
        outcome === "seized"
          ? record.seized
            ? t("record.chainSeized")
            : t("record.chainNotSeized")
          : plural("record.chainInspections", record.inspections);
      line.dataset.seized = String(record.seized);
    } catch (caught) {
      line.textContent = t("record.chainUnreadable", { error: (caught as Error).message.split("\n")[0]! });
    }
  };

  return {
    show(shipmentId, report, pageTally) {
      current = { shipmentId, report };
      error.hidden = true;
      byId("download-status").textContent = "";
      const status = byId("record-status");
      status.textContent = "";
      delete status.dataset.recorded;
      for (const b of outcomeButtons) b.disabled = false;
      const differs = INSPECTION_CLASSES.filter((cls) => pageTally[cls] !== report.summary[cls]);
      byId("compare-body").replaceChildren(
        ...INSPECTION_CLASSES.map((cls) =>
          h(
            "tr",
            { "data-class": cls, class: differs.includes(cls) ? "differs" : undefined },
            h("th", { scope: "row" }, `${CLASS_CUE[cls].icon} ${CLASS_CUE[cls].word}`, h("span", { class: "hint block" }, classLabel(cls))),
            h("td", { "data-side": "page" }, formatNumber(pageTally[cls])),
            h("td", { "data-side": "service" }, formatNumber(report.summary[cls])),
          ),
        ),
      );
      const unreadable = report.summary.malformed;
      byId("report-status").textContent =
        unreadable > 0
          ? plural("report.statusUnreadable", report.rows.length, { id: report.id, unreadable: formatNumber(unreadable) })
          : plural("report.status", report.rows.length, { id: report.id });
      const agreement = byId("report-agreement");
      agreement.className = `agreement ${differs.length === 0 ? "agrees" : "differs"}`;
      agreement.textContent =
        differs.length === 0
          ? t("report.agrees")
          : t("report.differs", { classes: formatList(differs.map((cls) => CLASS_CUE[cls].word)) });
      panel.hidden = false;
      panel.focus();
      announcer.polite(`${byId("report-status").textContent} ${agreement.textContent}`);
    },
    hide() {
      current = undefined;
      panel.hidden = true;
    },
  };
}
