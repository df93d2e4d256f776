/**
 * Waits for a `scripts/start.ts` child started on a fixed PORT with a fresh DATA_DIR: ready when the demo
 * credentials are written (just before the start-up's last log line) and the service answers. Works for
 * any version of start.ts, whatever its log level or banner, so a baseline tree can be measured too.
 */
import type { ChildProcess } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";

export async function waitForStack(child: ChildProcess, port: string, dataDir: string, output: () => string): Promise<string> {
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the stack did not start:\n${output()}`);
    const written = await access(path.join(dataDir, "demo-credentials.json")).then(
      () => true,
      () => false,
    );
    if (!written) continue;
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) return url;
  }
}
