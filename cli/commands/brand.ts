/** `veritrace brand add` (the registrar admits a brand) and `veritrace brand show`. */
import type { Command } from "commander";
import type { BrandCreated, BrandView } from "../api-types.ts";
import { formatBrand, formatBrandCreated } from "../format.ts";
import type { SessionOf } from "../session.ts";

type AddOptions = { name: string; metadataUri?: string };

export function registerBrandCommands(program: Command, sessionOf: SessionOf): void {
  const brand = program.command("brand").description("admit a brand, or show yours");

  brand
    .command("add")
    .description("admit a brand on chain (needs the registrar's API key); prints the brand's API key once")
    .requiredOption("--name <name>", "the brand's registered name (its brand id is the keccak-256 of it)")
    .option("--metadata-uri <uri>", "where the brand's public metadata lives")
    .action(async (options: AddOptions, command: Command) => {
      const { client, out } = sessionOf(command);
      const body = { name: options.name, ...(options.metadataUri === undefined ? {} : { metadataUri: options.metadataUri }) };
      const created = await client.json<BrandCreated>("POST", "/api/v1/brands", { body });
      out.result(created, () => formatBrandCreated(created));
    });

  brand
    .command("show")
    .description("your brand: its id, admin and signers")
    .action(async (_options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const view = await client.json<BrandView>("GET", "/api/v1/brand");
      out.result(view, () => formatBrand(view));
    });
}
