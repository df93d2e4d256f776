/**
 * The service against a real anvil that a test can take away: stop it (connections refused), pause it with
 * SIGSTOP (connections accepted, never answered: a stalled node), and bring it back on the same port with
 * the same state. The service uses the transport `npm start` uses, with a short RPC timeout (1 s: shorter
 * makes a healthy but busy anvil look stalled on a loaded machine).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureDeployment } from "../../scripts/deploy.ts";
import { freePort } from "../../scripts/free-port.ts";
import { ANVIL_DEV_KEY, startLocalChain, type LocalChain } from "../../scripts/local-chain.ts";
import { chainTransport } from "../../server/chain/transport.ts";
import { loadConfig } from "../../server/config.ts";
import { newMasterKey } from "../../server/keys/vault.ts";
import { startService, type RunningService } from "../../server/service.ts";

export type KillableChainStack = RunningService & {
  registrarApiKey: string;
  api(method: string, route: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers; ms: number }>;
  /** Stops anvil (SIGTERM: it writes its state); its port then refuses connections. */
  stopChain(): Promise<void>;
  /** Starts anvil again on the same port from the state it wrote. */
  restartChain(): Promise<void>;
  /** SIGSTOP / SIGCONT: the node keeps its port but answers nothing until resumed. */
  pauseChain(): void;
  resumeChain(): void;
};

export async function startKillableChainStack(env: Record<string, string> = {}): Promise<KillableChainStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-chain-faults-"));
  const port = await freePort();
  let chain: LocalChain | undefined = await startLocalChain({ dataDir, port });
  const { deployment } = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir });
  const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", RPC_TIMEOUT_MS: "1000", ...env });
  const service = await startService({
    config,
    deployment,
    transport: chainTransport(chain.rpcUrl, config.rpcTimeoutMs),
    rpcUrl: chain.rpcUrl,
    registrarKey: ANVIL_DEV_KEY,
    masterKey: newMasterKey(),
  });
  const api: KillableChainStack["api"] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers["content-type"] ??= "application/json";
    const started = performance.now();
    const res = await fetch(`${service.url}${route}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body, headers: res.headers, ms };
  };
  return {
    ...service,
    registrarApiKey: service.registrarApiKey!,
    api,
    async stopChain() {
      await chain?.stop();
      chain = undefined;
    },
    async restartChain() {
      chain = await startLocalChain({ dataDir, port });
    },
    pauseChain: () => process.kill(chain!.pid, "SIGSTOP"),
    resumeChain: () => process.kill(chain!.pid, "SIGCONT"),
    async close() {
      if (chain) process.kill(chain.pid, "SIGCONT");
      await service.close();
      await chain?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
