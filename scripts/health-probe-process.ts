/**
 * Probes a service's `/healthz` every 20 ms from its own process (so the bench's own work never delays a
 * probe) over one kept-alive connection, and prints each probe as a JSON line on stdout:
 * `{"at": epochMs when sent, "ms": time to the whole answer}`. A probe sent while the service's event loop
 * is held waits for it, so the longest `ms` is the longest any request waited behind another's work.
 *
 *   node scripts/health-probe-process.ts <base URL> [interval ms]
 *
 * Started through test/helpers/health-probe.ts (not in test/, where the test runner would load it as a test file), by tests and by the event-loop bench.
 */
import http from "node:http";

const [base, intervalArg] = process.argv.slice(2);
const interval = Number(intervalArg ?? 20);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL("/healthz", base);

function ask(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve(res.statusCode) : reject(new Error(`/healthz answered ${res.statusCode}`))));
      })
      .on("error", reject);
  });
}

/**
 * One probe's wait, from its first try. A service held up for longer than its keep-alive timeout closes
 * the idle connection as soon as it runs again, possibly just as the next probe goes out on it: that
 * probe is asked again on a new connection, and the wait counts from the first try.
 */
async function probe(): Promise<number> {
  const started = performance.now();
  for (let tries = 1; ; tries++) {
    try {
      await ask();
      return performance.now() - started;
    } catch (error) {
      if (tries === 3 || (error as { code?: string }).code !== "ECONNRESET") throw error;
    }
  }
}

for (;;) {
  const at = Date.now();
  const started = performance.now();
  const ms = await probe();
  process.stdout.write(`${JSON.stringify({ at, ms: Math.round(ms * 10) / 10 })}\n`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, interval - (performance.now() - started))));
}
