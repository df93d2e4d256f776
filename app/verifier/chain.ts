/**
 * The page's own view of the chain: core's registry reader over a viem client on the chosen RPC, for the
 * trust root the page checks against. Nothing the service says about the chain is used.
 */
import { createClient, http, type Client, type Hex } from "viem";
import type { ChainReader } from "../../core/chain-reader.ts";
import { createRegistryReader, readBatchRegistration, type BatchRegistration } from "../../core/registry-reader.ts";
import type { Network } from "./network.ts";

/** Long enough for a slow mobile link, short enough that an unreachable node soon gives the offline answer. */
const RPC_TIMEOUT_MS = 8_000;

export function chainReaderFor(network: Network): ChainReader {
  const { chainId, registry, rpcUrl } = network;
  if (rpcUrl === undefined) return unreachableChain(chainId, network.registry);
  return createRegistryReader({ client: rpcClient(rpcUrl), chainId, registry });
}

/** A client on the page's chosen RPC; every read the page makes of any contract goes through one. */
export function rpcClient(rpcUrl: string): Client {
  // batch: the verdict's three reads after the signer lookup go out as one HTTP request.
  // retryCount 0: the page retries on its own schedule (recheck.ts), not inside one check.
  return createClient({ transport: http(rpcUrl, { batch: true, retryCount: 0, timeout: RPC_TIMEOUT_MS }) });
}

/** With no RPC at all every read fails, which the verdict function turns into its offline answer. */
function unreachableChain(chainId: number, registry: Network["registry"]): ChainReader {
  const fail = () => Promise.reject(new Error("No RPC is configured: set one in Settings"));
  return {
    chainId,
    registry,
    getChainId: fail,
    getSigner: fail,
    getBatch: fail,
    getItemStatus: fail,
    getActivation: fail,
    getBrand: fail,
    getGtinOwner: fail,
    isLabelDomain: fail,
  };
}

/** Where the chain says the batch was anchored (its BatchRegistered event); undefined when it cannot say. */
export async function readRegistration(network: Network, batchId: Hex): Promise<BatchRegistration | undefined> {
  if (network.rpcUrl === undefined) return undefined;
  try {
    return await readBatchRegistration({
      client: rpcClient(network.rpcUrl),
      registry: network.root.productRegistry,
      batchId,
      fromBlock: network.root.fromBlock === undefined ? undefined : BigInt(network.root.fromBlock),
    });
  } catch {
    return undefined;
  }
}
