/**
 * The whole stack a browser talks to: a real local chain (anvil) reachable over HTTP, the registry deployed
 * on it, and the service in-process on port 0 using that chain through the service's own transport (deadline, one retry), announcing the same
 * RPC to verifier pages. Unlike `service.ts` (Hardhat's in-process chain, which no browser can reach), a
 * page here reads the chain itself.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Address, Hex } from "viem";
import { ensureDeployment } from "../../scripts/deploy.ts";
import { ANVIL_DEV_KEY, startLocalChain } from "../../scripts/local-chain.ts";
import { loadConfig } from "../../server/config.ts";
import { newMasterKey } from "../../server/keys/vault.ts";
import { chainTransport } from "../../server/chain/transport.ts";
import { startService, type RunningService } from "../../server/service.ts";
import { freePort } from "../../scripts/free-port.ts";
import { testPrefix } from "./prefixes.ts";

export type HttpStack = RunningService & {
  rpcUrl: string;
  registrarApiKey: string;
  /**
   * fetch against the service, JSON in and out (a non-JSON answer is returned as a Buffer). `headers` are
   * sent as well, e.g. `x-forwarded-for` to speak from another network when loopback is a trusted proxy.
   */
  api(method: string, route: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  /** A new brand with the next test GS1 prefix (helpers/prefixes.ts) unless `prefixes` says otherwise. */
  newBrand(name: string, prefixes?: string[]): Promise<{ apiKey: string; brandId: Hex; signer: Address; prefixes: string[] }>;
  /** Stops the chain while the service keeps running: the chain is down (close() still cleans up). */
  stopChain(): Promise<void>;
  /** Makes a batch and waits until it is confirmed on chain; returns the batch as the API shows it. */
  confirmedBatch(apiKey: string, body: Record<string, unknown>): Promise<any>;
};

export async function startHttpStack(env: Record<string, string> = {}): Promise<HttpStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-http-stack-"));
  const chain = await startLocalChain({ dataDir, port: await freePort() });
  let service: RunningService;
  try {
    const { deployment } = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir });
    const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", ...env });
    service = await startService({ config, deployment, transport: chainTransport(chain.rpcUrl, config.rpcTimeoutMs), rpcUrl: chain.rpcUrl, registrarKey: ANVIL_DEV_KEY, masterKey: newMasterKey() });
  } catch (error) {
    await chain.stop();
    throw error;
  }

  let brandsMade = 0;
  const api: HttpStack["api"] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${service.url}${route}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get("content-type") ?? "").includes("json");
    return { status: res.status, body: json ? JSON.parse(bytes.toString("utf8")) : bytes };
  };

  return {
    ...service,
    rpcUrl: chain.rpcUrl,
    registrarApiKey: service.registrarApiKey!,
    api,
    stopChain: () => chain.stop(),
    async newBrand(name, prefixes = [testPrefix(brandsMade)]) {
      brandsMade++;
      const res = await api("POST", "/api/v1/brands", { key: service.registrarApiKey!, body: { name, prefixes } });
      if (res.status !== 201) throw new Error(`brand creation failed: ${res.status} ${JSON.stringify(res.body)}`);
      const { brand } = res.body;
      return { apiKey: res.body.apiKey, brandId: brand.brandId, signer: brand.signers[0].address, prefixes: brand.prefixes };
    },
    async confirmedBatch(apiKey, body) {
      const created = await api("POST", "/api/v1/batches", { key: apiKey, body });
      if (created.status !== 202) throw new Error(`batch creation failed: ${created.status} ${JSON.stringify(created.body)}`);
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const { body: batch } = await api("GET", `/api/v1/batches/${created.body.id}`, { key: apiKey });
        if (batch.state === "confirmed") return batch;
        if (batch.state === "failed") throw new Error(`batch failed: ${JSON.stringify(batch)}`);
      }
      throw new Error(`batch ${created.body.id} not confirmed within 60 s`);
    },
    async close() {
      await service.close();
      await chain.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
