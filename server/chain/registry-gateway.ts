/**
 * The service's only door to the chain: reads of the registry, and transactions signed locally with keys
 * the service holds. Sends from one account are serialised so that nonces never collide; a caller can
 * record the signed transaction before it is broadcast (`beforeBroadcast`), which is what lets a restarted
 * service re-send the very same transaction instead of a second one.
 */
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { productRegistryAbi } from "../../core/abi/index.ts";
import type { Metrics } from "../metrics.ts";

export type TransactionKind =
  | "admitBrand"
  | "assignPrefix"
  | "withdrawPrefix"
  | "transferPrefix"
  | "addLabelDomain"
  | "removeLabelDomain"
  | "addSigner"
  | "removeSigner"
  | "registerBatch"
  | "setStatus"
  | "fund"
  | "authoriseRetailer"
  | "deauthoriseRetailer"
  | "activateItem"
  | "admitParty"
  | "declareShipment"
  | "handOver"
  | "recordInspection"
  | "admitRightsHolder"
  | "admitPlatform"
  | "registerWork"
  | "grantLicence"
  | "revokeLicence"
  | "fileNotice"
  | "answerNotice";

export type SentTransaction = { hash: Hex; raw: Hex };

export type Receipt = { hash: Hex; blockNumber: number; success: boolean };

export type Call = { to: Address; data?: Hex; value?: bigint };

export class RegistryGateway {
  readonly chainId: number;
  readonly registry: Address;
  readonly client: PublicClient;
  readonly #transport: Transport;
  readonly #chain: Chain;
  readonly #metrics: Metrics;
  /** The tail of each account's send queue. */
  readonly #queues = new Map<Address, Promise<unknown>>();

