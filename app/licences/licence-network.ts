/**
 * Which LicenceRegistry to read, on which chain, through which RPC: the address and its deployment block
 * come from the service (GET /api/v1/network), the RPC is the user's own when they set one (shared with
 * the product checker, app/verifier/rpc-setting.ts), else the announced one.
 */
import type { Address } from "viem";
import { withSavedRpc, type Network } from "../verifier/network.ts";

export type LicenceNetwork = Network & {
  /** Undefined when the service runs no LicenceRegistry: the page then says so instead of checking. */
  licenceRegistry: Address | undefined;
  /** The block it was deployed in: where the notices register starts reading events. */
  licenceRegistryBlock: bigint;
};

type Announced = {
  chainId: number;
  registry: Address;
  shipmentRegistry?: Address | null;
  licenceRegistry?: Address | null;
  licenceRegistryBlock?: number | null;
  rpcUrl: string | null;
};

export async function loadLicenceNetwork(): Promise<LicenceNetwork> {
  const res = await fetch("/api/v1/network", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`The service did not say which chain to read (HTTP ${res.status})`);
  const announced = (await res.json()) as Announced;
  return withLicenceRegistry(
    {
      chainId: announced.chainId,
      registry: announced.registry,
      shipmentRegistry: announced.shipmentRegistry ?? undefined,
      announcedRpcUrl: announced.rpcUrl ?? undefined,
    },
    announced.licenceRegistry ?? undefined,
    BigInt(announced.licenceRegistryBlock ?? 0),
  );
}

/** The same network read again through the RPC the user saved (or the announced one when they cleared it). */
export function withSavedLicenceRpc(network: LicenceNetwork): LicenceNetwork {
  return withLicenceRegistry(network, network.licenceRegistry, network.licenceRegistryBlock);
}

function withLicenceRegistry(
  base: Pick<Network, "chainId" | "registry" | "shipmentRegistry" | "announcedRpcUrl">,
  licenceRegistry: Address | undefined,
  licenceRegistryBlock: bigint,
): LicenceNetwork {
  const { chainId, registry, shipmentRegistry, announcedRpcUrl } = base;
  return { ...withSavedRpc({ chainId, registry, shipmentRegistry, announcedRpcUrl }), licenceRegistry, licenceRegistryBlock };
}

/** "chain 31337, LicenceRegistry 0x…, through http://… (announced by this site)". */
export function describeLicenceNetwork(network: LicenceNetwork): string {
  const through =
    network.rpcUrl === undefined ? "no RPC: set one in Settings" : `${network.rpcUrl} (${network.rpcSource === "yours" ? "your own RPC" : "announced by this site"})`;
  return `Chain ${network.chainId}, LicenceRegistry ${network.licenceRegistry ?? "(none announced)"}, read through ${through}`;
}
