/**
 * Deploys the registries with the bytecode Hardhat compiled, on any EVM chain an RPC URL reaches, and
 * keeps a deployment record per chain in the data folder. A recorded deployment is reused while the chain
 * still has its code; a reset chain gets a fresh one, and a record from before a registry existed (shipments,
 * content licences) gets that registry added.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPublicClient, createWalletClient, getAddress, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { licenceRegistryAbi, productRegistryAbi, shipmentRegistryAbi } from "../core/abi/index.ts";
import { parseDeployment, PROTOCOL_VERSION, type ContractDeployment, type Deployment } from "../core/deployment.ts";

const root = path.resolve(import.meta.dirname, "..");

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
    const deployer = deployerOf({ ...params, chainId, governance: recorded.governance, registrar: recorded.registrar });
    deployment = { ...recorded };
    for (const key of missing) deployment[key] = await deployer(ADDED_LATER[key]);
  } else {
    deployment = await deployRegistries({ ...params, chainId });
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
        "README.md, \"Moving to protocol 2\", says how a consortium on a real chain migrates.",
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

const ABIS = {
  ProductRegistry: productRegistryAbi,
  ShipmentRegistry: shipmentRegistryAbi,
  LicenceRegistry: licenceRegistryAbi,
} as const;

/** The registries a record may lack (written before they existed), by record key. */
const ADDED_LATER = { shipmentRegistry: "ShipmentRegistry", licenceRegistry: "LicenceRegistry" } as const;

/** Deploys a registry, whose constructor takes (governance, registrar), and returns where it landed. */
function deployerOf(params: EnsureDeploymentParameters & { chainId: number }) {
  const account = privateKeyToAccount(params.deployerKey);
  const transport = http(params.rpcUrl);
  const wallet = createWalletClient({ account, transport });
  const publicClient = createPublicClient({ transport });
  const chain = { id: params.chainId } as Parameters<typeof wallet.deployContract>[0]["chain"];
  const args = [params.governance ?? account.address, params.registrar ?? account.address] as const;
  return async (name: keyof typeof ABIS): Promise<ContractDeployment> => {
    const artifactFile = path.join(root, `artifacts/contracts/${name}.sol/${name}.json`);
    const { bytecode } = JSON.parse(await readFile(artifactFile, "utf8")) as { bytecode: Hex };
    const hash = await wallet.deployContract({ abi: ABIS[name] as typeof productRegistryAbi, bytecode, args, chain });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`Deploying ${name} failed in transaction ${hash}`);
    return { address: getAddress(receipt.contractAddress), blockNumber: Number(receipt.blockNumber), transactionHash: hash };
  };
}

async function deployRegistries(params: EnsureDeploymentParameters & { chainId: number }): Promise<Deployment> {
  const deployer = deployerOf(params);
  const account = privateKeyToAccount(params.deployerKey);
  return {
    protocol: PROTOCOL_VERSION,
    chainId: params.chainId,
    rpcUrl: params.rpcUrl,
    productRegistry: await deployer("ProductRegistry"),
    shipmentRegistry: await deployer("ShipmentRegistry"),
    licenceRegistry: await deployer("LicenceRegistry"),
    deployer: account.address,
    governance: params.governance ?? account.address,
    registrar: params.registrar ?? account.address,
    deployedAt: new Date().toISOString(),
  };
}
