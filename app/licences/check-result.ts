/**
 * The answer card: YES or NO in colour, icon and words, the reason in plain language, the licence with its
 * terms and every licence above it up to the root (with revocations), and what was read from where.
 */
import { byId, h } from "../console/dom.ts";
import type { CheckAnswer, LicenceQuery, LicenceRecord } from "./licence-chain.ts";
import { UNLICENSED_COPY } from "./licence-copy.ts";
import { describeLicenceNetwork, type LicenceNetwork } from "./licence-network.ts";
import { formatCountry, formatTime, named } from "./format.ts";

export type CheckShown = { query: LicenceQuery; answer: CheckAnswer; network: LicenceNetwork; platformName: string | undefined };

export function showCheckResult({ query, answer, network, platformName }: CheckShown): string {
  const card = byId("check-result");
  const platform = named(answer.platformName ?? platformName, query.platformId);
  const owner = answer.licensed && answer.licenceId === undefined;
  card.className = `result ${answer.licensed ? "tone-ok" : "tone-bad"}`;
  card.dataset.licensed = String(answer.licensed);
  card.dataset.reason = answer.reason;
  byId("check-icon").textContent = answer.licensed ? "✓" : "✕";
  byId("check-word").textContent = answer.licensed ? "Yes: licensed" : "No: not licensed";
  const summary = answer.licensed
    ? owner
      ? "This account owns the work: its owner may always publish it."
      : `This account may publish this work on ${answer.platformName ?? platformName ?? "this platform"} in ${formatCountry(query.country)} at this time.`
    : UNLICENSED_COPY[answer.reason as Exclude<typeof answer.reason, "None">];
  byId("check-summary").textContent = summary;

  const rows: [string, string][] = [
    ["Work", query.workId],
    ["Licensee", query.licensee],
    ["Platform", answer.platformName === undefined ? `${platform}: no platform with this id is admitted on this registry` : platform],
    ["Country", formatCountry(query.country)],
    ["Date and time", formatTime(query.time)],
  ];
  if (answer.work) rows.push(["Work registered by", `${answer.work.owner} on ${formatTime(answer.work.registeredAt)}`]);
  if (answer.licenceId !== undefined) rows.push([answer.licensed ? "Licence" : "Closest licence", answer.licenceId]);
  if (!answer.licensed) rows.push(["Reason (contract)", answer.reason]);
  byId("check-facts").replaceChildren(...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));

  const terms = byId("licence-terms");
  terms.hidden = answer.chain.length === 0;
  byId("licence-chain").replaceChildren(...answer.chain.map((licence, index) => licenceItem(licence, index)));
  byId("check-read-from").textContent = `${describeLicenceNetwork(network)}; chain id ${answer.chainId} as the RPC reports it, block ${answer.blockNumber}.`;
  card.hidden = false;
  return `${byId("check-word").textContent}. ${summary}`;
}

export function hideCheckResult(): void {
  byId("check-result").hidden = true;
}

function licenceItem(licence: LicenceRecord, index: number): HTMLElement {
  const title = index === 0 ? "This licence" : licence.parentId === undefined ? "Granted under the root licence" : "Granted under";
  const state = licence.revokedAt === undefined ? h("span", { class: "state ok" }, "✓ Not revoked") : h("span", { class: "state bad" }, `✕ Revoked ${formatTime(licence.revokedAt)}`);
  const rows: [string, Node | string][] = [
    ["Id", licence.licenceId],
    ["Status", state],
    ["Licensee", licence.licensee],
    ["Granted by", `${licence.grantor} on ${formatTime(licence.grantedAt)}`],
    ["Platforms", licence.platforms.map((p) => p.name ?? p.id).join(", ")],
    ["Territories", licence.worldwide ? "Worldwide" : licence.territories.map(formatCountry).join(", ")],
    ["Period", `${formatTime(licence.start)} to ${licence.end === undefined ? "no end" : `${formatTime(licence.end)} (exclusive)`}`],
    ["May be sub-licensed", licence.sublicensable ? "Yes" : "No"],
    ["Depth", licence.depth === 1 ? "1 (a root licence, granted by the work's owner)" : `${licence.depth} (a sub-licence)`],
  ];
  return h(
    "li",
    { "data-licence": licence.licenceId, "data-revoked": String(licence.revokedAt !== undefined) },
    h("strong", {}, title),
    h("dl", { class: "facts" }, ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
  );
}
