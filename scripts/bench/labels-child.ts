/** Runs one label case (labels-case.ts) in its own Node process and returns its JSON result. */
import { spawn } from "node:child_process";
import type { LabelCaseResult } from "./labels-case.ts";

const CASE = new URL("./labels-case.ts", import.meta.url);

export function runLabelCase(name: string, labels: number, timeoutMs = 5 * 60_000): Promise<LabelCaseResult> {
  const child = spawn(process.execPath, [CASE.pathname, name, String(labels)], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as LabelCaseResult);
      else reject(new Error(`label bench case ${name} ${labels} exited with ${signal ?? `code ${code}`}`));
    });
  });
}
