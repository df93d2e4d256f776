/**
 * Which chain and registry to check against, and through which RPC. The chain id and registry come from
 * the service, since they are part of what a label's signature binds (a code signed for another chain never
 * verifies); the RPC is the user's own when they set one, else the one the service announces.
 */
import type { Address } from "viem";
import { storedRpcUrl } from "./rpc-setting.ts";

export type Network = {
  chainId: number;
  registry: Address;
  /** Where shipments are declared; undefined when the service runs none (custody and customs then say so). */
  shipmentRegistry: Address | undefined;
  announcedRpcUrl: string | undefined;
  /** What the page reads through; undefined when the service announces none and the user set none. */
  rpcUrl: string | undefined;
  rpcSource: "yours" | "announced" | "none";
};

type Announced = { chainId: number; registry: Address; shipmentRegistry?: Address | null; rpcUrl: string | null };

export async function loadNetwork(): Promise<Network> {
  const res = await fetch("/api/v1/network", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`The service did not say which chain to check (HTTP ${res.status})`);
  const announced = (await res.json()) as Announced;
  return withSavedRpc({
    chainId: announced.chainId,
    registry: announced.registry,
    shipmentRegistry: announced.shipmentRegistry ?? undefined,
    announcedRpcUrl: announced.rpcUrl ?? undefined,
  });
}

/** The network with the RPC to read through: the user's saved one first, else the announced one. */
export function withSavedRpc(network: Pick<Network, "chainId" | "registry" | "shipmentRegistry" | "announcedRpcUrl">): Network {
  const yours = storedRpcUrl();
  if (yours !== undefined) return { ...network, rpcUrl: yours, rpcSource: "yours" };
  const { announcedRpcUrl } = network;
  return { ...network, rpcUrl: announcedRpcUrl, rpcSource: announcedRpcUrl === undefined ? "none" : "announced" };
}
