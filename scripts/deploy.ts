/**
 * Deploys the registry with the bytecode Hardhat compiled, on any EVM chain an RPC URL reaches, and
 * keeps a deployment record per chain in the data folder. A recorded deployment is reused while the chain
 * still has its code; a reset chain gets a fresh one.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPublicClient, createWalletClient, getAddress, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { productRegistryAbi } from "../core/abi/index.ts";
import { parseDeployment, type Deployment } from "../core/deployment.ts";

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
  if (recorded) {
    const code = await publicClient.getCode({ address: recorded.productRegistry.address });
    if (code && code !== "0x") return { deployment: recorded, fresh: false, file };
  }
  const deployment = await deployRegistry({ ...params, chainId });
  await mkdir(params.dataDir, { recursive: true });
  // Written aside and renamed, so that a crash never leaves half a record.
  await writeFile(`${file}.tmp`, `${JSON.stringify(deployment, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return { deployment, fresh: true, file };
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

async function deployRegistry(params: EnsureDeploymentParameters & { chainId: number }): Promise<Deployment> {
  const account = privateKeyToAccount(params.deployerKey);
  const transport = http(params.rpcUrl);
  const wallet = createWalletClient({ account, transport });
  const publicClient = createPublicClient({ transport });
  const artifactFile = path.join(root, "artifacts/contracts/ProductRegistry.sol/ProductRegistry.json");
  const { bytecode } = JSON.parse(await readFile(artifactFile, "utf8")) as { bytecode: Hex };
  const governance = params.governance ?? account.address;
  const registrar = params.registrar ?? account.address;
  const chain = { id: params.chainId } as Parameters<typeof wallet.deployContract>[0]["chain"];
  const hash = await wallet.deployContract({ abi: productRegistryAbi, bytecode, args: [governance, registrar], chain });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`Deploying ProductRegistry failed in transaction ${hash}`);
  }
  return {
    chainId: params.chainId,
    productRegistry: { address: getAddress(receipt.contractAddress), blockNumber: Number(receipt.blockNumber), transactionHash: hash },
    deployer: account.address,
    governance,
    registrar,
    deployedAt: new Date().toISOString(),
  };
}
