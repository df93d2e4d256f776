/**
 * Status changes, written on chain by the brand's admin key: `veritrace batch <verb> <batchId>` for a
 * whole batch and `veritrace item <verb> …` for one item. `destroyed` is final; `active` lifts a recall
 * or a theft.
 */
import type { Command } from "commander";
import { STATUS_BY_VERB, STATUS_VERBS, type StatusVerb } from "../status-verbs.ts";
import type { StatusChange } from "../../api/batches.ts";
import { formatStatusChange } from "../format.ts";
import { resolveItemTarget } from "../item-target.ts";
import type { SessionOf } from "../session.ts";

const DESCRIPTIONS: Record<StatusVerb, string> = {
  recall: "mark as recalled (can be lifted with `active`)",
  stolen: "mark as stolen (can be lifted with `active`)",
  destroyed: "mark as destroyed (final)",
  active: "lift a recall or a theft",
};

export function registerStatusCommands(parent: Command, sessionOf: SessionOf, scope: "batch" | "item"): void {
  for (const verb of STATUS_VERBS) {
    const command = parent.command(verb).description(`${DESCRIPTIONS[verb]}${scope === "batch" ? ": the whole batch" : ""}`);
    if (scope === "batch") {
      command.argument("<batchId>", "0x and 64 hex digits").action(async (batchId: string, _options: object, cmd: Command) => {
        const { client, out } = sessionOf(cmd);
        const change = await client.json<StatusChange>("POST", `/api/v1/batches/${encodeURIComponent(batchId)}/status`, {
          body: { status: STATUS_BY_VERB[verb] },
        });
        out.result(change, () => formatStatusChange(change));
      });
      continue;
    }
    command
      .argument("[code-uri]", "the label's URI, as a scanner reads it")
      .option("--batch <batchId>", "with --serial: the item's batch, instead of a URI")
      .option("--serial <serial>", "with --batch: the item's serial")
      .action(async (uri: string | undefined, options: { batch?: string; serial?: string }, cmd: Command) => {
        const { client, out } = sessionOf(cmd);
        const target = await resolveItemTarget({ client, uri, batch: options.batch, serial: options.serial });
        const route = `/api/v1/batches/${encodeURIComponent(target.batchId)}/items/${encodeURIComponent(target.serial)}/status`;
        const change = await client.json<StatusChange>("POST", route, { body: { status: STATUS_BY_VERB[verb] } });
        out.result(change, () => formatStatusChange(change));
      });
  }
}
