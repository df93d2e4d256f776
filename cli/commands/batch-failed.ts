/**
 * `veritrace batch retry|discard`: what a brand does with a failed batch. A retry issues the same serials
 * again, signed with the brand's current signer, and follows the batch to `confirmed` as `batch create`
 * does; a discard deletes it (the service first makes sure nothing of it is on chain), freeing its lot.
 */
import type { Command } from "commander";
import type { BatchView, DiscardedBatchView } from "../../api/batches.ts";
import { BatchFailedError } from "../errors.ts";
import { formatBatch } from "../format.ts";
import type { SessionOf } from "../session.ts";
import { waitForBatch } from "../wait-for-batch.ts";

export function registerFailedBatchCommands(batch: Command, sessionOf: SessionOf): void {
  batch
    .command("retry")
    .description("issue a failed batch again (the same serials, signed with your current signer) and follow it until it is anchored")
    .argument("<batchId>", "0x and 64 hex digits")
    .action(async (batchId: string, _options: object, command: Command) => {
      const { client, out, io } = sessionOf(command);
      const accepted = await client.json<BatchView>("POST", `/api/v1/batches/${encodeURIComponent(batchId)}/retry`);
      out.note(`Batch ${accepted.id} accepted again (${accepted.quantity.toLocaleString("en")} items); waiting until it is anchored. Ctrl-C stops waiting, not the batch.`);
      const done = await waitForBatch({ client, batch: accepted, progressOn: out.interactive ? io.stderr : undefined });
      out.result(done, () => formatBatch(done));
      if (done.state === "failed") throw new BatchFailedError(done.id, done.error);
    });

  batch
    .command("discard")
    .description("delete a failed batch of which nothing is on chain, so that its lot may be registered again")
    .argument("<batchId>", "0x and 64 hex digits")
    .action(async (batchId: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const discarded = await client.json<DiscardedBatchView>("DELETE", `/api/v1/batches/${encodeURIComponent(batchId)}`);
      out.result(discarded, () => `Batch ${discarded.id} discarded: lot ${discarded.lot} of GTIN ${discarded.gtin} may be registered again`);
    });
}
