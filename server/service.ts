/**
 * Assembles and starts the service: store, chain gateway, key vault, the anchoring worker, the
 * reconciler and the HTTP server. Used by `npm start` and, in-process on port 0, by the tests.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Server } from "node:http";
import { pino, type Logger } from "pino";
import type { Hex, Transport } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { readFile } from "node:fs/promises";
import type { Deployment } from "../core/deployment.ts";
import { parseTrustRoots, rootFromDeployment } from "../core/trust-roots.ts";
import { useKeccak } from "../core/keccak.ts";
import { createCoreKeccak } from "./issuance/keccak.ts";
import { createApp } from "./app.ts";
import { RegistryGateway } from "./chain/registry-gateway.ts";
import type { Config } from "./config.ts";
import type { ServiceContext } from "./context.ts";
import { KeyVault } from "./keys/vault.ts";
import { createMetrics } from "./metrics.ts";
import { SqliteStore } from "./store/sqlite-store.ts";
import { TreeCache } from "./trees.ts";
import { VerificationChain } from "./verification/cached-chain-reader.ts";
import { VerdictCache } from "./verification/verdict-cache.ts";
import { httpHeadReader } from "./verification/rpc-head.ts";
import { ensureRegistrar } from "./use-cases/organisations.ts";
import { AnchoringWorker } from "./workers/anchoring-worker.ts";
import { reconcile, startReconciler } from "./workers/reconciler.ts";
import { shutDown } from "./shutdown.ts";

export type StartServiceParameters = {
  config: Config;
  deployment: Deployment;
  /** How to reach the chain: `chainTransport(rpcUrl, config.rpcTimeoutMs)`, or an in-process provider in tests. */
  transport: Transport;
  /** The URL behind `transport` when it has one: the default RPC announced to verifiers. */
  rpcUrl?: string | undefined;
  /** The registrar's chain key, which the service holds to admit brands. */
  registrarKey: Hex;
  masterKey: Hex;
  logger?: Logger;
};

export type RunningService = {
  url: string;
  ctx: ServiceContext;
  /** The registrar's API key, when this start made the registrar (first start); never shown again. */
  registrarApiKey: string | undefined;
  close(): Promise<void>;
};

export function createLogger(level: string): Logger {
  // Keys and secrets never reach the log, whichever object they ride in.
  return pino({ level, redact: { paths: ["*.authorization", "*.apiKey", "*.key", "*.privateKey", "*.masterKey"], censor: "[redacted]" } });
}

export async function startService(params: StartServiceParameters): Promise<RunningService> {
  const { config, deployment } = params;
  const logger = params.logger ?? createLogger(config.logLevel);
  // Same hashes, faster: every id, digest and proof core computes for this process.
  useKeccak(await createCoreKeccak());
  const store = new SqliteStore(path.join(config.dataDir, "veritrace.db"));
  const metrics = createMetrics(() => store.countBatchesByState());
  const chain = new RegistryGateway({ transport: params.transport, chainId: deployment.chainId, registry: deployment.productRegistry.address, metrics });
  let worker: AnchoringWorker | undefined;
  // A browser reads over HTTP(S): a WebSocket RPC is announced only through VERIFIER_RPC_URL.
  const verifierRpcUrl = config.verifierRpcUrl ?? (params.rpcUrl?.startsWith("http") ? params.rpcUrl : undefined);
  const trustRoot = rootFromDeployment(deployment, { name: config.consortiumName, rpcUrls: verifierRpcUrl === undefined ? [] : [verifierRpcUrl] });
  const pageTrustRoots =
    config.trustRootsFile === undefined ? [trustRoot] : parseTrustRoots(JSON.parse(await readFile(config.trustRootsFile, "utf8")));
  const ctx: ServiceContext = {
    config,
    publicBaseUrl: config.publicBaseUrl ?? `http://${config.host}:${config.port}`,
    verifierRpcUrl,
    trustRoot,
    pageTrustRoots,
    deployment,
    store,
    chain,
    vault: new KeyVault(params.masterKey),
    metrics,
    logger,
    trees: new TreeCache(store),
    verification: new VerificationChain({
      client: chain.client,
      chainId: deployment.chainId,
      registry: deployment.productRegistry.address,
      cache: config.verifyCache,
      readHead: params.rpcUrl?.startsWith("http") ? httpHeadReader(params.rpcUrl, config.rpcTimeoutMs) : undefined,
    }),
    verdicts: new VerdictCache(),
    // After the current request has answered: the worker's first step can hold the event loop for a while.
    wakeWorker: () => void setImmediate(() => worker?.wake()),
  };
  const registrar = ensureRegistrar(ctx, params.registrarKey, privateKeyToAddress(params.registrarKey));

  const server: Server = createApp(ctx).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const url = `http://${config.host}:${(server.address() as AddressInfo).port}`;
  if (!config.publicBaseUrl) ctx.publicBaseUrl = url;

  // Finish what a previous run left (brands, re-anchoring) before new work starts.
  await reconcile(ctx).catch((err) => logger.warn({ err }, "first reconciliation failed; retrying in the background"));
  worker = new AnchoringWorker(ctx);
  worker.start();
  const reconciler = startReconciler(ctx, config.reconcileIntervalMs);
  logger.info({ url, chainId: deployment.chainId, registry: deployment.productRegistry.address }, "service started");

  return {
    url,
    ctx,
    registrarApiKey: registrar.apiKey,
    close: () => shutDown({ server, logger, graceMs: config.shutdownGraceMs, stopWorkers: () => Promise.all([reconciler.stop(), worker?.stop()]), store }),
  };
}
