/**
 * Assembles and starts the service: store, chain gateway, key vault, the anchoring worker, the
 * reconciler and the HTTP server. Used by `npm start` and, in-process on port 0, by the tests.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { pino, type DestinationStream, type Logger } from "pino";
import type { Hex, Transport } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { readFile } from "node:fs/promises";
import type { Deployment } from "../core/deployment.ts";
import { parseTrustRoots, rootFromDeployment } from "../core/trust-roots.ts";
import { useKeccak } from "../core/keccak.ts";
import { createCoreKeccak } from "./features/brands/issuance/keccak.ts";
import { createApp } from "./app.ts";
import { RegistryGateway } from "./chain/registry-gateway.ts";
import type { Config } from "./config.ts";
import type { ServiceContext } from "./context.ts";
import { secureDataFolder } from "./data-folder.ts";
import { ImageHasher } from "./features/licences/content/image-hasher.ts";
import { KeyVault } from "./keys/vault.ts";
import { createMetrics } from "./metrics.ts";
import { openStore } from "./store/open-store.ts";
import { ProofSource } from "./features/brands/trees/proof-source.ts";
import { VerificationChain } from "./features/verification/cached-chain-reader.ts";
import { VerdictCache } from "./features/verification/verdict-cache.ts";
import { httpHeadReader } from "./features/verification/rpc-head.ts";
import { ensureRegistrar } from "./features/organisations/organisations.ts";
import { AnchoringWorker } from "./features/brands/anchoring-worker.ts";
import { reconcile, startReconciler } from "./reconciler.ts";
import { ChainHeadProbe } from "./chain/head-probe.ts";
import { observedCall, observedTransport, type RpcErrorListener } from "./chain/observed-transport.ts";
import { countByApiState } from "./features/brands/batch-view.ts";
import { startChainIndex } from "./indexer/service-index.ts";
import { LocalChangeFeed, type ChangeFeed } from "./cluster/change-feed.ts";
import { PgChangeFeed } from "./cluster/pg-change-feed.ts";
import { PgStore } from "./store/postgres/pg-store.ts";
import type { Store } from "./store/store.ts";
import type { VerifyView } from "../api/verification.ts";
import { shutDown, trackConnections } from "./shutdown.ts";

/** The verify endpoint's direct head reader, with its failures counted like the transport's. */
const observedHeadReader =
  <T>(read: () => Promise<T>, onError: RpcErrorListener) =>
  () =>
    observedCall("eth_getBlockByNumber", read, onError);

/** Several instances on PostgreSQL hear each other's scans; a single SQLite instance only itself. */
async function openChangeFeed(store: Store, config: Config): Promise<ChangeFeed> {
  if (store instanceof PgStore && config.databaseUrl !== undefined) return PgChangeFeed.open(config.databaseUrl, store.database.pool);
  return new LocalChangeFeed();
}

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

export function createLogger(level: string, options: { rpcUrl?: string | undefined; destination?: DestinationStream } = {}): Logger {
  const rpcSecret = secretPartOf(options.rpcUrl);
  return pino(
    {
      level,
      // Keys and secrets never reach the log, whichever object they ride in.
      redact: { paths: ["*.authorization", "*.apiKey", "*.key", "*.privateKey", "*.masterKey"], censor: "[redacted]" },
      // A provider's RPC URL often holds its API key (https://host/v3/<key>), and viem's errors quote the URL.
      ...(rpcSecret === undefined ? {} : { hooks: { streamWrite: (line: string) => line.replaceAll(rpcSecret.url, rpcSecret.masked) } }),
    },
    options.destination,
  );
}

