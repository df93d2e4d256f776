/**
 * The `ChainReader` over a viem client: the one implementation the server, the CLI and the browser page
 * share, each with its own client (and so its own RPC). Reads can be pinned to a block, so that a caller
 * caching them knows exactly which chain state they describe.
 */
import { zeroAddress, type Address, type Client, type Hex } from "viem";
import { getChainId, getContractEvents, readContract } from "viem/actions";
import { productRegistryAbi } from "./abi/index.ts";
import { countryCode } from "./iso3166.ts";
import type { ChainActivation, ChainBatch, ChainBrand, ChainGtinOwner, ChainReader, ChainSigner } from "./chain-reader.ts";

export type RegistryReaderParameters = {
  client: Client;
  chainId: number;
  registry: Address;
  /** Read the state as of this block instead of the latest. */
  blockNumber?: bigint | undefined;
};

export function createRegistryReader({ client, chainId, registry, blockNumber }: RegistryReaderParameters): ChainReader {
  const contract = { address: registry, abi: productRegistryAbi, ...(blockNumber === undefined ? {} : { blockNumber }) } as const;
  return {
    chainId,
    registry,
    async getChainId(): Promise<number> {
      return getChainId(client);
    },
    async getBrand(brandId): Promise<ChainBrand> {
      const b = await readContract(client, { ...contract, functionName: "getBrand", args: [brandId] });
      return brandOf(b.name, b.country, b.admittedAt);
    },
    async getGtinOwner(gtin): Promise<ChainGtinOwner> {
      const [brandId, prefix] = await readContract(client, { ...contract, functionName: "gtinOwner", args: [BigInt(gtin)] });
      return { brandId, prefix };
    },
    async isLabelDomain(brandId, host): Promise<boolean> {
      return readContract(client, { ...contract, functionName: "isLabelDomain", args: [brandId, host] });
    },
    async getSigner(signer): Promise<ChainSigner> {
      const s = await readContract(client, { ...contract, functionName: "getSigner", args: [signer] });
      return { brandId: s.brandId, addedAt: s.addedAt, removedAt: s.removedAt };
    },
    async getBatch(batchId): Promise<ChainBatch> {
      const b = await readContract(client, { ...contract, functionName: "getBatch", args: [batchId] });
      return { merkleRoot: b.merkleRoot, signer: b.signer, anchoredAt: b.anchoredAt, itemCount: b.itemCount, status: b.status };
    },
    async getItemStatus(itemId): Promise<number> {
      return readContract(client, { ...contract, functionName: "getItemStatus", args: [itemId] });
    },
    async getActivation(itemId): Promise<ChainActivation> {
      const a = await readContract(client, { ...contract, functionName: "getActivation", args: [itemId] });
      return activationOf(a.seller, a.activatedAt, a.country);
    },
  };
}

/** The chain's brand record with the country as text ("" when not given). */
export function brandOf(name: string, country: Hex, admittedAt: number | bigint): ChainBrand {
  return { name, country: countryCode(country), admittedAt: Number(admittedAt) };
}

/** The chain's record with the country as text ("" when not sold). */
export function activationOf(seller: Address, activatedAt: number | bigint, country: Hex): ChainActivation {
  if (seller === zeroAddress) return { seller, activatedAt: 0, country: "" };
  return { seller, activatedAt: Number(activatedAt), country: countryCode(country) };
}

export type BatchRegistration = { transactionHash: Hex; blockNumber: number };

export type ReadBatchRegistrationParameters = { client: Client; registry: Address; batchId: Hex; fromBlock?: bigint | undefined };

/**
 * Where the chain says a batch was anchored: its `BatchRegistered` event (indexed by batch id), so that the
 * transaction and block a verifier shows are the chain's word, never a service's. Undefined when none.
 */
export async function readBatchRegistration({ client, registry, batchId, fromBlock }: ReadBatchRegistrationParameters): Promise<BatchRegistration | undefined> {
  const logs = await getContractEvents(client, {
    address: registry,
    abi: productRegistryAbi,
    eventName: "BatchRegistered",
    args: { batchId },
    fromBlock: fromBlock ?? 0n,
    toBlock: "latest",
    strict: true,
  });
  // A batch id is anchored once; after a chain reset and re-anchoring the newest event is the live one.
  const last = logs.at(-1);
  if (last === undefined || last.transactionHash === null || last.blockNumber === null) return undefined;
  return { transactionHash: last.transactionHash, blockNumber: Number(last.blockNumber) };
}
