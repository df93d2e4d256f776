/**
 * `npm start`: the local stack. With no RPC_URL it starts a persistent local chain in the data folder;
 * it deploys the registry where no live deployment is recorded, and prints where everything is.
 * Ctrl-C stops the chain, which writes its state, so a restart finds every block again.
 */
import { mkdir } from "node:fs/promises";
import { ConfigError, loadConfig } from "../server/config.ts";
import { ensureDeployment } from "./deploy.ts";
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

let chain: LocalChain | undefined;
let rpcUrl = config.rpcUrl;
let deployerKey = config.deployerKey;
if (rpcUrl === undefined) {
  chain = await startLocalChain({ dataDir: config.dataDir, port: config.chainPort });
  rpcUrl = chain.rpcUrl;
  deployerKey = ANVIL_DEV_KEY;
}

try {
  const { deployment, fresh, file } = await ensureDeployment({
    rpcUrl,
    deployerKey: deployerKey!,
    dataDir: config.dataDir,
    governance: config.governance,
    registrar: config.registrar,
  });
  console.log(
    [
      `Veritrace ${chain ? "local chain" : "chain"}: ${rpcUrl} (chain id ${deployment.chainId})`,
      `ProductRegistry: ${deployment.productRegistry.address} (${fresh ? "deployed now" : "already deployed"}, block ${deployment.productRegistry.blockNumber})`,
      `Governance: ${deployment.governance}`,
      `Registrar: ${deployment.registrar}`,
      `Deployment record: ${file}`,
    ].join("\n"),
  );
} catch (error) {
  await chain?.stop();
  throw error;
}

if (chain) {
  console.log("The local chain keeps running; Ctrl-C stops it and keeps its state.");
  const stop = async () => {
    await chain.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