/** The RPC URL as written and as logged: its origin only, when a path, query or credentials could hide a key. */
function secretPartOf(rpcUrl: string | undefined): { url: string; masked: string } | undefined {
  if (rpcUrl === undefined) return undefined;
  const url = new URL(rpcUrl);
  const hidden = (url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.username !== "" || url.password !== "";
  if (!hidden) return undefined;
  return { url: rpcUrl.replace(/\/$/, ""), masked: `${url.protocol}//${url.host}/[redacted]` };
}

export async function startService(params: StartServiceParameters): Promise<RunningService> {
  const { config, deployment } = params;
  const logger = params.logger ?? createLogger(config.logLevel, { rpcUrl: params.rpcUrl });
  // Same hashes, faster: every id, digest and proof core computes for this process.
  useKeccak(await createCoreKeccak());
  await secureDataFolder(config.dataDir, logger);
  const store = await openStore(config);
  let headProbe: ChainHeadProbe | undefined;
  const metrics = createMetrics({ batchesByState: async () => countByApiState(await store.countBatchesByState()), headTimestamp: () => headProbe?.timestamp });
  const onRpcError: RpcErrorListener = (method, kind) => metrics.rpcErrors.inc({ method, kind });
  const transport = observedTransport(params.transport, onRpcError);
  const chain = new RegistryGateway({ transport, chainId: deployment.chainId, registry: deployment.productRegistry.address, metrics });
  let worker: AnchoringWorker | undefined;
  // A browser reads over HTTP(S): a WebSocket RPC is announced only through VERIFIER_RPC_URL.
  const verifierRpcUrl = config.verifierRpcUrl ?? (params.rpcUrl?.startsWith("http") ? params.rpcUrl : undefined);
  const trustRoot = rootFromDeployment(deployment, { name: config.consortiumName, rpcUrls: verifierRpcUrl === undefined ? [] : [verifierRpcUrl] });
  const pageTrustRoots =
    config.trustRootsFile === undefined ? [trustRoot] : parseTrustRoots(JSON.parse(await readFile(config.trustRootsFile, "utf8")));
  const verdicts = new VerdictCache<VerifyView>();
  const changes = await openChangeFeed(store, config);
  changes.onScanRecorded((item) => verdicts.scanRecorded(item));
  changes.onGap(() => verdicts.forgetAll());
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
    trees: new ProofSource(store, logger),
    verification: new VerificationChain({
      client: chain.client,
      chainId: deployment.chainId,
      registry: deployment.productRegistry.address,
      cache: config.verifyCache,
      readHead: params.rpcUrl?.startsWith("http") ? observedHeadReader(httpHeadReader(params.rpcUrl, config.rpcTimeoutMs), onRpcError) : undefined,
    }),
    verdicts,
    changes,
    images: new ImageHasher({ ...config.images, maxQueue: 8 * config.images.threads }),
    // After the current request has answered: the worker's first step can hold the event loop for a while.
    wakeWorker: () => void setImmediate(() => worker?.wake()),
  };
  const registrar = await ensureRegistrar(ctx, params.registrarKey, privateKeyToAddress(params.registrarKey));
  // The registries' events copied into the database for the lists (docs/indexer.md); follows in the background.
  const chainIndex = await startChainIndex(ctx);

  const server: Server = createApp(ctx).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const connections = trackConnections(server);
  const url = `http://${config.host}:${(server.address() as AddressInfo).port}`;
  if (!config.publicBaseUrl) ctx.publicBaseUrl = url;

  // From the first scrape on: the chain's health while a long first reconciliation runs is worth seeing.
  headProbe = new ChainHeadProbe({
    readTimestamp: async () => (await chain.client.getBlock({ blockTag: "latest" })).timestamp,
    intervalMs: config.chainProbeIntervalMs,
    timeoutMs: Math.min(5_000, config.chainProbeIntervalMs),
    logger,
    onResult: (up) => metrics.chainUp.set(up ? 1 : 0),
  });
  headProbe.start();
  // Finish what a previous run left (brands, re-anchoring) before new work starts.
  await reconcile(ctx).catch((err) => logger.warn({ err }, "first reconciliation failed; retrying in the background"));
  worker = new AnchoringWorker(ctx);
  worker.start();
  void ctx.trees.startBackfill();
  const reconciler = startReconciler(ctx, config.reconcileIntervalMs);
  logger.info({ url, chainId: deployment.chainId, registry: deployment.productRegistry.address }, "service started");

  return {
    url,
    ctx,
    registrarApiKey: registrar.apiKey,
    close: () =>
      shutDown({
        server,
        connections,
        logger,
        graceMs: config.shutdownGraceMs,
        // The image decoders stop with the workers, once requests have drained; shutDown closes the issuance threads.
        stopWorkers: () => Promise.all([headProbe?.stop(), reconciler.stop(), worker?.stop(), ctx.trees.stop(), ctx.images.close(), chainIndex.stop()]).then(() => changes.close()),
        store,
      }),
  };
}