  constructor(params: { transport: Transport; chainId: number; registry: Address; metrics: Metrics }) {
    this.chainId = params.chainId;
    this.registry = params.registry;
    this.#transport = params.transport;
    this.#metrics = params.metrics;
    this.#chain = defineChain({
      id: params.chainId,
      name: `chain ${params.chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [] } },
    });
    this.client = createPublicClient({ chain: this.#chain, transport: this.#transport, pollingInterval: 250 }) as PublicClient;
  }

  async getBrand(brandId: Hex) {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "getBrand", args: [brandId] });
  }

  async getSigner(signer: Address) {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "getSigner", args: [signer] });
  }

  async isRetailer(brandId: Hex, account: Address): Promise<boolean> {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "isRetailer", args: [brandId, account] });
  }

  async getActivation(itemId: Hex) {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "getActivation", args: [itemId] });
  }

  async getBatch(batchId: Hex) {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "getBatch", args: [batchId] });
  }

  async getItemStatus(itemId: Hex): Promise<number> {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "getItemStatus", args: [itemId] });
  }

  /** The node's head now, not viem's cached block number (which may be a polling interval old). */
  async headBlock(): Promise<bigint> {
    return this.client.getBlockNumber({ cacheTime: 0 });
  }

  /** A batch as the registry held it at `blockNumber`: one snapshot with `itemStatusChanges` up to the same block. */
  async getBatchAt(batchId: Hex, blockNumber: bigint) {
    return this.client.readContract({ address: this.registry, abi: productRegistryAbi, functionName: "getBatch", args: [batchId], blockNumber });
  }

  /**
   * Every `ItemStatusChanged` of one batch between two blocks, oldest first: the batch id is an indexed
   * topic, so the node filters them and a batch of a million items costs one request, not a million reads.
   */
  async itemStatusChanges(batchId: Hex, fromBlock: bigint, toBlock: bigint) {
    return this.client.getContractEvents({
      address: this.registry,
      abi: productRegistryAbi,
      eventName: "ItemStatusChanged",
      args: { batchId },
      fromBlock,
      toBlock,
      strict: true,
    });
  }

  async balance(address: Address): Promise<bigint> {
    return this.client.getBalance({ address });
  }

  async blockNumber(): Promise<bigint> {
    return this.client.getBlockNumber();
  }

  /**
   * Asks the node for its head, uncached; rejects with a chain fault when it cannot be reached. A use-case
   * that records its intent in the store before sending asks this first, so that a chain already down leaves
   * no half-made organisation or key behind (the client gets its 503 and can simply retry).
   */
  async assertReachable(): Promise<void> {
    await this.client.getBlockNumber({ cacheTime: 0 });
  }

  /** The transaction that anchored a batch, from its `BatchRegistered` event. */
  async findBatchRegistration(batchId: Hex): Promise<Receipt | undefined> {
    const logs = await this.client.getContractEvents({
      address: this.registry,
      abi: productRegistryAbi,
      eventName: "BatchRegistered",
      args: { batchId },
      fromBlock: 0n,
    });
    const log = logs.at(-1);
    if (!log?.transactionHash || log.blockNumber === null) return undefined;
    return { hash: log.transactionHash, blockNumber: Number(log.blockNumber), success: true };
  }

  /** Encodes a registry call. */
  registryCall<const F extends Parameters<typeof encodeFunctionData<typeof productRegistryAbi>>[0]["functionName"]>(
    functionName: F,
    args: readonly unknown[],
  ): Call {
    const data = encodeFunctionData({ abi: productRegistryAbi, functionName, args } as never);
    return { to: this.registry, data };
  }

  /**
   * Signs `call` with `key` at the account's next nonce and broadcasts it. `beforeBroadcast` runs after
   * signing and before sending: what it records survives a crash during the broadcast.
   */
  async send(key: Hex, call: Call, beforeBroadcast?: (tx: SentTransaction) => void | Promise<void>): Promise<SentTransaction> {
    const account = privateKeyToAccount(key);
    return this.#serialised(account.address, async () => {
      const wallet = createWalletClient({ account, chain: this.#chain, transport: this.#transport });
      const request = await wallet.prepareTransactionRequest({ ...call, account, chain: this.#chain });
      const raw = await wallet.signTransaction(request as never);
      const tx = { raw, hash: keccak256(raw) };
      await beforeBroadcast?.(tx);
      await this.client.sendRawTransaction({ serializedTransaction: raw });
      return tx;
    });
  }

  /** Broadcasts an already signed transaction again (after a restart); "already known" is fine. */
  async rebroadcast(raw: Hex): Promise<void> {
    try {
      await this.client.sendRawTransaction({ serializedTransaction: raw });
    } catch (error) {
      if (/already known|known transaction|already imported/i.test(String((error as Error).message))) return;
      throw error;
    }
  }

  /**
   * Whether a signed transaction could still be mined: it has no receipt and its sender has not used its
   * nonce yet (once the nonce is used by another transaction, this one can never be mined).
   */
  async mayStillBeMined(raw: Hex): Promise<boolean> {
    if ((await this.receipt(keccak256(raw))) !== undefined) return false;
    const { nonce } = parseTransaction(raw);
    const sender = await recoverTransactionAddress({ serializedTransaction: raw as never });
    const used = await this.client.getTransactionCount({ address: sender, blockTag: "latest" });
    return nonce === undefined || used <= nonce;
  }

  async receipt(hash: Hex): Promise<Receipt | undefined> {
    try {
      const r = await this.client.getTransactionReceipt({ hash });
      return { hash, blockNumber: Number(r.blockNumber), success: r.status === "success" };
    } catch {
      return undefined;
    }
  }

  async waitForReceipt(hash: Hex, kind: TransactionKind, timeoutMs = 120_000): Promise<Receipt> {
    const started = performance.now();
    const r = await this.client.waitForTransactionReceipt({ hash, timeout: timeoutMs });
    this.#metrics.chainTxSeconds.observe({ kind }, (performance.now() - started) / 1000);
    return { hash, blockNumber: Number(r.blockNumber), success: r.status === "success" };
  }

  /** Sends and waits; a reverted transaction is an error naming what failed. */
  async execute(key: Hex, kind: TransactionKind, call: Call): Promise<Receipt> {
    const { hash } = await this.send(key, call);
    const receipt = await this.waitForReceipt(hash, kind);
    if (!receipt.success) throw new Error(`The ${kind} transaction ${hash} reverted`);
    return receipt;
  }

  #serialised<T>(address: Address, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(address) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.#queues.set(
      address,
      next.catch(() => undefined),
    );
    return next;
  }
}
