/**
 * Checks made while the chain could not be read, kept on this device until each has been made again: every
 * one of them, not only the last, since a shopper may check several products in a shop with no signal and
 * read the answers later. Kept in `localStorage`, so that a reload or a closed tab loses none.
 */
import { readStored, writeStored } from "./local-store.ts";
import type { ScanHistory } from "./service-api.ts";

/** A check waiting for the chain. */
export type QueuedCheck = {
  uri: string;
  /** The scan log's answer when it was reached: the scan is logged once, not again by the recheck. */
  history?: ScanHistory | undefined;
  /** When the check was made (milliseconds since 1970), to list the checks in order. */
  checkedAt: number;
};

const KEY = "offlineChecks";
/** An afternoon in a shop with no signal; past it the oldest is dropped rather than the store grown without end. */
export const MAX_QUEUED_CHECKS = 50;

/**
 * The queue as this page holds it, read from storage once: a device that refuses storage still rechecks the
 * checks of this visit, it only forgets them on reload.
 */
let queue: QueuedCheck[] | undefined;

export function queuedChecks(): QueuedCheck[] {
  queue ??= storedChecks();
  return [...queue];
}

function storedChecks(): QueuedCheck[] {
  try {
    const list: unknown = JSON.parse(readStored(KEY) ?? "[]");
    if (!Array.isArray(list)) return [];
    return list.flatMap((entry: Partial<Record<keyof QueuedCheck, unknown>> | null) => {
      if (entry === null || typeof entry !== "object" || typeof entry.uri !== "string" || typeof entry.checkedAt !== "number") return [];
      // A history that is not the scan log's shape is dropped: the recheck then logs the scan itself.
      const history = entry.history as ScanHistory | undefined;
      const wellFormed = history !== null && typeof history === "object" && typeof history.suspicious === "boolean" && Array.isArray(history.reasons);
      return [{ uri: entry.uri, checkedAt: entry.checkedAt, ...(wellFormed && { history }) }];
    });
  } catch {
    return [];
  }
}

/** Queues a check; the same code checked again offline is queued once, at its latest place. */
export function queueCheck(check: QueuedCheck): void {
  save([...queuedChecks().filter((entry) => entry.uri !== check.uri), check].slice(-MAX_QUEUED_CHECKS));
}

/** Takes a check off the queue once the chain has answered it. */
export function unqueueCheck(uri: string): void {
  save(queuedChecks().filter((entry) => entry.uri !== uri));
}

function save(checks: QueuedCheck[]): void {
  queue = checks;
  writeStored(KEY, checks.length === 0 ? undefined : JSON.stringify(checks));
}
