/**
 * Follows the batches still pending or submitted, one read each per interval, until each is confirmed
 * or failed. A tick starts only after the previous one ended, so a slow service is never flooded.
 */
import { ApiError } from "./api/errors.ts";
import type { BatchView } from "./api/types.ts";
import type { BatchStore } from "./batch-store.ts";

export type StartPollerParameters = {
  store: BatchStore;
  readBatch(id: string): Promise<BatchView>;
  /** A read failed; an ApiError (the batch is gone, the key revoked) stops following that batch. */
  onError(id: string, error: unknown): void;
  /** A read succeeded after failures: whatever was said about them can go. */
  onRecovered(): void;
  intervalMs?: number;
};

export type Poller = { stop(): void };

export function startPoller({ store, readBatch, onError, onRecovered, intervalMs = 1_000 }: StartPollerParameters): Poller {
  let stopped = false;
  let failing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const givenUp = new Set<string>();

  const tick = async () => {
    const ids = store.unsettledIds().filter((id) => !givenUp.has(id));
    await Promise.all(
      ids.map(async (id) => {
        try {
          const batch = await readBatch(id);
          if (stopped) return;
          store.upsert(batch);
          if (failing) {
            failing = false;
            onRecovered();
          }
        } catch (error) {
          if (stopped) return;
          if (error instanceof ApiError) givenUp.add(id);
          failing = true;
          onError(id, error);
        }
      }),
    );
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
