/**
 * The result card: the verdict in a word, an icon and a colour, what happened and what to do in plain words,
 * the product as its label names it, and, folded under "details", the precise record an expert or a report
 * needs (addresses, chain, registry, batch, transaction, the reasons as the verdict states them).
 */
import { expiryToIsoDate } from "../../core/gs1/index.ts";
import { ReasonCode, type Verdict } from "../../core/verdict.ts";
import { byId, h } from "../console/dom.ts";
import type { CheckResult } from "./check-code.ts";
import type { BatchRegistration } from "../../core/registry-reader.ts";
import { icon } from "./icons.ts";
import { locale, t } from "../i18n/i18n.ts";
import { countryName, formatDateTime } from "../i18n/intl.ts";
import { describeRoot, type Network } from "./network.ts";
import type { ScanHistory } from "./service-api.ts";
import { CARD_TEXT, leadingReason, localDate, otherReasons, REASON_COPY, reasonCopy, VERDICT_COPY } from "./verdict-copy.ts";

export type ResultCard = {
  show(result: CheckResult): void;
  /** Where the chain says the batch was anchored, once the page has read it. */
  showRegistration(registration: BatchRegistration): void;
  /** The first sale's seller by name, once the service has named the account the chain records. */
  showSellerName(seller: string, name: string): void;
  hide(): void;
};

export function createResultCard(): ResultCard {
  const card = byId("result");
  const facts = byId("verdict-facts");
  let registrationCell: HTMLElement | undefined;
  let sellerCell: HTMLElement | undefined;

  return {
    show(result) {
      const { verdict } = result;
      const copy = VERDICT_COPY[verdict.verdict];
      card.className = `result tone-${copy.tone}`;
      card.dataset.verdict = verdict.verdict;
      byId("verdict-icon").replaceChildren(icon(copy.icon));
      byId("verdict-word").textContent = copy.word;
      const lead = leadingReason(verdict.reasons);
      const leadCopy = lead === undefined ? undefined : reasonCopy(lead.code);
      byId("verdict-summary").textContent = leadCopy?.headline(lead?.detail) ?? copy.headline;
      const also = otherReasons(verdict.reasons, lead);
      byId("verdict-also").replaceChildren(...also.map((sentence) => h("li", {}, sentence)));
      byId("verdict-also").hidden = also.length === 0;
      const expired = verdict.reasons.some((reason) => reason.code === ReasonCode.EXPIRED) && verdict.expiry !== undefined;
      const expiryLine = byId("verdict-expiry");
      expiryLine.replaceChildren(...(expired ? [icon("expired"), h("span", {}, CARD_TEXT.expiredLine(localDate(verdict.expiry!.date)))] : []));
      expiryLine.hidden = !expired;
      const warning = announcementWarning(result.network);
      byId("untrusted-site").textContent = warning ?? "";
      byId("untrusted-site").hidden = warning === undefined;
      const advice = leadCopy?.whatToDo ?? (expired && verdict.verdict === "GENUINE" ? REASON_COPY.EXPIRED.whatToDo : undefined) ?? copy.whatToDo;
      byId("next-steps-body").replaceChildren(h("p", {}, advice));
      byId("verdict-product").replaceChildren(...definitions(productRows(verdict)));

      // The details: folded again for every new answer, so that a shopper always reads the plain words first.
      byId<HTMLDetailsElement>("verdict-details").open = false;
      // A reason quoting a library error (viem's) runs to a dozen lines of request dump: its first line says it.
      const reasons = verdict.reasons.map((reason) => h("li", { "data-code": reason.code }, ...withLocalTimes(reason.message.split("\n")[0]!)));
      byId("verdict-reasons").replaceChildren(...reasons);
      registrationCell = h("span", { class: "registration" });
      sellerCell = verdict.activation === undefined ? undefined : h("span", { class: "seller", "data-seller": verdict.activation.seller }, h("code", { class: "wrap" }, verdict.activation.seller));
      facts.replaceChildren(...definitions(factRows(result, registrationCell, sellerCell)));
      byId("report-details").replaceChildren(...reportDetails(result));
      byId("checked-against").textContent = checkedAgainst(result.network);
      document.title = CARD_TEXT.pageTitle([`${copy.word}${titleSubject(verdict)}`]);
      card.hidden = false;
    },
    showRegistration({ transactionHash, blockNumber }) {
      registrationCell?.replaceChildren(h("code", { class: "wrap" }, t("facts.transactionBlock", { hash: transactionHash, block: String(blockNumber) })));
    },
    showSellerName(seller, name) {
      if (sellerCell?.dataset.seller?.toLowerCase() !== seller.toLowerCase()) return;
      sellerCell.replaceChildren(CARD_TEXT.sellerNamed(name), " ", h("code", { class: "wrap" }, seller));
    },
    hide() {
      card.hidden = true;
    },
  };
}

