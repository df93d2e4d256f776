/**
 * `veritrace prefix assign|withdraw|transfer|show`: the GS1 company prefixes the registrar records on chain,
 * which say whose GTINs are whose. Changes need the registrar's API key; `show` is public.
 */
import type { Command } from "commander";
import type { PrefixChange, PrefixTransfer, PrefixView } from "../../api/brands.ts";
import { parseBrandId, parsePrefix } from "../options.ts";
import type { SessionOf } from "../session.ts";

const route = (prefix: string) => `/api/v1/prefixes/${encodeURIComponent(prefix)}`;

export function registerPrefixCommands(program: Command, sessionOf: SessionOf): void {
  const prefix = program
    .command("prefix")
    .description("GS1 company prefixes on chain: which brand's GTINs are which (registrar's key, except show)");

  prefix
    .command("assign")
    .description("assign a prefix to a brand on chain: it may then anchor batches of GTINs inside it")
    .argument("<brandId>", "the brand: 0x and 64 hex digits", parseBrandId)
    .argument("<prefix>", "the GS1 company prefix: 4 to 12 digits", parsePrefix)
    .action(async (brandId: string, digits: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const change = await client.json<PrefixChange>("POST", `/api/v1/brands/${encodeURIComponent(brandId)}/prefixes`, { body: { prefix: digits } });
      out.result(change, () => `Prefix ${change.prefix} assigned to brand ${change.brandId} (transaction ${change.transactionHash}).`);
    });

  prefix
    .command("withdraw")
    .description("withdraw a prefix from its brand on chain: no new batch under it; batches anchored before stay valid")
    .argument("<prefix>", "the GS1 company prefix: 4 to 12 digits", parsePrefix)
    .action(async (digits: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const change = await client.json<PrefixChange>("DELETE", route(digits));
      out.result(change, () => `Prefix ${change.prefix} withdrawn from brand ${change.brandId} (transaction ${change.transactionHash}).`);
    });

  prefix
    .command("transfer")
    .description("move a prefix to another brand on chain; the previous holder's batches anchored before stay valid")
    .argument("<prefix>", "the GS1 company prefix: 4 to 12 digits", parsePrefix)
    .argument("<brandId>", "the brand that gets it: 0x and 64 hex digits", parseBrandId)
    .action(async (digits: string, brandId: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const change = await client.json<PrefixTransfer>("POST", `${route(digits)}/transfer`, { body: { brandId } });
      out.result(
        change,
        () => `Prefix ${change.prefix} moved from brand ${change.fromBrandId} to brand ${change.brandId} (transaction ${change.transactionHash}).`,
      );
    });

  prefix
    .command("show")
    .description("which brand holds a prefix, as the chain says (no key needed)")
    .argument("<prefix>", "the GS1 company prefix: 4 to 12 digits", parsePrefix)
    .action(async (digits: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const view = await client.json<PrefixView>("GET", route(digits), { auth: false });
      out.result(view, () =>
        view.brandId === null ? `Prefix ${view.prefix}: held by no brand.` : `Prefix ${view.prefix}: held by ${JSON.stringify(view.name)} (brand ${view.brandId}).`,
      );
    });
}
