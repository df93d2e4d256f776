/** The result card: the verdict in words, icon and colour, the item's record, and what to do next. */
import { expiryToIsoDate } from "../../core/gs1/index.ts";
import { ReasonCode, type Verdict } from "../../core/verdict.ts";
import { byId, h } from "../console/dom.ts";
import type { CheckResult } from "./check-code.ts";
import type { BatchRegistration } from "../../core/registry-reader.ts";
import { describeRoot, type Network } from "./network.ts";
import type { ScanHistory } from "./service-api.ts";
import { NEXT_STEPS, REASON_NEXT_STEP, REASON_SUMMARY, VERDICT_COPY } from "./verdict-copy.ts";

export type ResultCard = {
  show(result: CheckResult): void;
  /** Where the chain says the batch was anchored, once the page has read it. */
  showRegistration(registration: BatchRegistration): void;
  hide(): void;
};

export function createResultCard(): ResultCard {
  const card = byId("result");
  const facts = byId("verdict-facts");
  let registrationCell: HTMLElement | undefined;

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
      registrationCell = h("span", { class: "registration" });
      facts.replaceChildren(...factRows(result, registrationCell));
      byId("next-steps-body").replaceChildren(...nextSteps(result));
      byId("checked-against").textContent = checkedAgainst(result.network);
      const warning = announcementWarning(result.network);
      byId("untrusted-site").textContent = warning ?? "";
      byId("untrusted-site").hidden = warning === undefined;
      card.hidden = false;
    },
    showRegistration({ transactionHash, blockNumber }) {
      registrationCell?.replaceChildren(h("code", { class: "wrap" }, `${transactionHash} (block ${blockNumber})`));
    },
    hide() {
      card.hidden = true;
    },
  };
}

function summary({ verdict, chainUnreachable }: CheckResult): string {
  for (const reason of verdict.reasons) {
    const plain = REASON_SUMMARY[reason.code];
    if (plain !== undefined) return plain(reason.detail);
  }
  if (verdict.reasons.some((reason) => reason.code === ReasonCode.SIGNATURE_VALID_OFFLINE)) {
    return "Signature valid, not yet checked on chain. The brand's signature matches a key this device has seen registered; the recall and batch record will be checked as soon as the chain can be reached.";
  }
  if (chainUnreachable) return `${VERDICT_COPY.UNVERIFIED.summary} The blockchain could not be reached; this page will try again.`;
  return VERDICT_COPY[verdict.verdict].summary;
}

/** A brand as the chain names it: "Acme Ltd (GB)". */
function brandText(brand: { name: string; country: string; brandId: string }): string {
  const name = brand.name === "" ? brand.brandId : brand.name;
  return brand.country === "" ? name : `${name} (${brand.country})`;
}

function factRows(result: CheckResult, registrationCell: HTMLElement): HTMLElement[] {
  const { verdict, history } = result;
  const rows: [string, Node | string][] = [];
  const { code, brand, gtinOwner } = verdict;
  if (brand !== undefined) rows.push(["Signed by brand", brandText(brand)]);
  else if (verdict.brandId !== undefined) rows.push(["Signed by brand", h("code", { class: "wrap" }, verdict.brandId)]);
  if (gtinOwner !== undefined) {
    const owner = gtinOwner === null ? "No brand: the number is in no registered GS1 company prefix" : `${brandText(gtinOwner)}, GS1 company prefix ${gtinOwner.prefix}`;
    rows.push(["Product number owner", owner]);
  }
  if (code !== undefined) {
    rows.push(["Product (GTIN)", code.gtin], ["Lot", code.lot], ["Serial", code.serial]);
    if (code.expiry) rows.push(["Expiry", expiryText(code.expiry)]);
  }
  if (verdict.labelHost !== undefined) {
    const hostFlagged = verdict.reasons.some((reason) => reason.code === ReasonCode.LABEL_HOST_NOT_REGISTERED);
    const hostChecked = brand !== undefined;
    rows.push(["Label link", `${verdict.labelHost}${hostFlagged ? " — not registered for this brand" : hostChecked ? " — registered for this brand" : ""}`]);
  }
  if (verdict.batch !== undefined && verdict.batch.anchoredAt > 0) {
    rows.push(["Registered", dateTime(verdict.batch.anchoredAt)]);
    rows.push(["Transaction", registrationCell]);
  }
  if (verdict.itemStatus !== undefined) rows.push(["Status", statusText(verdict)]);
  if (verdict.batch !== undefined) rows.push(["First sale", firstSale(verdict)]);
  // A history is kept only for codes a brand's key signed: for any other code there is none to show.
  if (verdict.brandId !== undefined) rows.push(["Scan history", historyText(history)]);
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
  const override = verdict.reasons.map((reason) => REASON_NEXT_STEP[reason.code]).find((step) => step !== undefined);
  const steps: HTMLElement[] = [h("p", {}, override ?? NEXT_STEPS[verdict.verdict])];
  if (verdict.verdict === "GENUINE" || verdict.verdict === "UNVERIFIED") return steps;
  const code = verdict.code;
  const details: [string, string | undefined][] = [
    ["Verdict", `${verdict.verdict} (${verdict.reasons.map((reason) => reason.code).join(", ")})`],
    ["Product (GTIN)", code?.gtin],
    ["Lot", code?.lot],
    ["Serial", code?.serial],
    ["Brand", verdict.brand === undefined ? verdict.brandId : `${brandText(verdict.brand)}, ${verdict.brand.brandId}`],
    ["Product number owner", verdict.gtinOwner ? `${brandText(verdict.gtinOwner)}, ${verdict.gtinOwner.brandId}` : undefined],
    ["Label link", verdict.labelHost],
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

const RPC_SOURCE = { yours: "yours, from Settings", root: "named by the trusted deployment", service: "offered by this site, used with your consent", none: "" };

function checkedAgainst(network: Network): string {
  const rpc = network.rpcSource === "none" ? "no blockchain node (set one in Settings)" : `node ${network.rpcUrl} (${RPC_SOURCE[network.rpcSource]})`;
  return `Checked by this page against ${describeRoot(network.root)}, through ${rpc}.`;
}

/** What the page tells a shopper when the site it came from points to a deployment it does not trust. */
function announcementWarning(network: Network): string | undefined {
  if (network.announcementTrusted !== false || network.announced === undefined) return undefined;
  return (
    `Warning: this website points to a product record this verifier does not trust (registry ${network.announced.registry} on chain ` +
    `${network.announced.chainId}). The label was checked against ${network.root.name} instead, never against the website's record.`
  );
}
