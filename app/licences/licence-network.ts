/**
 * Which LicenceRegistry to read, on which chain, through which RPC: the trusted deployment's (the
 * verifier's trust roots, app/verifier/network.ts), never one the service announces; the RPC is chosen the
 * same way as the product checker's (the user's own, shared with it, else the root's).
 */
import type { Address } from "viem";
import { describeRoot, loadNetwork, withRpc, type Network } from "../verifier/network.ts";
import { t } from "./words.ts";

export type LicenceNetwork = Network & {
  /** Undefined when the trusted deployment has no LicenceRegistry: the page then says so instead of checking. */
  licenceRegistry: Address | undefined;
  /** Where the notices register starts reading events (the deployment's first block). */
  licenceRegistryBlock: bigint;
};

export async function loadLicenceNetwork(): Promise<LicenceNetwork> {
  return withLicenceRegistry(await loadNetwork());
}

/** The same network read again through the RPC the user saved (or the root's when they cleared it). */
export function withSavedLicenceRpc(network: LicenceNetwork): LicenceNetwork {
  return withLicenceRegistry(withRpc(network));
}

function withLicenceRegistry(network: Network): LicenceNetwork {
  return { ...network, licenceRegistry: network.root.licenceRegistry, licenceRegistryBlock: BigInt(network.root.fromBlock ?? 0) };
}

/** "Veritrace Consortium (chain 31337, …), LicenceRegistry 0x…, read through http://…". */
export function describeLicenceNetwork(network: LicenceNetwork): string {
  const rpc = network.rpcUrl === undefined ? t("network.noRpc") : network.rpcSource === "yours" ? t("network.yourRpc", { url: network.rpcUrl }) : network.rpcUrl;
  return t("network.through", { root: describeRoot(network.root), registry: network.licenceRegistry ?? t("network.noRegistry"), rpc });
}
