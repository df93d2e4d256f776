/**
 * A `/healthz` probe in a process of its own (health-probe-process.ts), so that whatever holds up the
 * service's thread — which in tests is this process's thread too — never delays when a probe is sent:
 * each probe's time is then what any request would have waited behind the service's other work.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** One probe: when it was sent (epoch ms) and how long its whole answer took (ms). */
export type HealthProbeSample = { at: number; ms: number };

export type HealthProbe = {
  /** Every probe answered so far. */
  readonly samples: readonly HealthProbeSample[];
  /** Stops probing; resolves with every probe answered. */
  stop(): Promise<HealthProbeSample[]>;
};

const SCRIPT = new URL("../../scripts/health-probe-process.ts", import.meta.url);

/** Starts probing `${baseUrl}/healthz` every `intervalMs`; resolves once the first probe was answered. */
export async function startHealthProbe(baseUrl: string, intervalMs = 20): Promise<HealthProbe> {
  const child = spawn(process.execPath, [SCRIPT.pathname, baseUrl, String(intervalMs)], { stdio: ["ignore", "pipe", "inherit"] });
  const samples: HealthProbeSample[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      samples.push(JSON.parse(line) as HealthProbeSample);
      resolve();
    });
    child.once("exit", (code) => reject(new Error(`the /healthz probe exited with code ${code} before its first answer`)));
  });
  return {
    samples,
    async stop() {
      child.kill();
      await exited;
      return samples;
    },
  };
}
