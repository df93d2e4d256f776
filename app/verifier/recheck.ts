/**
 * Checking again a code whose check could not reach the chain: as soon as the browser says it is back
 * online, and every so often in between, since a node can come back while the device never went offline.
 */
export const RECHECK_INTERVAL_MS = 15_000;

export type Recheck = {
  cancel(): void;
  /** Tries at once rather than at the next trigger (a page opened while online with checks waiting). */
  now(): void;
};

/** Runs `attempt` on each trigger until it returns true (done) or the recheck is cancelled. */
export function scheduleRecheck(attempt: () => Promise<boolean>, intervalMs = RECHECK_INTERVAL_MS): Recheck {
  let cancelled = false;
  let running = false;
  const trigger = async () => {
    if (cancelled || running) return;
    running = true;
    try {
      if (await attempt()) cancel();
    } finally {
      running = false;
    }
  };
  const onOnline = () => void trigger();
  const timer = setInterval(onOnline, intervalMs);
  window.addEventListener("online", onOnline);
  const cancel = () => {
    cancelled = true;
    clearInterval(timer);
    window.removeEventListener("online", onOnline);
  };
  return { cancel, now: onOnline };
}
