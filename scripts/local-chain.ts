/**
 * A persistent local chain for `npm start`: anvil from the npm package `@foundry-rs/anvil`, its state
 * dumped into the data folder every few seconds (what survives a kill) and on a clean stop.
 *
 * Its pid is kept in the data folder (`anvil.pid`). An anvil that a killed run left serving this folder's
 * state is stopped with SIGTERM (anvil then writes its state, so nothing is lost) before a new one starts:
 * reusing it silently would leave it nobody's to stop. Any other holder of the port is refused by name.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { assertPortFree } from "./free-port.ts";

/** anvil's first development account: a published test key, worthless on any real chain. */
export const ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;
export const LOCAL_CHAIN_ID = 31337;

const require = createRequire(import.meta.url);

/** The anvil binary itself, not the package's Node wrapper, so that our stop signal reaches anvil. */
function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "bin", "anvil");
  } catch (cause) {
    throw new Error(`anvil has no build for ${process.platform}-${process.arch} (${pkg} is not installed)`, { cause });
  }
}

export type LocalChain = {
  rpcUrl: string;
  /** anvil's process id (tests pause it with SIGSTOP to stall the chain). */
  pid: number;
  /** The pid of an anvil a killed earlier run left serving this data folder, stopped before this one started. */
  replacedLeftover: number | undefined;
  stop(): Promise<void>;
};

export type StartLocalChainParameters = {
  dataDir: string;
  port: number;
  /**
   * Run anvil in a process group of its own (`npm start`): Ctrl-C in a terminal signals the whole foreground
   * group, and anvil must outlive the service's graceful stop (requests in flight may still read the chain);
   * the caller stops it after. Off (tests, scripts): anvil goes with its group, as any child does.
   */
  ownProcessGroup?: boolean;
};

export async function startLocalChain({ dataDir, port, ownProcessGroup = false }: StartLocalChainParameters): Promise<LocalChain> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  const statePath = path.join(dataDir, "anvil-state.json");
  const pidFile = path.join(dataDir, "anvil.pid");
  const replacedLeftover = await stopLeftover(pidFile, statePath);
  await assertPortFree("127.0.0.1", port, "CHAIN_PORT");
  const log = createWriteStream(path.join(dataDir, "anvil.log"), { flags: "a", mode: 0o600 });
  const child = spawn(
    anvilBinary(),
    [
      ["--host", "127.0.0.1"],
      ["--port", String(port)],
      ["--chain-id", String(LOCAL_CHAIN_ID)],
      ["--state", statePath],
      ["--state-interval", "5"],
    ].flat(),
    { stdio: ["ignore", "pipe", "pipe"], detached: ownProcessGroup },
  );
  // Two pipes into one log: neither may end it while the other still writes.
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  writeFileSync(pidFile, `${child.pid}\n`);
  // Whatever way this process exits (an uncaught error included), the chain does not outlive it.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  child.once("exit", () => {
    process.off("exit", killOnExit);
    log.end();
    if (readPid(pidFile) === child.pid) rmSync(pidFile, { force: true });
  });
  await waitUntilServing(child, rpcUrl, dataDir);
  return {
    rpcUrl,
    pid: child.pid!,
    replacedLeftover,
    stop: () => stopChild(child),
  };
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops the anvil `pidFile` names if it is still running on `statePath` (its command line says so, which
 * tells it apart from an unrelated process that got the same pid). Returns its pid when it stopped one.
 */
async function stopLeftover(pidFile: string, statePath: string): Promise<number | undefined> {
  const pid = readPid(pidFile);
  if (pid === undefined) return undefined;
  let commandLine: string;
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    // Gone (or no /proc to tell): a chain still on the port is then refused by the port check, by name.
    rmSync(pidFile, { force: true });
    return undefined;
  }
  if (!commandLine.includes("anvil") || !commandLine.includes(statePath)) {
    rmSync(pidFile, { force: true });
    return undefined;
  }
  process.kill(pid, "SIGTERM");
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (!isAlive(pid)) break;
  }
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  rmSync(pidFile, { force: true });
  return pid;
}

/** Whether a process is running (a zombie is not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped by its parent) still answers signal 0 but serves nothing.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function waitUntilServing(child: ChildProcess, rpcUrl: string, dataDir: string): Promise<void> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exited (${signal ?? `code ${code}`})`));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`The local chain ${exited} before serving on ${rpcUrl}; see ${path.join(dataDir, "anvil.log")} (is the port taken? set CHAIN_PORT)`);
    }
    try {
      await client.getChainId();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`The local chain did not answer on ${rpcUrl} within 30 s`);
}

/** SIGTERM lets anvil write its state; a chain that does not stop in 10 s is killed. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
