/** `veritrace rights-holder add` and `platform add` (the registrar): admit them on chain and print their API key. */
import type { Command } from "commander";
import type { LicencePartyView } from "../../api/licences.ts";
import type { SessionOf } from "../session.ts";

function registerAdd(program: Command, sessionOf: SessionOf, kind: "rights-holder" | "platform"): void {
  const [route, key] = kind === "rights-holder" ? (["rights-holders", "rightsHolder"] as const) : (["platforms", "platform"] as const);
  program
    .command(kind)
    .description(kind === "rights-holder" ? "admit rights holders: they register works, grant licences, file notices (registrar)" : "admit platforms: they check uploads and answer notices (registrar)")
    .command("add")
    .description(`admit a ${kind.replace("-", " ")} on chain and print its API key (shown once)`)
    .requiredOption("--name <name>", kind === "platform" ? "its public name (its on-chain id is keccak256 of it)" : "its public name")
    .action(async (options: { name: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const created = await client.json<Record<string, LicencePartyView> & { apiKey: string }>("POST", `/api/v1/${route}`, { body: options });
      const p = created[key]!;
      out.result(created, () => [`Admitted: ${p.name}  ${p.id}  ${p.address}`, ...(p.platformId ? [`platform id ${p.platformId}`] : []), `API key (shown once): ${created.apiKey}`].join("\n"));
    });
}

export function registerLicencePartyCommands(program: Command, sessionOf: SessionOf): void {
  registerAdd(program, sessionOf, "rights-holder");
  registerAdd(program, sessionOf, "platform");
}
