/** The notices register as cards: who sent what to which platform about which work, and the answer. */
import { h } from "../console/dom.ts";
import type { NoticeRecord } from "./licence-chain.ts";
import { REJECTION_COPY } from "./licence-copy.ts";
import { formatCountry, formatTime, named } from "./format.ts";

const ANSWER_TONE = { Filed: "unknown", Removed: "ok", Rejected: "bad", CounterNoticed: "warn", None: "unknown" } as const;
const ANSWER_ICON = { Filed: "…", Removed: "✓", Rejected: "✕", CounterNoticed: "↩", None: "?" } as const;

export function noticeCard(notice: NoticeRecord): HTMLElement {
  const subject: [string, string][] = notice.workId
    ? [["Work", notice.workId]]
    : [
        ["Brand", notice.brandId ?? "—"],
        ["Batch", notice.batchId ?? "the brand as a whole"],
      ];
  const rows: [string, string][] = [
    ["Notice", notice.noticeId],
    ["Filed", formatTime(notice.filedAt)],
    ["Sender", named(notice.senderName, notice.sender)],
    ["Rights holder", named(notice.principalName, notice.principal)],
    ["Platform", named(notice.platformName, notice.platformId)],
    ["Territory", formatCountry(notice.territory)],
    ...subject,
    ["Location hash", notice.locationHash],
    ["Evidence hash", notice.evidenceHash],
  ];
  const heading = `${notice.platformName ?? "Platform"} · ${notice.territory} · ${notice.workId ? "a work" : "a product"}`;
  return h(
    "li",
    { class: `notice-card tone-${ANSWER_TONE[notice.status]}`, "data-notice": notice.noticeId, "data-status": notice.status },
    h("h2", {}, h("span", { class: "verdict-icon", "aria-hidden": "true" }, ANSWER_ICON[notice.status]), heading),
    h("p", { class: "answer" }, answerText(notice)),
    h("dl", { class: "facts" }, ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
  );
}

export function answerText(notice: NoticeRecord): string {
  const when = notice.answeredAt === undefined ? "" : ` on ${formatTime(notice.answeredAt)}`;
  switch (notice.status) {
    case "Removed":
      return `Answer: removed${when}.`;
    case "Rejected":
      return `Answer: rejected${when}: ${REJECTION_COPY[notice.rejection]}${notice.explanation ? ` (“${notice.explanation}”)` : ""}.`;
    case "CounterNoticed":
      return `Answer: counter-notice${when}, hash ${notice.counterNoticeHash ?? "—"}.`;
    default:
      return "Awaiting the platform's answer.";
  }
}
