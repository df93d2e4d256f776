/**
 * `scripts/start.ts` as a real child process (what `npm start` runs), for tests that kill a service outright
 * and start another: its stdout is JSON log lines (helpers/start-output.ts), its stderr kept for failures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { jsonLines, readyLine } from "./start-output.ts";

const root = path.resolve(import.meta.dirname, "../..");

export type StartedStack = { child: ChildProcess; url: string; output: () => string; registrarApiKey?: string | undefined };

/** Starts `scripts/start.ts` with `env` over this process's environment and waits for its "ready" line. */
export function startStack(env: Record<string, string>): Promise<StartedStack> {
  const child = spawn(process.execPath, [path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (errors += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${output}${errors}`)), 60_000);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${signal ?? code}) before starting:\n${output}${errors}`));
    });
    const poll = setInterval(() => {
      const ready = readyLine(output);
      if (!ready) return;
      clearInterval(poll);
      clearTimeout(timer);
      child.removeAllListeners("exit");
      // A first start on a given chain writes the registrar's key to a file of the data folder, never to the log.
      const credentials = jsonLines(output).find((line) => typeof line.file === "string" && line.file.endsWith("registrar-credentials.json"));
      const registrarApiKey = credentials ? (JSON.parse(readFileSync(credentials.file as string, "utf8")) as { registrarApiKey: string }).registrarApiKey : undefined;
      resolve({ child, url: ready.service, output: () => output, registrarApiKey });
    }, 50);
  });
}

/** How the child ended; a child still running after `timeoutMs` is killed and reported as "still running". */
export function exited(child: ChildProcess, timeoutMs = 60_000): Promise<NodeJS.Signals | number | "still running" | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve("still running");
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? code);
    });
  });
}

/** One JSON API call with a bearer key. */
export async function callApi(url: string, method: string, route: string, key: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a CSV download): keep the text.
  }
  return { status: res.status, body: parsed };
}
