/** The notices register as cards: who sent what to which platform about which work, and the answer. */
import { h } from "../console/dom.ts";
import type { NoticeRecord } from "./licence-chain.ts";
import { rejectionCopy } from "./licence-copy.ts";
import { formatCountry, formatTime, named } from "./format.ts";
import { t } from "./words.ts";

const ANSWER_TONE = { Filed: "unknown", Removed: "ok", Rejected: "bad", CounterNoticed: "warn", None: "unknown" } as const;
const ANSWER_ICON = { Filed: "…", Removed: "✓", Rejected: "✕", CounterNoticed: "↩", None: "?" } as const;

export function noticeCard(notice: NoticeRecord): HTMLElement {
  const subject: [string, string][] = notice.workId
    ? [[t("notice.work"), notice.workId]]
    : [
        [t("notice.brand"), notice.brandId ?? "—"],
        [t("notice.batch"), notice.batchId ?? t("notice.wholeBrand")],
      ];
  const rows: [string, string][] = [
    [t("notice.notice"), notice.noticeId],
    [t("notice.filed"), formatTime(notice.filedAt)],
    [t("notice.sender"), named(notice.senderName, notice.sender)],
    [t("notice.holder"), named(notice.principalName, notice.principal)],
    [t("notice.platform"), named(notice.platformName, notice.platformId)],
    [t("notice.territory"), formatCountry(notice.territory)],
    ...subject,
    [t("notice.locationHash"), notice.locationHash],
    [t("notice.evidenceHash"), notice.evidenceHash],
  ];
  const heading = `${notice.platformName ?? t("notice.platform")} · ${notice.territory} · ${notice.workId ? t("notice.aWork") : t("notice.aProduct")}`;
  return h(
    "li",
    { class: `notice-card tone-${ANSWER_TONE[notice.status]}`, "data-notice": notice.noticeId, "data-status": notice.status },
    h("h2", {}, h("span", { class: "verdict-icon", "aria-hidden": "true" }, ANSWER_ICON[notice.status]), heading),
    h("p", { class: "answer" }, answerText(notice)),
    h("dl", { class: "facts" }, ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
  );
}

export function answerText(notice: NoticeRecord): string {
  const time = notice.answeredAt === undefined ? undefined : formatTime(notice.answeredAt);
  const at: Record<string, string> = time === undefined ? {} : { time };
  switch (notice.status) {
    case "Removed":
      return time === undefined ? t("notice.removed") : t("notice.removedOn", at);
    case "Rejected": {
      const params = { ...at, reason: rejectionCopy(notice.rejection), explanation: notice.explanation ? t("notice.explanation", { text: notice.explanation }) : "" };
      return time === undefined ? t("notice.rejected", params) : t("notice.rejectedOn", params);
    }
    case "CounterNoticed": {
      const params = { ...at, hash: notice.counterNoticeHash ?? "—" };
      return time === undefined ? t("notice.counter", params) : t("notice.counterOn", params);
    }
    default:
      return t("notice.awaiting");
  }
}
