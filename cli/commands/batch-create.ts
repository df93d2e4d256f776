/**
 * `veritrace batch create`: posts the batch, follows it until it is anchored, then optionally saves its
 * labels. One Idempotency-Key per invocation makes the retried POST safe: a repeat returns the first answer
 * instead of a BATCH_EXISTS for our own batch.
 */
import { randomUUID } from "node:crypto";
import { Option, type Command } from "commander";
import type { BatchView, LabelFormat } from "../../api/batches.ts";
import { checkWritableTarget } from "../download.ts";
import { BatchFailedError, CliError, UsageError } from "../errors.ts";
import { formatBatch } from "../format.ts";
import { resolveLabelFormat } from "../label-format.ts";
import { downloadLabels, formatLabelsSaved, type LabelsSaved } from "../labels.ts";
import { formatOption, parseCount } from "../options.ts";
import { withRetry } from "../retry.ts";
import { readSerialsFile } from "../serials-file.ts";
import type { SessionOf } from "../session.ts";
import { waitForBatch } from "../wait-for-batch.ts";

type CreateOptions = {
  gtin: string;
  lot: string;
  quantity?: number;
  serials?: string;
  expiry?: string;
  metadataUri?: string;
  idempotencyKey?: string;
  out?: string;
  format?: LabelFormat;
};

export function registerBatchCreate(batch: Command, sessionOf: SessionOf): void {
  batch
    .command("create")
    .description("register a batch: the service signs every item and anchors the batch in one transaction")
    .requiredOption("--gtin <gtin>", "GTIN-8, -12, -13 or -14, with its check digit")
    .requiredOption("--lot <lot>", "the lot (GS1 AI 10): 1-20 characters of the GS1 set")
    .addOption(new Option("--quantity <n>", "let the service make n unguessable serials").argParser(parseCount).conflicts("serials"))
    .addOption(
      new Option("--serials <file>", "your own serials: one per line, or a CSV with a header row naming a `serial` column").conflicts("quantity"),
    )
    .option("--expiry <YYMMDD>", "expiry date (GS1 AI 17); DD 00 means the end of the month")
    .option("--metadata-uri <uri>", "where the batch's public metadata lives")
    .option("--idempotency-key <key>", "reuse a key to make a repeated command return the first batch (default: a new UUID)")
    .option("--out <file>", "then save the labels to this file (.pdf, .csv, or .zip of SVG/PNG files)")
    .addOption(formatOption())
    .action(async (options: CreateOptions, command: Command) => {
      const { client, out, io } = sessionOf(command);
      if (options.quantity === undefined && options.serials === undefined) {
        throw new UsageError("give --quantity <n> or --serials <file>", { code: "QUANTITY_OR_SERIALS", field: "--quantity" });
      }
      // Checked before anything is posted: a bad --out must not leave a batch behind without its labels.
      const format = options.out === undefined ? undefined : resolveLabelFormat(options.out, options.format);
      if (options.out !== undefined) await checkWritableTarget(options.out);
      const body = await requestBody(options);
      const headers = { "idempotency-key": options.idempotencyKey ?? randomUUID() };
      const accepted = await withRetry(() => client.json<BatchView>("POST", "/api/v1/batches", { body, headers }));
      out.note(`Batch ${accepted.id} accepted (${accepted.quantity.toLocaleString("en")} items); waiting until it is anchored. Ctrl-C stops waiting, not the batch.`);

      const done = await waitForBatch({ client, batch: accepted, progressOn: out.interactive ? io.stderr : undefined });
      if (done.state === "failed") {
        out.result(done, () => formatBatch(done));
        throw new BatchFailedError(done.id, done.error);
      }
      if (options.out === undefined || format === undefined) {
        out.result(done, () => formatBatch(done));
        return;
      }
      let saved: LabelsSaved;
      try {
        saved = await downloadLabels({ client, batchId: done.id, file: options.out, format });
      } catch (error) {
        // The batch stands: report it, and say how to fetch the labels again.
        out.result(done, () => formatBatch(done));
        throw labelsLater(error, done.id, options.out);
      }
      out.result(done, () => `${formatBatch(done)}\n${formatLabelsSaved(saved)}`);
    });
}

/** The POST body: only the fields given, so the service's defaults apply to the rest. */
async function requestBody(options: CreateOptions): Promise<Record<string, unknown>> {
  return {
    gtin: options.gtin,
    lot: options.lot,
    ...(options.quantity === undefined ? {} : { quantity: options.quantity }),
    ...(options.serials === undefined ? {} : { serials: await readSerialsFile(options.serials) }),
    ...(options.expiry === undefined ? {} : { expiry: options.expiry }),
    ...(options.metadataUri === undefined ? {} : { metadataUri: options.metadataUri }),
  };
}

/** A plain CliError (not the ApiError itself), so --json output keeps the batch as its one document. */
function labelsLater(error: unknown, batchId: string, file: string): unknown {
  if (!(error instanceof CliError)) return error;
  const hint = `the batch is anchored; fetch its labels with: veritrace batch labels ${batchId} --out ${file}`;
  return new CliError(`${error.message}; ${hint}`, { code: error.code, exitCode: error.exitCode, field: error.field, cause: error });
}
