/**
 * `veritrace label-domain add|remove`: the hosts a brand's labels may point to, recorded on chain by the
 * registrar. A label whose link names another host was not printed by the brand (a look-alike site), and a
 * verifier says so.
 */
import type { Command } from "commander";
import type { LabelDomainChange } from "../../api/brands.ts";
import { parseBrandId, parseHost } from "../options.ts";
import type { SessionOf } from "../session.ts";

const route = (brandId: string) => `/api/v1/brands/${encodeURIComponent(brandId)}/label-domains`;

export function registerLabelDomainCommands(program: Command, sessionOf: SessionOf): void {
  const labelDomain = program.command("label-domain").description("the hosts a brand's labels may point to, on chain (registrar's key)");

  labelDomain
    .command("add")
    .description("record a host the brand's labels may point to")
    .argument("<brandId>", "the brand: 0x and 64 hex digits", parseBrandId)
    .argument("<host>", "the host, e.g. id.brand.example or id.brand.example:8443 (no scheme or path)", parseHost)
    .action(async (brandId: string, host: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const change = await client.json<LabelDomainChange>("POST", route(brandId), { body: { host } });
      out.result(change, () => `Label host ${change.host} added for brand ${change.brandId} (transaction ${change.transactionHash}).`);
    });

  labelDomain
    .command("remove")
    .description("remove a host: labels pointing to it are then SUSPICIOUS")
    .argument("<brandId>", "the brand: 0x and 64 hex digits", parseBrandId)
    .argument("<host>", "the host, as it was added", parseHost)
    .action(async (brandId: string, host: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const change = await client.json<LabelDomainChange>("DELETE", `${route(brandId)}/${encodeURIComponent(host)}`);
      out.result(change, () => `Label host ${change.host} removed from brand ${change.brandId} (transaction ${change.transactionHash}).`);
    });
}
