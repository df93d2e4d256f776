/**
 * Deploys the registries with Hardhat Ignition (ignition/modules/Veritrace.ts) on any EVM chain an RPC URL
 * reaches, and keeps a deployment record per chain in the data folder beside Ignition's journal. A recorded deployment is reused while the chain
 * still has its code; a reset chain gets a fresh one, and a record from before a registry existed (shipments,
 * content licences) gets that registry added.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { deploy, DeploymentResultType, listTransactions, type DeploymentResult, type IgnitionModule, type IgnitionModuleResult } from "@nomicfoundation/ignition-core";
import { createPublicClient, getAddress, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { parseDeployment, PROTOCOL_VERSION, type ContractDeployment, type Deployment } from "../core/deployment.ts";
import VeritraceModule, { LicenceRegistryModule, ShipmentRegistryModule } from "../ignition/modules/Veritrace.ts";

export type EnsureDeploymentParameters = {
  rpcUrl: string;
  deployerKey: Hex;
  dataDir: string;
  governance?: Address | undefined;
  registrar?: Address | undefined;
};

export type EnsureDeploymentReturnType = { deployment: Deployment; fresh: boolean; file: string };

export async function ensureDeployment(params: EnsureDeploymentParameters): Promise<EnsureDeploymentReturnType> {
  const publicClient = createPublicClient({ transport: http(params.rpcUrl) });
  const chainId = await publicClient.getChainId();
  const file = path.join(params.dataDir, `deployment-${chainId}.json`);
  const recorded = await readDeployment(file);
  const hasCode = async (contract: ContractDeployment | undefined) =>
    contract !== undefined && ((await publicClient.getCode({ address: contract.address })) ?? "0x") !== "0x";
  let deployment: Deployment;
  if (recorded && (recorded.protocol ?? 1) !== PROTOCOL_VERSION && (await hasCode(recorded.productRegistry))) {
    throw new OlderDeploymentError(file, recorded.protocol ?? 1);
  }
  if (recorded && (await hasCode(recorded.productRegistry))) {
    const missing: (keyof typeof ADDED_LATER)[] = [];
    for (const key of Object.keys(ADDED_LATER) as (keyof typeof ADDED_LATER)[]) {
      if (!(await hasCode(recorded[key]))) missing.push(key);
    }
    if (missing.length === 0) return { deployment: recorded, fresh: false, file };
    deployment = { ...recorded };
    for (const key of missing) {
      const added = await deployModule(
        { ...params, chainId, governance: recorded.governance, registrar: recorded.registrar },
        ADDED_LATER[key],
        path.join(params.dataDir, "ignition", `chain-${chainId}-${key}`),
      );
      deployment[key] = added[key]!;
    }
  } else {
    // No record, or a chain that lost the recorded code (a reset dev chain): any journal describes a chain
    // that is gone, and Ignition would believe it.
    const deploymentDir = path.join(params.dataDir, "ignition", `chain-${chainId}`);
    await rm(path.join(params.dataDir, "ignition"), { recursive: true, force: true });
    deployment = await deployRegistries({ ...params, chainId }, deploymentDir);
  }
  await mkdir(params.dataDir, { recursive: true });
  // Written aside and renamed, so that a crash never leaves half a record.
  await writeFile(`${file}.tmp`, `${JSON.stringify(deployment, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return { deployment, fresh: true, file };
}

/** A data folder from an older protocol: its registries and store cannot be used by this code. */
export class OlderDeploymentError extends Error {
  override name = "OlderDeploymentError";
  constructor(file: string, protocol: number) {
    super(
      `${file} records a deployment of Veritrace protocol ${protocol}; this version needs protocol ${PROTOCOL_VERSION} ` +
        "(brand names, GS1 company prefixes and label hosts on chain). Move the data folder aside (for example " +
        "`mv data data-protocol-1`) or set DATA_DIR to a new folder, then start again: a fresh deployment is made. " +
        "docs/configuration.md, \"Moving to protocol 2\", says how a consortium on a real chain migrates.",
    );
  }
}

