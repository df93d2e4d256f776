/** `veritrace licence grant|revoke|check|list`: licences on registered works, and the chain's isLicensed. */
import type { Command } from "commander";
import type { LicenceCheck, LicenceView } from "../../api/licences.ts";
import type { SessionOf } from "../session.ts";
import { allPages } from "../all-pages.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

const formatLicence = (l: LicenceView) =>
  [
    `licence ${l.id}${l.revokedAt ? `  REVOKED ${l.revokedAt}` : ""}`,
    `  work         ${l.workId}`,
    `  licensee     ${l.licensee}${l.licenseeName ? ` (${l.licenseeName})` : ""}`,
    `  granted by   ${l.grantor}${l.grantorName ? ` (${l.grantorName})` : ""}, depth ${l.depth}${l.parentId ? `, under ${l.parentId}` : ""}`,
    `  platforms    ${l.platforms.map((p) => p.name).join(", ")}`,
    `  territories  ${l.territories === "worldwide" ? "worldwide" : l.territories.join(", ")}`,
    `  period       ${l.start} to ${l.end ?? "no end"}`,
    `  sublicensable ${l.sublicensable ? "yes" : "no"}`,
  ].join("\n");

export function registerLicenceCommands(program: Command, sessionOf: SessionOf): void {
  const licence = program.command("licence").description("licences: who may publish a work, on which platform, where, until when");

  licence
    .command("grant")
    .description("grant a licence on your work, or a sub-licence under a sub-licensable licence you hold (--parent)")
    .requiredOption("--work <id>", "the work id")
    .requiredOption("--licensee <who>", "an address or organisation id")
    .requiredOption("--platform <name>", "a platform (repeat for several)", collect)
    .requiredOption("--territory <CC>", 'ISO 3166-1 alpha-2 (repeat for several), or "worldwide"', collect)
    .requiredOption("--start <date>", "ISO 8601 date or date-time")
    .option("--end <date>", "ISO 8601 (default: no end)")
    .option("--sublicensable", "the licensee may grant sub-licences within it", false)
    .option("--parent <id>", "the licence this sub-licence is carved out of")
    .action(async (o: { work: string; licensee: string; platform: string[]; territory: string[]; start: string; end?: string; sublicensable: boolean; parent?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const body = {
        workId: o.work,
        licensee: o.licensee,
        platforms: o.platform,
        territories: o.territory.length === 1 && o.territory[0] === "worldwide" ? "worldwide" : o.territory,
        start: o.start,
        ...(o.end ? { end: o.end } : {}),
        sublicensable: o.sublicensable,
        ...(o.parent ? { parent: o.parent } : {}),
      };
      const made = await client.json<{ licence: LicenceView & { transactionHash: string } }>("POST", "/api/v1/licences", { body });
      out.result(made, () => `Granted:\n${formatLicence(made.licence)}`);
    });

  licence
    .command("revoke")
    .description("revoke a licence you granted or on your work; its sub-licences fall with it")
    .argument("<id>", "the licence id")
    .action(async (id: string, _o: unknown, command: Command) => {
      const { client, out } = sessionOf(command);
      const done = await client.json<{ licence: LicenceView }>("DELETE", `/api/v1/licences/${encodeURIComponent(id)}`);
      out.result(done, () => `Revoked:\n${formatLicence(done.licence)}`);
    });

  licence
    .command("check")
    .description("may the licensee publish the work on the platform, in the territory, at the time? (the chain's isLicensed)")
    .requiredOption("--work <id>", "the work id")
    .requiredOption("--licensee <who>", "an address or organisation id")
    .requiredOption("--platform <name>", "the platform")
    .requiredOption("--territory <CC>", "ISO 3166-1 alpha-2")
    .option("--time <iso>", "when (default now)")
    .action(async (o: { work: string; licensee: string; platform: string; territory: string; time?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const params = new URLSearchParams({ work: o.work, licensee: o.licensee, platform: o.platform, territory: o.territory, ...(o.time ? { time: o.time } : {}) });
      const r = await client.json<LicenceCheck & { time: string }>("GET", `/api/v1/licences/check?${params}`, { auth: false });
      out.result(r, () => (r.licensed ? `LICENSED${r.licenceId ? ` by licence ${r.licenceId}` : " (the work's owner)"}` : `NOT LICENSED: ${r.reason}${r.licenceId ? ` (closest licence ${r.licenceId})` : ""}`));
    });

  licence
    .command("list")
    .description("licences granted, filtered by work, licensee and platform")
    .option("--work <id>", "a work id")
    .option("--licensee <who>", "an address or organisation id")
    .option("--platform <name>", "a platform")
    .action(async (o: { work?: string; licensee?: string; platform?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const params = new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined) as [string, string][]);
      const found = { licences: await allPages<LicenceView>(client, `/api/v1/licences?${params}`, "licences") };
      out.result(found, () => (found.licences.length === 0 ? "No licences." : found.licences.map(formatLicence).join("\n")));
    });
}
