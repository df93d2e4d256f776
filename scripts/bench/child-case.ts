/**
 * Runs one measured case in its own Node process, so that its peak RSS is its own and one case's heap
 * and JIT state never flatter or burden the next. The case script prints progress on stderr (passed
 * through) and its result as one JSON line, last, on stdout.
 */
import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";

export type ChildCaseParameters = {
  script: URL;
  args: readonly (string | number)[];
  /** V8's old-space limit; the OpenZeppelin tree of a million items needs several GB. */
  maxOldSpaceMiB?: number | undefined;
  timeoutMs: number;
};

export type ChildCaseReturnType<T> = { ok: true; result: T } | { ok: false; reason: string };

export function runChildCase<T>({ script, args, maxOldSpaceMiB, timeoutMs }: ChildCaseParameters): Promise<ChildCaseReturnType<T>> {
  const flags = maxOldSpaceMiB === undefined ? [] : [`--max-old-space-size=${maxOldSpaceMiB}`];
  const child = spawn(process.execPath, [...flags, script.pathname, ...args.map(String)], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) {
        resolve({ ok: true, result: JSON.parse(last) as T });
      } else {
        const reason = signal === "SIGKILL" ? `stopped after ${Math.round(timeoutMs / 1000)} s` : `exited with ${signal ?? `code ${code}`}`;
        resolve({ ok: false, reason });
      }
    });
  });
}

/**
 * Peak resident memory of this process so far, in MiB: Linux's VmHWM, which starts afresh at exec.
 * (`process.resourceUsage().maxRSS` does not: Linux carries it across exec from the forking parent, so a
 * child of a 300 MB parent would report at least 300 MB.)
 */
export function peakRssMiB(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024);
}
