/**
 * The `ChainReader` over a viem client: the one implementation the server, the CLI and the browser page
 * share, each with its own client (and so its own RPC). Reads can be pinned to a block, so that a caller
 * caching them knows exactly which chain state they describe.
 */
import { zeroAddress, type Address, type Client, type Hex } from "viem";
import { readContract } from "viem/actions";
import { productRegistryAbi } from "./abi/index.ts";
import { countryCode } from "./iso3166.ts";
import type { ChainActivation, ChainBatch, ChainReader, ChainSigner } from "./chain-reader.ts";

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

/** The chain's record with the country as text ("" when not sold). */
export function activationOf(seller: Address, activatedAt: number | bigint, country: Hex): ChainActivation {
  if (seller === zeroAddress) return { seller, activatedAt: 0, country: "" };
  return { seller, activatedAt: Number(activatedAt), country: countryCode(country) };
}
