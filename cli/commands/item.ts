/** `veritrace item <verb>`: one item's status, named by its label URI or by batch and serial; its first sale. */
import type { Command } from "commander";
import type { ActivationView } from "../../api/retailers.ts";
import type { SessionOf } from "../session.ts";
import { registerStatusCommands } from "./status.ts";

export function registerItemCommands(program: Command, sessionOf: SessionOf): void {
  const item = program.command("item").description("recall, flag or restore one item, or record its first sale");
  registerStatusCommands(item, sessionOf, "item");

  item
    .command("sell")
    .description("record the item's first sale on chain (your brand's key, or a retailer's it authorised); once per item")
    .argument("<code-uri>", "the label's URI, as a scanner reads it")
    .requiredOption("--country <code>", "where it was sold: ISO 3166-1 alpha-2, e.g. FR")
    .action(async (uri: string, options: { country: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const { activation } = await client.json<{ activation: ActivationView }>("POST", "/api/v1/activations", {
        body: { code: uri, country: options.country },
      });
      out.result({ activation }, () =>
        `Sold: serial ${activation.serial} in ${activation.country} at ${activation.activatedAt} by ${activation.sellerName ?? activation.seller}` +
        ` (transaction ${activation.transactionHash})`,
      );
    });
}
