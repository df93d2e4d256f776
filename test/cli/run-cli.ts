/**
 * Runs the real `veritrace` command as a child process. Always asynchronously: the service under test runs
 * in this process, and a synchronous spawn would block the event loop that has to answer the child.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type CliRun = { code: number | null; stdout: string; stderr: string };

export type RunCliParameters = {
  url?: string;
  apiKey?: string;
  cwd?: string;
  timeoutMs?: number;
  /** More environment, e.g. VERITRACE_TRUST_ROOTS or VERITRACE_DATA_DIR. */
  env?: Record<string, string>;
  /** Another build of the command (the packed bundle) and the Node that runs it; default: the sources under this Node. */
  program?: { node: string; script: string };
};

/** The CLI's own variables: taken from the test only, never from the developer's shell. */
const CLI_VARIABLES = ["VERITRACE_URL", "VERITRACE_API_KEY", "VERITRACE_TRUST_ROOTS", "VERITRACE_DATA_DIR"];

export function runCli(args: readonly string[], { url, apiKey, cwd = ROOT, timeoutMs = 60_000, env: extra = {}, program }: RunCliParameters = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Only what the test passes: a key, URL or trust roots in the developer's shell must not leak into a test.
  for (const name of CLI_VARIABLES) delete env[name];
  if (url !== undefined) env.VERITRACE_URL = url;
  if (apiKey !== undefined) env.VERITRACE_API_KEY = apiKey;
  Object.assign(env, extra);
  const { node, script } = program ?? { node: process.execPath, script: `${ROOT}cli/veritrace.ts` };
  const child = spawn(node, [script, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`veritrace ${args.join(" ")} did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** For assertion messages: what the command printed. */
export const show = (run: CliRun) => `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
