/** `veritrace signer add|remove`: the brand's issuing keys, which the service holds. */
import type { Command } from "commander";
import type { BrandView } from "../../api/brands.ts";
import { formatBrand } from "../format.ts";
import type { SessionOf } from "../session.ts";

export function registerSignerCommands(program: Command, sessionOf: SessionOf): void {
  const signer = program.command("signer").description("add or cut off your brand's issuing keys");

  signer
    .command("add")
    .description("make a new issuing key and add it on chain")
    .action(async (_options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const view = await client.json<BrandView>("POST", "/api/v1/signers");
      out.result(view, () => `Signer ${view.signers.at(-1)?.address} added.\n${formatBrand(view)}`);
    });

  signer
    .command("remove")
    .description("cut an issuing key off on chain: it signs nothing new; batches anchored before stay valid")
    .argument("<address>", "the signer's address (0x and 40 hex digits)")
    .action(async (address: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const view = await client.json<BrandView>("DELETE", `/api/v1/signers/${encodeURIComponent(address)}`);
      out.result(view, () => `Signer ${address} removed.\n${formatBrand(view)}`);
    });
}
