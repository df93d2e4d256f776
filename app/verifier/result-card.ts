/** The result card: the verdict in words, icon and colour, the item's record, and what to do next. */
import { expiryToIsoDate } from "../../core/gs1/index.ts";
import { ReasonCode, type Verdict } from "../../core/verdict.ts";
import { byId, h } from "../console/dom.ts";
import type { CheckResult } from "./check-code.ts";
import type { Network } from "./network.ts";
import type { ScanHistory } from "./service-api.ts";
import { NEXT_STEPS, VERDICT_COPY } from "./verdict-copy.ts";

export type ResultCard = {
  show(result: CheckResult): void;
  /** The brand's name as the service gives it, once it arrives (display only). */
  showBrandName(name: string): void;
  hide(): void;
};

export function createResultCard(): ResultCard {
  const card = byId("result");
  const facts = byId("verdict-facts");
  let brandNameCell: HTMLElement | undefined;

  return {
    show(result) {
      const { verdict } = result;
      const copy = VERDICT_COPY[verdict.verdict];
      card.className = `result tone-${copy.tone}`;
      card.dataset.verdict = verdict.verdict;
      byId("verdict-icon").textContent = copy.icon;
      byId("verdict-word").textContent = copy.word;
      byId("verdict-summary").textContent = summary(result);
      // A reason quoting a library error (viem's) runs to a dozen lines of request dump: its first line says it.
      const reasons = verdict.reasons.map((reason) => h("li", { "data-code": reason.code }, reason.message.split("\n")[0]));
      byId("verdict-reasons").replaceChildren(...reasons);
      brandNameCell = h("span", { class: "brand-name" });
      facts.replaceChildren(...factRows(result, brandNameCell));
      byId("next-steps-body").replaceChildren(...nextSteps(result));
      byId("checked-against").textContent = checkedAgainst(result.network);
      card.hidden = false;
    },
    showBrandName(name) {
      if (brandNameCell) brandNameCell.textContent = `${name} (name as given by this site)`;
    },
    hide() {
      card.hidden = true;
    },
  };
}

function summary({ verdict, chainUnreachable }: CheckResult): string {
  if (verdict.reasons.some((reason) => reason.code === ReasonCode.SIGNATURE_VALID_OFFLINE)) {
    return "Signature valid, not yet checked on chain. The brand's signature matches a key this device has seen registered; the recall and batch record will be checked as soon as the chain can be reached.";
  }
  if (chainUnreachable) return `${VERDICT_COPY.UNVERIFIED.summary} The blockchain could not be reached; this page will try again.`;
  return VERDICT_COPY[verdict.verdict].summary;
}

function factRows(result: CheckResult, brandNameCell: HTMLElement): HTMLElement[] {
  const { verdict, anchoring, history } = result;
  const rows: [string, Node | string][] = [];
  const { code } = verdict;
  if (verdict.brandId !== undefined) rows.push(["Brand", h("span", {}, brandNameCell, h("code", { class: "wrap" }, verdict.brandId))]);
  if (code !== undefined) {
    rows.push(["Product (GTIN)", code.gtin], ["Lot", code.lot], ["Serial", code.serial]);
    if (code.expiry) rows.push(["Expiry", expiryText(code.expiry)]);
  }
  if (verdict.batch !== undefined && verdict.batch.anchoredAt > 0) {
    rows.push(["Registered", dateTime(verdict.batch.anchoredAt)]);
    if (anchoring?.transactionHash) {
      rows.push(["Transaction", h("code", { class: "wrap" }, `${anchoring.transactionHash}${anchoring.blockNumber === undefined ? "" : ` (block ${anchoring.blockNumber})`}`)]);
    }
  }
  if (verdict.itemStatus !== undefined) rows.push(["Status", statusText(verdict)]);
  if (verdict.batch !== undefined) rows.push(["First sale", firstSale(verdict)]);
  rows.push(["Scan history", historyText(history)]);
  return rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]);
}

function expiryText(expiry: number): string {
  try {
    return new Date(`${expiryToIsoDate(expiry, new Date().getUTCFullYear())}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: "long", timeZone: "UTC" });
  } catch {
    return String(expiry);
  }
}

export function dateTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function statusText({ itemStatus, batchStatus }: Verdict): string {
  if (itemStatus === "Active" && batchStatus === "Active") return "Active (not recalled, stolen or destroyed)";
  const parts = [];
  if (itemStatus !== "Active") parts.push(`item ${itemStatus?.toLowerCase()}`);
  if (batchStatus !== "Active") parts.push(`whole batch ${batchStatus?.toLowerCase()}`);
  return parts.join(", ");
}

function firstSale({ activation }: Verdict): string {
  if (activation === undefined) return "Not recorded yet";
  return `${dateTime(activation.activatedAt)}${activation.country ? ` in ${activation.country}` : ""}, by seller ${activation.seller}`;
}

function historyText(history: ScanHistory | undefined): string {
  if (history === undefined) return "Unavailable: the scan log could not be reached, so copied labels could not be looked for";
  const seen = history.sessions === undefined ? "" : ` Seen on ${history.sessions} device${history.sessions === 1 ? "" : "s"}`;
  const where = history.countries && history.countries.length > 0 ? ` in ${history.countries.join(", ")}` : "";
  const pattern = history.suspicious ? "Unusual: a pattern of copied labels." : "Normal.";
  return `${pattern}${seen}${where}${seen ? "." : ""}`;
}

function nextSteps(result: CheckResult): HTMLElement[] {
  const { verdict } = result;
  const steps: HTMLElement[] = [h("p", {}, NEXT_STEPS[verdict.verdict])];
  if (verdict.verdict === "GENUINE" || verdict.verdict === "UNVERIFIED") return steps;
  const code = verdict.code;
  const details: [string, string | undefined][] = [
    ["Verdict", `${verdict.verdict} (${verdict.reasons.map((reason) => reason.code).join(", ")})`],
    ["Product (GTIN)", code?.gtin],
    ["Lot", code?.lot],
    ["Serial", code?.serial],
    ["Brand id", verdict.brandId],
    ["Checked", new Date().toLocaleString()],
    ["Scanned link", result.uri],
  ];
  steps.push(
    h("p", {}, "Details to give:"),
    h("ul", { class: "report-details" }, ...details.filter(([, value]) => value).map(([term, value]) => h("li", {}, `${term}: `, h("code", { class: "wrap" }, value)))),
    h("p", {}, "Also say where and when you bought it, and keep the product and receipt."),
  );
  return steps;
}

function checkedAgainst(network: Network): string {
  const rpc =
    network.rpcSource === "none"
      ? "no RPC (none announced, none set in Settings)"
      : `RPC ${network.rpcUrl} (${network.rpcSource === "yours" ? "yours, from Settings" : "announced by this site"})`;
  return `Checked by this page against chain ${network.chainId}, registry ${network.registry}, through ${rpc}.`;
}
