/**
 * Follows a batch from its 202 to `confirmed` or `failed`. Serials are made and signed before the one
 * anchoring transaction, so the bar counts generated items and then shows the chain state. A brief loss
 * of the service does not abandon the wait: the batch goes on without us.
 */
import cliProgress from "cli-progress";
import type { ApiClient } from "./api-client.ts";
import type { BatchView } from "../api/batches.ts";
import type { Io } from "./output.ts";
import { withRetry } from "./retry.ts";

export type WaitForBatchParameters = {
  client: ApiClient;
  batch: BatchView;
  /** Draw a live bar on this stream (a TTY); undefined: wait silently. */
  progressOn?: Io["stderr"] | undefined;
  intervalMs?: number;
};

const DONE = new Set<BatchView["state"]>(["confirmed", "failed"]);

export async function waitForBatch({ client, batch, progressOn, intervalMs = 250 }: WaitForBatchParameters): Promise<BatchView> {
  const bar = progressOn
    ? new cliProgress.SingleBar(
        { stream: progressOn, format: "{bar} {value}/{total} items | {state}", hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(batch.progress.total, batch.progress.generated, { state: batch.state });
  let current = batch;
  try {
    while (!DONE.has(current.state)) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      current = await withRetry(() => client.json<BatchView>("GET", `/api/v1/batches/${encodeURIComponent(batch.id)}`), { attempts: 5 });
      bar?.update(current.progress.generated, { state: current.state === "pending" && current.progress.generated === current.progress.total ? "anchoring" : current.state });
    }
  } finally {
    bar?.stop();
  }
  return current;
}
