/**
 * `npm start`: the whole local stack. With no RPC_URL it starts a persistent local chain in the data
 * folder; it deploys the registry where no live deployment is recorded, starts the service, and on the
 * very first start makes a demo registrar and brand and prints their API keys. Ctrl-C stops everything;
 * the chain writes its state, so a restart keeps every batch.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { http, type Hex } from "viem";
import { ConfigError, loadConfig } from "../server/config.ts";
import { newMasterKey } from "../server/keys/vault.ts";
import { createLogger, startService } from "../server/service.ts";
import { createBrand } from "../server/use-cases/organisations.ts";
import { ensureDeployment, OlderDeploymentError } from "./deploy.ts";
import { ANVIL_DEV_KEY, startLocalChain, type LocalChain } from "./local-chain.ts";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
await mkdir(config.dataDir, { recursive: true });
const logger = createLogger(config.logLevel);

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

let chain: LocalChain | undefined;
let rpcUrl = config.rpcUrl;
let deployerKey = config.deployerKey;
let registrarKey = config.registrarKey;
if (rpcUrl === undefined) {
  chain = await startLocalChain({ dataDir: config.dataDir, port: config.chainPort });
  rpcUrl = chain.rpcUrl;
  deployerKey = ANVIL_DEV_KEY;
  registrarKey = ANVIL_DEV_KEY;
}

let service: Awaited<ReturnType<typeof startService>> | undefined;
const stop = async (code: number) => {
  await service?.close().catch((err) => logger.error({ err }, "closing the service failed"));
  await chain?.stop();
  process.exit(code);
};
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

try {
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
    transport: http(rpcUrl),
    rpcUrl,
    registrarKey: registrarKey!,
    masterKey: config.masterKey ?? (await localMasterKey(config.dataDir)),
    logger,
  });

  const credentials = path.join(config.dataDir, "demo-credentials.json");
  if (service.registrarApiKey && chain) {
    // GS1 keeps prefixes under 950 for examples: the demo brand owns GS1's own example GTIN 09506000134352.
    const demo = await createBrand(service.ctx, { name: "Demo Brand", metadataUri: "", country: "GB", prefixes: ["9506000"] });
    await writeFile(
      credentials,
      `${JSON.stringify({ registrarApiKey: service.registrarApiKey, brandApiKey: demo.apiKey, brand: demo.brand }, null, 2)}\n`,
      { mode: 0o600 },
    );
    await chmod(credentials, 0o600);
    console.log(`Demo registrar API key: ${service.registrarApiKey}\nDemo brand "Demo Brand" API key: ${demo.apiKey}`);
  } else if (service.registrarApiKey) {
    console.log(`Registrar API key (shown once, keep it safe): ${service.registrarApiKey}`);
  }
  console.log(
    [
      `Chain: ${rpcUrl} (chain id ${deployment.chainId})${chain ? ", local, state in the data folder" : ""}`,
      `ProductRegistry: ${deployment.productRegistry.address} (${fresh ? "deployed now" : "already deployed"})`,
      `ShipmentRegistry: ${deployment.shipmentRegistry?.address ?? "not deployed"}`,
      `LicenceRegistry: ${deployment.licenceRegistry?.address ?? "not deployed"}`,
      `Verifier trust roots: ${service.ctx.pageTrustRoots.map((r) => `${r.name} (chain ${r.chainId}, registry ${r.productRegistry})`).join("; ")}${
        config.trustRootsFile ? ` from ${config.trustRootsFile}` : " (this deployment: the development root)"
      }`,
      `Service: ${service.url}`,
      `Pages: ${service.url}/verify (check a label), ${service.url}/console (brands), ${service.url}/licences (licences, notices)`,
      `API description: ${service.url}/api/v1/openapi.json`,
      `API reference: ${service.url}/docs/api`,
      ...(chain ? [`Demo API keys: ${credentials}`] : []),
      "Ctrl-C stops everything.",
    ].join("\n"),
  );
} catch (error) {
  if (error instanceof OlderDeploymentError) console.error(error.message);
  else logger.fatal({ err: error }, "start-up failed");
  await stop(1);
}
