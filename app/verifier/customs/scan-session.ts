/**
 * A customs scan session: the codes the camera reads, told apart from a label merely held in view, checked
 * side by side but classed strictly in scan order (so "scanned twice" means what the server's manifest check
 * means by it), with core's `classifyInspected` and `inspectionKey`, the one rule both sides use.
 */
import { classifyInspected, emptyTally, inspectionKey, type InspectionClass, type InspectionTally } from "../../../core/inspection.ts";
import type { Verdict } from "../../../core/verdict.ts";
import type { Declaration, InspectedCode } from "./inspect-code.ts";

/**
 * A code read again within this long after it was last read is the same label still in view (or back
 * after a blurred frame), not a new scan. Each read restarts the wait, so a label held up for a minute
 * counts once; taken away and shown again after a pause, it is a second scan: a duplicate.
 */
export const REPEAT_WINDOW_MS = 2_000;

export type ScanEntry = {
  /** 1 for the first scan of the session. */
  number: number;
  text: string;
  cls: InspectionClass;
  verdict: Verdict;
  declaration: Declaration;
  /** Milliseconds from reading the code to classing it. */
  checkMs: number;
};

export type ScanSessionParameters = {
  inspect(text: string): Promise<InspectedCode>;
  onScan(entry: ScanEntry): void;
  /** A read that gave no class: not a label at all, or a check that could not even start. */
  onFailure(text: string, error: unknown): void;
};

export type ScanSession = {
  /** Hands over a code read by the camera; false when it is a repeat within the window (ignored). */
  offer(text: string, now?: number): boolean;
  /** Takes the last classed scan back out of the session (the officer's "that one did not count"). */
  undo(): ScanEntry | undefined;
  entries(): readonly ScanEntry[];
  tally(): InspectionTally;
  /** The codes to submit as the manifest, in scan order, duplicates included (the server classes them too). */
  codes(): string[];
  /** Resolves once every code offered so far is classed. */
  settled(): Promise<void>;
  readonly pending: number;
};

export function createScanSession({ inspect, onScan, onFailure }: ScanSessionParameters): ScanSession {
  const lastReadAt = new Map<string, number>();
  const entries: ScanEntry[] = [];
  let queue = Promise.resolve();
  let pending = 0;

  const classify = ({ text, verdict, declaration }: InspectedCode, checkMs: number): ScanEntry => {
    const key = inspectionKey(verdict, text);
    const seenBefore = entries.some((entry) => inspectionKey(entry.verdict, entry.text) === key);
    // A declaration the chain could not be asked about leaves the item unchecked, whatever its verdict says.
    const cls = declaration.state === "unchecked" && !seenBefore ? "unverified" : classifyInspected(verdict, declaration.state === "declared", seenBefore);
    return { number: entries.length + 1, text, cls, verdict, declaration, checkMs };
  };

  return {
    offer(text, now = performance.now()) {
      const last = lastReadAt.get(text);
      lastReadAt.set(text, now);
      if (last !== undefined && now - last < REPEAT_WINDOW_MS) return false;
      pending++;
      const started = performance.now();
      // Checked at once, in parallel with earlier codes still on their way; classed after them.
      const checked = inspect(text).then(
        (inspected) => ({ inspected, checkMs: performance.now() - started }),
        (error: unknown) => ({ error }),
      );
      queue = queue.then(async () => {
        const outcome = await checked;
        pending--;
        if ("error" in outcome) return onFailure(text, outcome.error);
        const entry = classify(outcome.inspected, outcome.checkMs);
        entries.push(entry);
        onScan(entry);
      });
      return true;
    },
    undo: () => entries.pop(),
    entries: () => entries,
    tally() {
      const tally = emptyTally();
      for (const entry of entries) tally[entry.cls]++;
      return tally;
    },
    codes: () => entries.map((entry) => entry.text),
    settled: () => queue,
    get pending() {
      return pending;
    },
  };
}
