/** `veritrace notice file|answer|list`: infringement notices (rights holders) and the platforms' answers. */
import { Option, type Command } from "commander";
import type { NoticeView } from "../../api/licences.ts";
import { UsageError } from "../errors.ts";
import type { SessionOf } from "../session.ts";
import { allPages } from "../all-pages.ts";

const formatNotice = (n: NoticeView) =>
  `${n.id}  ${n.status}${n.rejection ? ` (${n.rejection}${n.explanation ? `: ${n.explanation}` : ""})` : ""}  to ${n.platform.name} in ${n.territory}  ${n.workId ? `work ${n.workId}` : `brand ${n.brandId}${n.batchId ? ` batch ${n.batchId}` : ""}`}  from ${n.senderName ?? n.sender}  filed ${n.filedAt}`;

export function registerNoticeCommands(program: Command, sessionOf: SessionOf): void {
  const notice = program.command("notice").description("infringement notices: filed by rights holders, answered by platforms, readable by anyone");

  notice
    .command("file")
    .description("file a notice to a platform about a work (or a product brand and batch); only hashes of the URL and evidence go on chain")
    .requiredOption("--platform <name>", "the platform")
    .requiredOption("--territory <CC>", "ISO 3166-1 alpha-2 jurisdiction")
    .option("--work <id>", "the infringed work")
    .option("--brand <brandId>", "or a counterfeited product's brand id")
    .option("--batch <batchId>", "and its batch id, if known")
    .requiredOption("--location <url>", "the infringing URL")
    .option("--evidence <text>", "the evidence (its SHA-256 goes on chain)")
    .option("--evidence-hash <hash>", "or the evidence's hash")
    .action(async (o: { platform: string; territory: string; work?: string; brand?: string; batch?: string; location: string; evidence?: string; evidenceHash?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const body = {
        platform: o.platform,
        territory: o.territory,
        location: o.location,
        ...(o.work ? { work: o.work } : {}),
        ...(o.brand ? { brandId: o.brand } : {}),
        ...(o.batch ? { batchId: o.batch } : {}),
        ...(o.evidence ? { evidence: o.evidence } : {}),
        ...(o.evidenceHash ? { evidenceHash: o.evidenceHash } : {}),
      };
      const made = await client.json<{ notice: NoticeView & { location: string } }>("POST", "/api/v1/notices", { body });
      out.result(made, () => `Filed: ${formatNotice(made.notice)}\n  location SHA-256 ${made.notice.locationHash} (of ${made.notice.location})`);
    });

  notice
    .command("answer")
    .description("answer a notice sent to your platform, once")
    .argument("<id>", "the notice id")
    .addOption(new Option("--answer <answer>", "what the platform did").choices(["removed", "rejected", "counter-notice"]).makeOptionMandatory())
    .addOption(new Option("--reason <reason>", "with rejected: why").choices(["licensed", "not-infringing", "insufficient-information", "location-not-found", "other"]))
    .option("--explanation <text>", "with rejected: free text, kept on chain", "")
    .option("--counter-notice <text>", "with counter-notice: its text (its SHA-256 goes on chain)")
    .option("--counter-notice-hash <hash>", "with counter-notice: or its hash")
    .action(async (id: string, o: { answer: string; reason?: string; explanation: string; counterNotice?: string; counterNoticeHash?: string }, command: Command) => {
      if (o.answer === "rejected" && o.reason === undefined) throw new UsageError("--answer rejected needs --reason", { code: "MISSING_OPTION", field: "--reason" });
      const { client, out } = sessionOf(command);
      const body =
        o.answer === "removed"
          ? { answer: "removed" }
          : o.answer === "rejected"
            ? { answer: "rejected", reason: o.reason, explanation: o.explanation }
            : { answer: "counter-notice", ...(o.counterNotice ? { counterNotice: o.counterNotice } : {}), ...(o.counterNoticeHash ? { counterNoticeHash: o.counterNoticeHash } : {}) };
      const done = await client.json<{ notice: NoticeView }>("POST", `/api/v1/notices/${encodeURIComponent(id)}/answer`, { body });
      out.result(done, () => `Answered: ${formatNotice(done.notice)}`);
    });

  notice
    .command("list")
    .description("the public register of notices and answers")
    .option("--work <id>", "a work id")
    .option("--rights-holder <who>", "sender or principal: an address or organisation id")
    .option("--platform <name>", "a platform")
    .action(async (o: { work?: string; rightsHolder?: string; platform?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const params = new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined) as [string, string][]);
      const found = { notices: await allPages<NoticeView>(client, `/api/v1/notices?${params}`, "notices") };
      out.result(found, () => (found.notices.length === 0 ? "No notices." : found.notices.map(formatNotice).join("\n")));
    });
}