async function readDeployment(file: string): Promise<Deployment | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  return parseDeployment(JSON.parse(text));
}

/** The registries a record may lack (written before they existed), by record key, with their modules. */
const ADDED_LATER = { shipmentRegistry: ShipmentRegistryModule, licenceRegistry: LicenceRegistryModule } as const;

/**
 * Deploys an Ignition module through a Hardhat connection to `rpcUrl` signing with `deployerKey` (so a remote
 * node needs no unlocked account), journaling into `deploymentDir`, and returns where each registry landed,
 * keyed as the deployment record keys them.
 */
async function deployModule(
  params: EnsureDeploymentParameters & { chainId: number },
  ignitionModule: IgnitionModule<string, string, IgnitionModuleResult<string>>,
  deploymentDir: string,
): Promise<Record<string, ContractDeployment>> {
  const { artifacts, network } = await import("hardhat");
  const account = privateKeyToAccount(params.deployerKey);
  const connection = await network.create({ network: "consortium", override: { url: params.rpcUrl, accounts: [params.deployerKey] } });
  try {
    const artifactResolver = { loadArtifact: (name: string) => artifacts.readArtifact(name), getBuildInfo: async () => undefined };
    const result = await deploy({
      provider: connection.provider,
      artifactResolver,
      deploymentDir,
      ignitionModule,
      deploymentParameters: { $global: { governance: params.governance ?? account.address, registrar: params.registrar ?? account.address } },
      accounts: [account.address],
      defaultSender: account.address,
      // A local chain mines one block per transaction: waiting for more confirmations would wait for ever.
      config: params.chainId === LOCAL_CHAIN_ID ? { requiredConfirmations: 1, blockPollingInterval: 50 } : {},
    });
    if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) throw new DeploymentFailedError(deploymentDir, result);
    const transactions = await listTransactions(deploymentDir, artifactResolver);
    const deployed: Record<string, ContractDeployment> = {};
    // Ignition keys its results by future id ("ProductRegistry#ProductRegistry"); the record by registry.
    for (const contract of Object.values(result.contracts)) {
      const key = contract.contractName.charAt(0).toLowerCase() + contract.contractName.slice(1);
      const address = getAddress(contract.address);
      const tx = transactions.find((t) => t.address !== undefined && getAddress(t.address) === address);
      if (tx === undefined) throw new Error(`Ignition's journal in ${deploymentDir} has no transaction deploying ${contract.contractName}`);
      const receipt = (await connection.provider.request({ method: "eth_getTransactionReceipt", params: [tx.txHash] })) as { blockNumber: Hex };
      deployed[key] = { address, blockNumber: Number(receipt.blockNumber), transactionHash: tx.txHash as Hex };
    }
    return deployed;
  } finally {
    await connection.close();
  }
}

/** Anvil's and Hardhat's default chain id. */
const LOCAL_CHAIN_ID = 31337;

/** Ignition did not finish: the journal stays, so running again resumes where it stopped. */
export class DeploymentFailedError extends Error {
  override name = "DeploymentFailedError";
  constructor(deploymentDir: string, result: Exclude<DeploymentResult, { type: DeploymentResultType.SUCCESSFUL_DEPLOYMENT }>) {
    super(`Deploying the registries did not finish (${result.type}); Ignition's journal is in ${deploymentDir}: ${JSON.stringify(result)}`);
  }
}

async function deployRegistries(params: EnsureDeploymentParameters & { chainId: number }, deploymentDir: string): Promise<Deployment> {
  const account = privateKeyToAccount(params.deployerKey);
  const { productRegistry, shipmentRegistry, licenceRegistry } = await deployModule(params, VeritraceModule, deploymentDir);
  return {
    protocol: PROTOCOL_VERSION,
    chainId: params.chainId,
    rpcUrl: params.rpcUrl,
    productRegistry: productRegistry!,
    shipmentRegistry: shipmentRegistry!,
    licenceRegistry: licenceRegistry!,
    deployer: account.address,
    governance: params.governance ?? account.address,
    registrar: params.registrar ?? account.address,
    deployedAt: new Date().toISOString(),
  };
}
