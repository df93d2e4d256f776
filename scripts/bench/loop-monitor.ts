/**
 * Preloaded into the service process by the event-loop bench (`node --import ./loop-monitor.ts`), so that
 * the service's own code stays free of bench hooks. Writes JSON lines to the file in BENCH_LOOP_LOG:
 *
 * - `{"gap": ms, "at": epochMs}` for every span longer than 40 ms in which a 5 ms timer could not run,
 *   ending at `at`: the blocking spans, each with its time, so the bench can tell which phase held it;
 * - `{"second": epochMs, "max": ms, "p99": ms}` once a second: `perf_hooks.monitorEventLoopDelay` over
 *   that second, reset after each line.
 */
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_LOOP_LOG;
// Worker threads inherit the preload; a worker busy signing or rendering is doing its job, not blocking requests.
if (file !== undefined && isMainThread) {
  const write = (line: object): void => appendFileSync(file, `${JSON.stringify(line)}\n`);
  const TICK_MS = 5;
  const GAP_MS = 40;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last - TICK_MS > GAP_MS) write({ gap: Math.round(now - last - TICK_MS), at: Date.now() });
    last = now;
  }, TICK_MS).unref();

  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  setInterval(() => {
    write({ second: Date.now(), max: Math.round(histogram.max / 1e6), p99: Math.round(histogram.percentile(99) / 1e6) });
    histogram.reset();
  }, 1_000).unref();
}
