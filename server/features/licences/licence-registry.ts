/**
 * The service's door to the LicenceRegistry: reads, the history the chain keeps only as events (works,
 * grants, revocations, notices, answers), and transactions that are simulated before they are sent, so
 * that a revert the service's own checks missed comes back as the contract's named error (mapped to a 4xx
 * in `errors.ts`) instead of a mined, failed transaction.
 */
import {
  encodeFunctionData,
  parseEventLogs,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { licenceRegistryAbi } from "../../../core/abi/index.ts";
import type { ContractDeployment } from "../../../core/deployment.ts";
import type { RegistryGateway, TransactionKind } from "../../chain/registry-gateway.ts";
import { licenceRefusal } from "./errors.ts";

type LicenceFunction = Parameters<typeof encodeFunctionData<typeof licenceRegistryAbi>>[0]["functionName"];
type LicenceEvent = "WorkRegistered" | "LicenceGranted" | "LicenceRevoked" | "NoticeFiled" | "NoticeAnswered" | "PlatformAdmitted";

/** A log as the event queries here return it. */
export type LicenceLog = { args: Record<string, unknown>; blockNumber: bigint; transactionHash: Hex; eventName?: string };

export type Mined = { transactionHash: Hex; blockNumber: number };

export class LicenceRegistryChain {
  readonly address: Address;
  readonly fromBlock: bigint;
  readonly #client: PublicClient;
  readonly #gateway: RegistryGateway;

  constructor(gateway: RegistryGateway, deployment: ContractDeployment) {
    this.address = deployment.address;
    this.fromBlock = BigInt(deployment.blockNumber);
    this.#client = gateway.client;
    this.#gateway = gateway;
  }

  #read<T>(functionName: string, args: readonly unknown[]): Promise<T> {
    return this.#client.readContract({ address: this.address, abi: licenceRegistryAbi, functionName, args } as never) as Promise<T>;
  }

  getRightsHolder(account: Address) {
    return this.#read<{ admittedAt: number; name: string }>("getRightsHolder", [account]);
  }

  getPlatform(platformId: Hex) {
    return this.#read<{ account: Address; admittedAt: number; name: string }>("getPlatform", [platformId]);
  }

  getWork(workId: Hex) {
    return this.#read<{ owner: Address; registeredAt: number; perceptualHash: bigint; licenceCount: number; metadataURI: string }>("getWork", [workId]);
  }

  getLicence(licenceId: Hex) {
    return this.#read<LicenceRecord>("getLicence", [licenceId]);
  }

  getNotice(noticeId: Hex) {
    return this.#read<NoticeRecord>("getNotice", [noticeId]);
  }

  maxDepth() {
    return this.#read<number>("MAX_DEPTH", []);
  }

  async isLicensed(workId: Hex, licensee: Address, platformId: Hex, territory: Hex, time: bigint): Promise<{ licensed: boolean; licenceId: Hex; reason: number }> {
    const [licensed, licenceId, reason] = await this.#read<[boolean, Hex, number]>("isLicensed", [workId, licensee, platformId, territory, time]);
    return { licensed, licenceId, reason };
  }

  /** Logs of one event, filtered on its indexed arguments, from the deployment block (or `fromBlock`) to `toBlock`. */
  async events(eventName: LicenceEvent, args: object = {}, range: { fromBlock?: bigint; toBlock?: bigint } = {}): Promise<LicenceLog[]> {
    return (await this.#client.getContractEvents({
      address: this.address,
      abi: licenceRegistryAbi,
      eventName,
      args,
      fromBlock: range.fromBlock ?? this.fromBlock,
      toBlock: range.toBlock,
    } as never)) as unknown as LicenceLog[];
  }

  blockNumber(): Promise<bigint> {
    return this.#client.getBlockNumber();
  }

  /**
   * Simulates the call from the key's account (a revert becomes the contract's named error as an AppError),
   * then sends it and waits. Returns the receipt's events of this registry.
   */
  async send(key: Hex, kind: TransactionKind, functionName: LicenceFunction, args: readonly unknown[]): Promise<Mined & { logs: LicenceLog[] }> {
    const account = privateKeyToAddress(key);
    try {
      await this.#client.simulateContract({ address: this.address, abi: licenceRegistryAbi, functionName, args, account } as never);
    } catch (error) {
      throw licenceRefusal(error) ?? error;
    }
    const data = encodeFunctionData({ abi: licenceRegistryAbi, functionName, args } as never);
    const receipt = await this.#gateway.execute(key, kind, { to: this.address, data });
    const full = await this.#client.getTransactionReceipt({ hash: receipt.hash });
    const logs = parseEventLogs({ abi: licenceRegistryAbi, logs: full.logs.filter((l) => l.address.toLowerCase() === this.address.toLowerCase()) });
    return { transactionHash: receipt.hash, blockNumber: receipt.blockNumber, logs: logs as unknown as LicenceLog[] };
  }
}

export type LicenceRecord = {
  workId: Hex;
  parentId: Hex;
  licensee: Address;
  grantor: Address;
  start: number;
  end: number;
  grantedAt: number;
  revokedAt: number;
  depth: number;
  sublicensable: boolean;
  worldwide: boolean;
  platformIds: readonly Hex[];
  territories: readonly Hex[];
};

export type NoticeRecord = {
  sender: Address;
  filedAt: number;
  answeredAt: number;
  status: number;
  rejection: number;
  principal: Address;
  territory: Hex;
  platformId: Hex;
  workId: Hex;
  brandId: Hex;
  batchId: Hex;
  locationHash: Hex;
  evidenceHash: Hex;
  counterNoticeHash: Hex;
};
