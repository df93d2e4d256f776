/**
 * The end of an inspection: the service's report beside the page's own tally (they are made by the same
 * rule, core/inspection.ts, so any difference means one side saw the chain differently and is shown as a
 * warning), the report downloads, and recording the outcome on chain after a confirmation. Once recorded,
 * the page reads the shipment back from the chain itself to show what the chain now says.
 */
import type { Hex } from "viem";
import { INSPECTION_CLASSES, INSPECTION_CLASS_LABEL, type InspectionTally } from "../../../core/inspection.ts";
import type { Announcer } from "../../console/announcer.ts";
import type { Confirm } from "../../console/confirm-dialog.ts";
import { byId, h } from "../../console/dom.ts";
import { saveFile } from "../../console/save-file.ts";
import type { ShipmentChain } from "../shipment-chain.ts";
import { CLASS_CUE } from "./cues.ts";
import type { OfficeApi, Outcome, ReportFormat, ServerReport } from "./office-api.ts";

export type ReportPanelParameters = { api: () => OfficeApi; chain: () => Promise<ShipmentChain>; announcer: Announcer; confirm: Confirm };

export type ReportPanel = { show(shipmentId: Hex, report: ServerReport, pageTally: InspectionTally): void; hide(): void };

const OUTCOME_TEXT: Record<Outcome, string> = { cleared: "cleared", held: "held", seized: "seized" };

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
      byId("download-status").textContent = `Preparing the ${format.toUpperCase()} report…`;
      try {
        const { blob, fileName } = await api().report(current.report.id, format);
        saveFile(blob, fileName);
        byId("download-status").textContent = `Saved ${fileName}.`;
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
        title: `Record this shipment as ${OUTCOME_TEXT[outcome]}?`,
        body:
          `This writes the outcome, the counts and the report's fingerprint on the blockchain, for the brands and every other office to see. It cannot be undone.` +
          (outcome === "seized" ? " A seizure also closes the shipment: nothing more can be recorded on it." : ""),
        confirmLabel: `Record ${OUTCOME_TEXT[outcome]}`,
      });
      if (!sure) return;
      error.hidden = true;
      for (const b of outcomeButtons) b.disabled = true;
      const status = byId("record-status");
      status.textContent = `Recording "${OUTCOME_TEXT[outcome]}" on chain…`;
      try {
        const recording = await api().record(report.id, outcome);
        status.textContent = `Recorded "${recording.outcome}" on chain: transaction ${recording.transactionHash}, block ${recording.blockNumber}.`;
        status.dataset.recorded = recording.outcome;
        announcer.polite(`Recorded ${recording.outcome} on chain.`);
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
            ? "The chain shows the shipment as seized."
            : "The chain does not show the shipment as seized yet."
          : `The chain shows ${record.inspections} inspection${record.inspections === 1 ? "" : "s"} of this shipment.`;
      line.dataset.seized = String(record.seized);
    } catch (caught) {
      line.textContent = `The chain could not be read to confirm it: ${(caught as Error).message.split("\n")[0]}`;
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
            h("th", { scope: "row" }, `${CLASS_CUE[cls].icon} ${CLASS_CUE[cls].word}`, h("span", { class: "hint block" }, INSPECTION_CLASS_LABEL[cls])),
            h("td", { "data-side": "page" }, String(pageTally[cls])),
            h("td", { "data-side": "service" }, String(report.summary[cls])),
          ),
        ),
      );
      byId("report-status").textContent = `Report ${report.id}: ${report.rows.length} code${report.rows.length === 1 ? "" : "s"} checked by the service${
        report.summary.malformed > 0 ? `, ${report.summary.malformed} unreadable` : ""
      }.`;
      const agreement = byId("report-agreement");
      agreement.className = `agreement ${differs.length === 0 ? "agrees" : "differs"}`;
      agreement.textContent =
        differs.length === 0
          ? "✔ The service's report agrees with this page's own checks."
          : `⚠ Warning: the service's report differs from this page's own checks (${differs.map((cls) => CLASS_CUE[cls].word).join(", ")}). One side read the chain differently: check the codes again before recording.`;
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