/** Who the answer is about, for the page's title: the brand for an item it issued, else the one a copy imitates. */
function titleSubject({ verdict, brand, gtinOwner }: Verdict): string {
  if (verdict === "COUNTERFEIT") return gtinOwner ? ` — ${CARD_TEXT.counterfeitOf(brandText(gtinOwner))}` : "";
  if (verdict === "UNVERIFIED") return "";
  return brand ? ` — ${brandText(brand)}` : "";
}

const definitions = (rows: [string, Node | string][]) => rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]);

/** The product as a shopper knows it, shown open: no address, no chain. */
function productRows(verdict: Verdict): [string, string][] {
  const rows: [string, string][] = [];
  const { code, brand, gtinOwner } = verdict;
  const issued = verdict.verdict === "GENUINE" || verdict.verdict === "SUSPICIOUS" || verdict.verdict === "REVOKED";
  const label = CARD_TEXT.product;
  if (issued && brand !== undefined) rows.push([label.brand, brandText(brand)]);
  else if (gtinOwner) rows.push([label.numberOwner, brandText(gtinOwner)]);
  if (code !== undefined) rows.push([label.gtin, code.gtin], [label.lot, code.lot], [label.serial, code.serial]);
  if (verdict.expiry !== undefined) rows.push([verdict.expiry.expired ? CARD_TEXT.expiredOn : CARD_TEXT.useBy, localDate(verdict.expiry.date)]);
  return rows;
}


/** A brand as the chain names it: "Acme Ltd (GB)". */
function brandText(brand: { name: string; country: string; brandId: string }): string {
  const name = brand.name === "" ? brand.brandId : brand.name;
  return brand.country === "" ? name : `${name} (${brand.country})`;
}

/** The precise record, for the details: every fact read from the chain, with the addresses that say it. */
function factRows(result: CheckResult, registrationCell: HTMLElement, sellerCell: HTMLElement | undefined): [string, Node | string][] {
  const { verdict, history, network } = result;
  const rows: [string, Node | string][] = [];
  const { code, brand, gtinOwner } = verdict;
  const mono = (text: string) => h("code", { class: "wrap" }, text);
  if (brand !== undefined) rows.push([t("facts.signedBy"), brandText(brand)]);
  else if (verdict.brandId !== undefined) rows.push([t("facts.signedBy"), mono(verdict.brandId)]);
  if (verdict.signer !== undefined) rows.push([t("facts.signingKey"), mono(verdict.signer)]);
  if (gtinOwner !== undefined) {
    const owner = gtinOwner === null ? t("facts.noOwner") : t("facts.ownerPrefix", { brand: brandText(gtinOwner), prefix: gtinOwner.prefix });
    rows.push([t("facts.numberOwner"), owner]);
  }
  if (code !== undefined) {
    rows.push([t("facts.gtin"), code.gtin], [t("facts.lot"), code.lot], [t("facts.serial"), code.serial]);
    if (code.expiry) rows.push([t("facts.expiry"), expiryText(code.expiry)]);
  }
  if (verdict.labelHost !== undefined) {
    const host = verdict.labelHost;
    const hostFlagged = verdict.reasons.some((reason) => reason.code === ReasonCode.LABEL_HOST_NOT_REGISTERED);
    const hostChecked = brand !== undefined;
    rows.push([t("facts.labelLink"), hostFlagged ? t("facts.hostNotRegistered", { host }) : hostChecked ? t("facts.hostRegistered", { host }) : host]);
  }
  if (verdict.batchId !== undefined) rows.push([t("facts.batchId"), mono(verdict.batchId)]);
  if (verdict.itemId !== undefined) rows.push([t("facts.itemId"), mono(verdict.itemId)]);
  if (verdict.batch !== undefined && verdict.batch.anchoredAt > 0) {
    rows.push([t("facts.registered"), dateTime(verdict.batch.anchoredAt)]);
    rows.push([t("facts.transaction"), registrationCell]);
  }
  if (verdict.itemStatus !== undefined) rows.push([t("facts.status"), statusText(verdict)]);
  if (verdict.batch !== undefined) rows.push([t("facts.firstSale"), firstSale(verdict)]);
  if (sellerCell !== undefined) rows.push([t("facts.soldBy"), sellerCell]);
  // A history is kept only for codes a brand's key signed: for any other code there is none to show.
  if (verdict.brandId !== undefined) rows.push([t("facts.scanHistory"), historyText(history)]);
  const root = verdict.root;
  if (root !== undefined) rows.push([t("facts.record"), root.name], [t("facts.chainId"), String(root.chainId)], [t("facts.registry"), mono(root.registry)]);
  if (network.announcementTrusted === false && network.announced !== undefined) {
    rows.push([t("facts.announcedRecord"), mono(t("facts.announcedValue", { registry: network.announced.registry, chainId: network.announced.chainId }))]);
  }
  return rows;
}

