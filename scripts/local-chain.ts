/**
 * A persistent local chain for `npm start`: anvil from the npm package `@foundry-rs/anvil`, its state
 * dumped into the data folder every few seconds (what survives a kill) and on a clean stop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createPublicClient, http } from "viem";

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

export type LocalChain = { rpcUrl: string; stop(): Promise<void> };

export type StartLocalChainParameters = { dataDir: string; port: number };

export async function startLocalChain({ dataDir, port }: StartLocalChainParameters): Promise<LocalChain> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(path.join(dataDir, "anvil.log"), { flags: "a", mode: 0o600 });
  const child = spawn(
    anvilBinary(),
    [
      ["--host", "127.0.0.1"],
      ["--port", String(port)],
      ["--chain-id", String(LOCAL_CHAIN_ID)],
      ["--state", path.join(dataDir, "anvil-state.json")],
      ["--state-interval", "5"],
    ].flat(),
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await waitUntilServing(child, rpcUrl, dataDir);
  return {
    rpcUrl,
    stop: () => stopChild(child),
  };
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
