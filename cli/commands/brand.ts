/** `veritrace brand add` (the registrar admits a brand, with its country, GS1 prefixes and label hosts) and `veritrace brand show`. */
import type { Command } from "commander";
import type { BrandCreated, BrandView } from "../../api/brands.ts";
import { formatBrand, formatBrandCreated } from "../format.ts";
import { collect, parseCountry, parseHost, parsePrefix } from "../options.ts";
import type { SessionOf } from "../session.ts";

type AddOptions = { name: string; metadataUri?: string; country?: string; prefix?: string[]; labelDomain?: string[] };

export function registerBrandCommands(program: Command, sessionOf: SessionOf): void {
  const brand = program.command("brand").description("admit a brand, or show yours");

  brand
    .command("add")
    .description("admit a brand on chain (needs the registrar's API key); prints the brand's API key once")
    .requiredOption("--name <name>", "the brand's registered name, recorded on chain (its brand id is the keccak-256 of it)")
    .option("--country <CC>", "where the brand is established, recorded on chain: ISO 3166-1 alpha-2, e.g. GB", parseCountry)
    .option("--prefix <digits>", "a GS1 company prefix (4-12 digits) to assign it on chain: its GTINs; repeat for several", collect(parsePrefix))
    .option(
      "--label-domain <host>",
      "a host its labels may point to (e.g. id.brand.example, no scheme or path); repeat for several (default: the host the service prints in label links)",
      collect(parseHost),
    )
    .option("--metadata-uri <uri>", "where the brand's public metadata lives")
    .action(async (options: AddOptions, command: Command) => {
      const { client, out } = sessionOf(command);
      const body = {
        name: options.name,
        ...(options.country === undefined ? {} : { country: options.country }),
        ...(options.metadataUri === undefined ? {} : { metadataUri: options.metadataUri }),
        ...(options.prefix === undefined ? {} : { prefixes: options.prefix }),
        ...(options.labelDomain === undefined ? {} : { labelDomains: options.labelDomain }),
      };
      const created = await client.json<BrandCreated>("POST", "/api/v1/brands", { body });
      out.result(created, () => formatBrandCreated(created));
    });

  brand
    .command("show")
    .description("your brand: its id, country, GS1 prefixes, label hosts, admin and signers")
    .action(async (_options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const view = await client.json<BrandView>("GET", "/api/v1/brand");
      out.result(view, () => formatBrand(view));
    });
}
