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

export function queuedChecks(): QueuedCheck[] {
  try {
    const list: unknown = JSON.parse(readStored(KEY) ?? "[]");
    if (!Array.isArray(list)) return [];
    return list.filter(
      (entry): entry is QueuedCheck => entry !== null && typeof entry === "object" && typeof entry.uri === "string" && Number.isFinite(entry.checkedAt),
    );
  } catch {
    return [];
  }
}

/** Queues a check; the same code checked again offline is queued once, at its latest place. */
export function queueCheck(check: QueuedCheck): void {
  const others = queuedChecks().filter((entry) => entry.uri !== check.uri);
  writeStored(KEY, JSON.stringify([...others, check].slice(-MAX_QUEUED_CHECKS)));
}

/** Takes a check off the queue once the chain has answered it. */
export function unqueueCheck(uri: string): void {
  const left = queuedChecks().filter((entry) => entry.uri !== uri);
  writeStored(KEY, left.length === 0 ? undefined : JSON.stringify(left));
}
