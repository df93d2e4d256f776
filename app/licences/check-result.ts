/**
 * The answer card: YES or NO in colour, icon and words, the reason in plain language, the licence with its
 * terms and every licence above it up to the root (with revocations), and what was read from where.
 */
import { byId, h } from "../console/dom.ts";
import type { CheckAnswer, LicenceQuery, LicenceRecord } from "./licence-chain.ts";
import { unlicensedCopy } from "./licence-copy.ts";
import { describeLicenceNetwork, type LicenceNetwork } from "./licence-network.ts";
import { formatCountry, formatTime, named } from "./format.ts";
import { t } from "./words.ts";
import { formatList, formatNumber } from "../i18n/intl.ts";

export type CheckShown = { query: LicenceQuery; answer: CheckAnswer; network: LicenceNetwork; platformName: string | undefined };

export function showCheckResult({ query, answer, network, platformName }: CheckShown): string {
  const card = byId("check-result");
  const platform = named(answer.platformName ?? platformName, query.platformId);
  const owner = answer.licensed && answer.licenceId === undefined;
  card.className = `result ${answer.licensed ? "tone-ok" : "tone-bad"}`;
  card.dataset.licensed = String(answer.licensed);
  card.dataset.reason = answer.reason;
  byId("check-icon").textContent = answer.licensed ? "✓" : "✕";
  byId("check-word").textContent = answer.licensed ? t("result.yes") : t("result.no");
  const summary = answer.licensed
    ? owner
      ? t("result.owner")
      : t("result.licensed", { platform: answer.platformName ?? platformName ?? t("result.thisPlatform"), country: formatCountry(query.country) })
    : unlicensedCopy(answer.reason as Exclude<typeof answer.reason, "None">);
  byId("check-summary").textContent = summary;

  const rows: [string, string][] = [
    [t("term.work"), query.workId],
    [t("term.licensee"), query.licensee],
    [t("term.platform"), answer.platformName === undefined ? t("result.unknownPlatform", { platform }) : platform],
    [t("term.country"), formatCountry(query.country)],
    [t("term.dateTime"), formatTime(query.time)],
  ];
  if (answer.work) rows.push([t("term.workRegisteredBy"), t("result.registeredBy", { owner: answer.work.owner, time: formatTime(answer.work.registeredAt) })]);
  if (answer.licenceId !== undefined) rows.push([answer.licensed ? t("term.licence") : t("term.closestLicence"), answer.licenceId]);
  if (!answer.licensed) rows.push([t("term.reason"), answer.reason]);
  byId("check-facts").replaceChildren(...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));

  const terms = byId("licence-terms");
  terms.hidden = answer.chain.length === 0;
  byId("licence-chain").replaceChildren(...answer.chain.map((licence, index) => licenceItem(licence, index)));
  byId("check-read-from").textContent = t("result.readFrom", { network: describeLicenceNetwork(network), chainId: answer.chainId, block: formatNumber(answer.blockNumber) });
  card.hidden = false;
  return `${byId("check-word").textContent}. ${summary}`;
}

export function hideCheckResult(): void {
  byId("check-result").hidden = true;
}

function licenceItem(licence: LicenceRecord, index: number): HTMLElement {
  const title = index === 0 ? t("licence.this") : licence.parentId === undefined ? t("licence.underRoot") : t("licence.under");
  const state =
    licence.revokedAt === undefined
      ? h("span", { class: "state ok" }, t("licence.notRevoked"))
      : h("span", { class: "state bad" }, t("licence.revoked", { time: formatTime(licence.revokedAt) }));
  const start = formatTime(licence.start);
  const depth = formatNumber(licence.depth);
  const rows: [string, Node | string][] = [
    [t("licence.id"), licence.licenceId],
    [t("licence.status"), state],
    [t("term.licensee"), licence.licensee],
    [t("licence.grantedBy"), t("licence.grantedByValue", { grantor: licence.grantor, time: formatTime(licence.grantedAt) })],
    [t("licence.platforms"), formatList(licence.platforms.map((p) => p.name ?? p.id))],
    [t("licence.territories"), licence.worldwide ? t("licence.worldwide") : formatList(licence.territories.map(formatCountry))],
    [
      t("licence.period"),
      licence.end === undefined ? t("licence.periodOpen", { start }) : t("licence.periodValue", { start, end: t("licence.endExclusive", { end: formatTime(licence.end) }) }),
    ],
    [t("licence.sublicensable"), licence.sublicensable ? t("licence.yes") : t("licence.no")],
    [t("licence.depth"), licence.depth === 1 ? t("licence.depthRoot", { depth }) : t("licence.depthSub", { depth })],
  ];
  return h(
    "li",
    { "data-licence": licence.licenceId, "data-revoked": String(licence.revokedAt !== undefined) },
    h("strong", {}, title),
    h("dl", { class: "facts" }, ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
  );
}