function expiryText(expiry: number): string {
  try {
    return new Date(`${expiryToIsoDate(expiry, new Date().getUTCFullYear())}T00:00:00Z`).toLocaleDateString(locale(), { dateStyle: "long", timeZone: "UTC" });
  } catch {
    return String(expiry);
  }
}

export function dateTime(seconds: number, withSeconds = false): string {
  return formatDateTime(seconds, { dateStyle: "medium", timeStyle: withSeconds ? "medium" : "short" });
}

function statusText({ itemStatus, batchStatus, reasons }: Verdict): string {
  if (itemStatus === "Active" && batchStatus === "Active") {
    // "Active" alone beside REVOKED would contradict the headline: say what withdrew the label.
    const keyWithdrawn = reasons.some((reason) => reason.code === ReasonCode.SIGNER_REVOKED_BEFORE_BATCH);
    return keyWithdrawn ? CARD_TEXT.statusSignerWithdrawn : CARD_TEXT.statusActive;
  }
  const parts = [];
  if (itemStatus !== undefined && itemStatus !== "Active") parts.push(t(`facts.item.${itemStatus}`));
  if (batchStatus !== undefined && batchStatus !== "Active") parts.push(t(`facts.batch.${batchStatus}`));
  return new Intl.ListFormat(locale(), { type: "unit" }).format(parts);
}

function firstSale({ activation }: Verdict): string {
  if (activation === undefined) return CARD_TEXT.firstSaleNone;
  return CARD_TEXT.firstSale(dateTime(activation.activatedAt), activation.country === "" ? undefined : countryName(activation.country));
}

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g;

/** A reason's precise sentence with its ISO times written as the reader's locale does, the exact time kept in `datetime`. */
function withLocalTimes(message: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  let last = 0;
  for (const match of message.matchAll(ISO_TIME)) {
    parts.push(message.slice(last, match.index), h("time", { datetime: match[0], title: match[0] }, dateTime(Date.parse(match[0]) / 1000, true)));
    last = match.index + match[0].length;
  }
  parts.push(message.slice(last));
  return parts;
}

function historyText(history: ScanHistory | undefined): string {
  if (history === undefined) return t("facts.historyUnavailable");
  const pattern = history.suspicious ? t("facts.historyUnusual") : t("facts.historyNormal");
  if (history.sessions === undefined) return pattern;
  const count = history.sessions;
  const countries = history.countries ?? [];
  const form = count === 1 ? "one" : "other";
  const seen =
    countries.length === 0
      ? t(`facts.historySeen.${form}`, { count: count.toLocaleString(locale()) })
      : t(`facts.historySeenIn.${form}`, { count: count.toLocaleString(locale()), countries: new Intl.ListFormat(locale(), { type: "unit" }).format(countries.map(countryName)) });
  return `${pattern} ${seen}`;
}

/** What a shopper reporting a fake or a recall should pass on; none for an answer that asks no report. */
function reportDetails(result: CheckResult): HTMLElement[] {
  const { verdict } = result;
  if (verdict.verdict === "GENUINE" || verdict.verdict === "UNVERIFIED") return [];
  const code = verdict.code;
  const details: [string, string | undefined][] = [
    [t("report.verdict"), `${verdict.verdict} (${verdict.reasons.map((reason) => reason.code).join(", ")})`],
    [t("facts.gtin"), code?.gtin],
    [t("facts.lot"), code?.lot],
    [t("facts.serial"), code?.serial],
    [t("report.brand"), verdict.brand === undefined ? verdict.brandId : `${brandText(verdict.brand)}, ${verdict.brand.brandId}`],
    [t("facts.numberOwner"), verdict.gtinOwner ? `${brandText(verdict.gtinOwner)}, ${verdict.gtinOwner.brandId}` : undefined],
    [t("facts.labelLink"), verdict.labelHost],
    [t("report.checked"), new Date().toLocaleString(locale())],
    [t("report.scannedLink"), result.uri],
  ];
  return [
    h("p", {}, CARD_TEXT.reportHeading),
    h("ul", { class: "report-details" }, ...details.filter(([, value]) => value).map(([term, value]) => h("li", {}, `${term}: `, h("code", { class: "wrap" }, value)))),
    h("p", {}, CARD_TEXT.reportFooter),
  ];
}

function checkedAgainst(network: Network): string {
  const rpc = network.rpcSource === "none" ? t("checked.noNode") : t(`checked.node.${network.rpcSource}`, { url: network.rpcUrl ?? "" });
  return t("checked.sentence", { root: describeRoot(network.root), rpc });
}

/** What the page tells a shopper when the site it came from points to a deployment it does not trust. */
function announcementWarning(network: Network): string | undefined {
  if (network.announcementTrusted !== false || network.announced === undefined) return undefined;
  return CARD_TEXT.untrustedSite(network.root.name);
}
