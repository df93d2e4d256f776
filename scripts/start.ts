/**
 * `npm start`: the whole local stack. With no RPC_URL it starts a persistent local chain in the data
 * folder; it deploys the registry where no live deployment is recorded, starts the service, and on the
 * very first start makes a demo registrar and brand and prints their API keys. Ctrl-C (SIGINT) or SIGTERM
 * (`docker stop`) stops everything gracefully (docs/operations.md); the chain writes its state, so a
 * restart keeps every batch. A taken port or a data folder in use stops it at once, by name.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Hex } from "viem";
import { chainTransport } from "../server/chain/transport.ts";
import { ConfigError, loadConfig } from "../server/config.ts";
import { newMasterKey } from "../server/keys/vault.ts";
import { createLogger, startService } from "../server/service.ts";
import { createBrand } from "../server/features/organisations/organisations.ts";
import { ensureDeployment, OlderDeploymentError } from "./deploy.ts";
import { ANVIL_DEV_KEY, startLocalChain, type LocalChain } from "./local-chain.ts";
import { DataFolderInUseError, lockDataFolder } from "./data-folder-lock.ts";
import { assertPortFree, PortTakenError } from "./free-port.ts";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
const logger = createLogger(config.logLevel, { rpcUrl: config.rpcUrl });

/** A local stack keeps its master key in the data folder, readable by its owner only. */
async function localMasterKey(dataDir: string): Promise<Hex> {
  const file = path.join(dataDir, "master.key");
  try {
    return (await readFile(file, "utf8")).trim() as Hex;
  } catch {
    const key = newMasterKey();
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}

/** A JSON file in the data folder that only its owner may read; returns its path. */
async function writeSecretFile(name: string, content: unknown): Promise<string> {
  const file = path.join(config!.dataDir, name);
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only to a new file: an older one keeps whatever it had.
  await chmod(file, 0o600);
  return file;
}

let chain: LocalChain | undefined;
let rpcUrl = config.rpcUrl;
let deployerKey = config.deployerKey;
let registrarKey = config.registrarKey;

let service: Awaited<ReturnType<typeof startService>> | undefined;
let stopping = false;
const stop = async (code: number) => {
  stopping = true;
  await service?.close().catch((err) => logger.error({ err }, "closing the service failed"));
  if (chain) {
    await chain.stop();
    logger.info({ phase: "chain-stopped", anvilPid: chain.pid }, "shutdown: local chain stopped, its state written to the data folder");
  }
  process.exit(code);
};
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second signal: the operator will not wait. The local chain still gets SIGTERM (the exit hook).
    logger.warn({ signal }, "shutdown: second signal; exiting now");
    process.exit(1);
  }
  logger.info({ signal }, "shutdown: signal received");
  void stop(0);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

try {
  lockDataFolder(config.dataDir);
  // Both ports before anything starts, so a taken one leaves nothing half-started behind.
  if (config.port !== 0) await assertPortFree(config.host, config.port, "PORT");
  if (rpcUrl === undefined) {
    chain = await startLocalChain({ dataDir: config.dataDir, port: config.chainPort, ownProcessGroup: true });
    if (chain.replacedLeftover !== undefined) {
      logger.warn({ anvilPid: chain.replacedLeftover }, "stopped a local chain (anvil) that an earlier, killed run left serving this data folder; its state was saved");
    }
    rpcUrl = chain.rpcUrl;
    deployerKey = ANVIL_DEV_KEY;
    registrarKey = ANVIL_DEV_KEY;
  }
  const { deployment, fresh } = await ensureDeployment({
    rpcUrl,
    deployerKey: (deployerKey ?? registrarKey)!,
    dataDir: config.dataDir,
    governance: config.governance,
    registrar: config.registrar,
  });
  service = await startService({
    config,
    deployment,
    transport: chainTransport(rpcUrl, config.rpcTimeoutMs),
    rpcUrl,
    registrarKey: registrarKey!,
    masterKey: config.masterKey ?? (await localMasterKey(config.dataDir)),
    logger,
  });

  // Every stdout line is a JSON log line. A key is logged only on a local development stack, where the demo
  // keys are what a developer needs to try it; elsewhere the first start's registrar key goes to a file only
  // its owner can read, and the log says where (docs/observability.md).
  if (service.registrarApiKey && chain) {
    // GS1 keeps prefixes under 950 for examples: the demo brand owns GS1's own example GTIN 09506000134352.
    const demo = await createBrand(service.ctx, { name: "Demo Brand", metadataUri: "", country: "GB", prefixes: ["9506000"] });
    const file = await writeSecretFile("demo-credentials.json", { registrarApiKey: service.registrarApiKey, brandApiKey: demo.apiKey, brand: demo.brand });
    logger.info({ registrarApiKey: service.registrarApiKey, brandApiKey: demo.apiKey, brand: "Demo Brand", file }, "demo API keys (local development stack)");
  } else if (service.registrarApiKey) {
    const file = await writeSecretFile("registrar-credentials.json", { registrarApiKey: service.registrarApiKey });
    logger.warn({ file }, "the registrar's API key was made and written to this file, readable by its owner only: keep it safe, then delete the file");
  }
  logger.info(
    {
      chain: { rpc: new URL(rpcUrl).origin, chainId: deployment.chainId, local: chain !== undefined },
      productRegistry: { address: deployment.productRegistry.address, deployedNow: fresh },
      shipmentRegistry: deployment.shipmentRegistry?.address ?? null,
      licenceRegistry: deployment.licenceRegistry?.address ?? null,
      verifierTrustRoots: service.ctx.pageTrustRoots.map((r) => ({ name: r.name, chainId: r.chainId, registry: r.productRegistry })),
      trustRootsFrom: config.trustRootsFile ?? "this deployment (the development root)",
      service: service.url,
      pages: { verify: `${service.url}/verify`, console: `${service.url}/console`, licences: `${service.url}/licences` },
      apiDescription: `${service.url}/api/v1/openapi.json`,
      apiReference: `${service.url}/docs/api`,
    },
    "ready; Ctrl-C (or SIGTERM) stops everything",
  );
} catch (error) {
  if (error instanceof OlderDeploymentError || error instanceof PortTakenError || error instanceof DataFolderInUseError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") console.error(new PortTakenError(config.host, config.port, "PORT").message);
  else logger.fatal({ err: error }, "start-up failed");
  await stop(1);
}
