/** `veritrace retailer add|list|remove`: shops your brand authorises on chain to record first sales. */
import type { Command } from "commander";
import type { RetailerView } from "../../api/retailers.ts";
import type { SessionOf } from "../session.ts";

const formatRetailer = (r: RetailerView) =>
  `${r.name}  ${r.id}  ${r.address}  ${r.authorised ? "authorised" : `deauthorised ${r.removedAt}`}`;

export function registerRetailerCommands(program: Command, sessionOf: SessionOf): void {
  const retailer = program.command("retailer").description("authorise the shops that record first sales of your items");

  retailer
    .command("add")
    .description("make a retailer account, authorise it on chain, and print its API key (shown once)")
    .requiredOption("--name <name>", "the retailer's name")
    .action(async (options: { name: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const created = await client.json<{ retailer: RetailerView; apiKey: string }>("POST", "/api/v1/retailers", { body: { name: options.name } });
      out.result(created, () => `Retailer authorised: ${formatRetailer(created.retailer)}\nAPI key (shown once): ${created.apiKey}`);
    });

  retailer
    .command("list")
    .description("your brand's retailers")
    .action(async (_options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const list = await client.json<{ retailers: RetailerView[] }>("GET", "/api/v1/retailers");
      out.result(list, () => (list.retailers.length === 0 ? "No retailers." : list.retailers.map(formatRetailer).join("\n")));
    });

  retailer
    .command("remove")
    .description("withdraw a retailer's authorisation on chain; the sales it recorded stay")
    .argument("<id>", "the retailer's id, as `retailer list` prints it")
    .action(async (id: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const removed = await client.json<RetailerView>("DELETE", `/api/v1/retailers/${encodeURIComponent(id)}`);
      out.result(removed, () => `Retailer deauthorised: ${formatRetailer(removed)}`);
    });
}
