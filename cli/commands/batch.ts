/** `veritrace batch …`: create, follow, list and print a brand's batches, retry or discard a failed one, and set a whole batch's status. */
import type { Command } from "commander";
import type { BatchDetailView, BatchList, LabelFormat } from "../../api/batches.ts";
import { formatBatch, formatBatchList } from "../format.ts";
import { resolveLabelFormat } from "../label-format.ts";
import { downloadLabels, formatLabelsSaved } from "../labels.ts";
import { formatOption } from "../options.ts";
import type { SessionOf } from "../session.ts";
import { registerBatchCreate } from "./batch-create.ts";
import { registerFailedBatchCommands } from "./batch-failed.ts";
import { registerStatusCommands } from "./status.ts";

export function registerBatchCommands(program: Command, sessionOf: SessionOf): void {
  const batch = program.command("batch").description("register batches, follow them, retry or discard failed ones, print their labels, recall them");
  registerBatchCreate(batch, sessionOf);

  batch
    .command("status")
    .description("a batch's anchoring and progress, and its statuses on chain (the batch's and its items')")
    .argument("<batchId>", "0x and 64 hex digits")
    .action(async (batchId: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const view = await client.json<BatchDetailView>("GET", `/api/v1/batches/${encodeURIComponent(batchId)}`);
      out.result(view, () => formatBatch(view));
    });

  batch
    .command("list")
    .description("your brand's batches, newest first")
    .action(async (_options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const list = await client.json<BatchList>("GET", "/api/v1/batches");
      out.result(list, () => formatBatchList(list.batches));
    });

  batch
    .command("labels")
    .description("save a confirmed batch's labels: an A4 PDF sheet, a CSV, or a zip of SVG or PNG files")
    .argument("<batchId>", "0x and 64 hex digits")
    .requiredOption("--out <file>", "the file to write (.pdf, .csv or .zip)")
    .addOption(formatOption())
    .action(async (batchId: string, options: { out: string; format?: LabelFormat }, command: Command) => {
      const { client, out } = sessionOf(command);
      const saved = await downloadLabels({ client, batchId, file: options.out, format: resolveLabelFormat(options.out, options.format) });
      out.result(saved, () => formatLabelsSaved(saved));
    });

  registerFailedBatchCommands(batch, sessionOf);
  registerStatusCommands(batch, sessionOf, "batch");
}
