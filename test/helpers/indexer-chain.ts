/**
 * A real anvil chain with the registries deployed, and a quick way to emit registry events on it: the
 * registrar admits rights holders (one `RightsHolderAdmitted` each) and a rights holder registers works
 * (`WorkRegistered`). Used by the chain indexer's tests and its benchmark.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPublicClient, createWalletClient, custom, encodeFunctionData, http, keccak256, toHex, type Address, type Hex, type PublicClient, type Transport } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { licenceRegistryAbi } from "../../core/abi/index.ts";
import type { Deployment } from "../../core/deployment.ts";
import { ensureDeployment } from "../../scripts/deploy.ts";
import { freePort } from "../../scripts/free-port.ts";
import { ANVIL_DEV_KEY, startLocalChain } from "../../scripts/local-chain.ts";

/** anvil's second development account: a published test key. */
export const ANVIL_DEV_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;

export type IndexerChain = {
  rpcUrl: string;
  deployment: Deployment;
  client: PublicClient;
  /** The registries' addresses, as the follower watches them. */
  addresses: Address[];
  /** The first block any registry was deployed in. */
  startBlock: number;
  /** Admits `count` new rights holders, one transaction each (one block each while anvil automines). */
  admitHolders(count: number, options?: { label?: string; perBlock?: number }): Promise<Address[]>;
  /** Registers works from the second development account (admitted on first use); returns their ids. */
  registerWorks(count: number, label?: string): Promise<Hex[]>;
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  stop(): Promise<void>;
};

let holdersMade = 0;

export async function startIndexerChain(): Promise<IndexerChain> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-indexer-"));
  const chain = await startLocalChain({ dataDir, port: await freePort() });
  const { deployment } = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir });
  const client = createPublicClient({ transport: http(chain.rpcUrl), cacheTime: 0 }) as PublicClient;
  const licences = deployment.licenceRegistry!.address;
  const registrar = createWalletClient({ account: privateKeyToAccount(ANVIL_DEV_KEY), transport: http(chain.rpcUrl) });
  const holder = createWalletClient({ account: privateKeyToAccount(ANVIL_DEV_KEY_1), transport: http(chain.rpcUrl) });
  const rpc = <T>(method: string, params: unknown[] = []) => client.request({ method, params } as never) as Promise<T>;
  let holderAdmitted = false;

  /** Sends transactions with explicit nonces and gas (no estimate per call), `perBlock` mined together. */
  async function sendAll(wallet: typeof registrar, datas: Hex[], perBlock: number): Promise<void> {
    let nonce = await client.getTransactionCount({ address: wallet.account.address, blockTag: "pending" });
    if (perBlock > 1) await rpc("evm_setAutomine", [false]);
    try {
      for (let i = 0; i < datas.length; i += perBlock) {
        const slice = datas.slice(i, i + perBlock);
        const hashes = await Promise.all(slice.map((data) => wallet.sendTransaction({ to: licences, data, gas: 300_000n, nonce: nonce++, chain: null })));
        if (perBlock > 1) await rpc("evm_mine");
        await client.waitForTransactionReceipt({ hash: hashes.at(-1)!, pollingInterval: 20 });
      }
    } finally {
      if (perBlock > 1) await rpc("evm_setAutomine", [true]);
    }
  }

  return {
    rpcUrl: chain.rpcUrl,
    deployment,
    client,
    addresses: [deployment.productRegistry.address, deployment.shipmentRegistry!.address, licences],
    startBlock: Math.min(deployment.productRegistry.blockNumber, deployment.shipmentRegistry!.blockNumber, deployment.licenceRegistry!.blockNumber),
    rpc,
    async admitHolders(count, { label = "holder", perBlock = 1 } = {}) {
      const accounts = Array.from({ length: count }, () => `0x${keccak256(toHex(`${label}-${holdersMade++}-${Math.random()}`)).slice(26)}` as Address);
      const datas = accounts.map((account, i) => encodeFunctionData({ abi: licenceRegistryAbi, functionName: "admitRightsHolder", args: [account, `${label} ${i}`] }));
      await sendAll(registrar, datas, perBlock);
      return accounts;
    },
    async registerWorks(count, label = "work") {
      if (!holderAdmitted) {
        await sendAll(registrar, [encodeFunctionData({ abi: licenceRegistryAbi, functionName: "admitRightsHolder", args: [holder.account.address, "Test Holder"] })], 1);
        holderAdmitted = true;
      }
      const ids = Array.from({ length: count }, (_, i) => keccak256(toHex(`${label}-${i}-${Math.random()}`)));
      await sendAll(holder, ids.map((id) => encodeFunctionData({ abi: licenceRegistryAbi, functionName: "registerWork", args: [id, 0n, `ipfs://${label}`] })), 1);
      return ids;
    },
    async stop() {
      await chain.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A transport to `rpcUrl` that refuses `eth_getLogs` over more than `maxBlocks` blocks with the JSON-RPC
 * error a capped provider sends (-32005, limit exceeded), and counts the calls it answered.
 */
export function cappedTransport(rpcUrl: string, maxBlocks: number): { transport: Transport; getLogsCalls: () => number; refusals: () => number } {
  const inner = http(rpcUrl)({});
  let calls = 0;
  let refused = 0;
  const transport = custom({
    async request({ method, params }: { method: string; params?: unknown[] }) {
      if (method === "eth_getLogs") {
        const [{ fromBlock, toBlock }] = params as [{ fromBlock: Hex; toBlock: Hex }];
        if (BigInt(toBlock) - BigInt(fromBlock) + 1n > BigInt(maxBlocks)) {
          refused++;
          throw Object.assign(new Error(`query exceeds max block range ${maxBlocks}`), { code: -32005 });
        }
        calls++;
      }
      return inner.request({ method, params } as never);
    },
  });
  return { transport, getLogsCalls: () => calls, refusals: () => refused };
}
