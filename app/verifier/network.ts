/**
 * Which deployment to check against, and through which RPC. The deployment is one of the page's trust
 * roots: the service's announcement (GET /api/v1/network) only picks among them, and an announcement of
 * anything else is reported, never followed. The RPC is the user's own when they set one, else the root's
 * own endpoints; the RPC the service offers is used only once the user agreed to it, since another chain
 * can answer with the same chain id and even the same registry address. The RPC's own chain id is checked
 * by the verdict (RPC_WRONG_CHAIN).
 */
import type { Address } from "viem";
import { chooseRoot, type AnnouncedNetwork, type TrustRoot } from "../../core/trust-roots.ts";
import { API_BASE } from "./build-config.ts";
import { readStored, writeStored } from "./local-store.ts";
import { storedRpcUrl } from "./rpc-setting.ts";
import { loadTrustRoots } from "./trust-roots.ts";

export type RpcSource = "yours" | "root" | "service" | "none";

export type Network = {
  roots: TrustRoot[];
  /** The trusted deployment checked against. */
  root: TrustRoot;
  chainId: number;
  registry: Address;
  /** Where shipments are declared; undefined when the root names none (custody and customs then say so). */
  shipmentRegistry: Address | undefined;
  /** What the service announced, when it could be asked: a hint. */
  announced: AnnouncedNetwork | undefined;
  /** False: the service announced a deployment outside the roots. */
  announcementTrusted: boolean | undefined;
  /** The RPC the service offers; read through only with the user's consent. */
  announcedRpcUrl: string | undefined;
  /** What the page reads through; undefined when there is none. */
  rpcUrl: string | undefined;
  rpcSource: RpcSource;
};

type Announcement = { chainId?: unknown; registry?: unknown; rpcUrl?: unknown };

const CONSENT = "serviceRpcConsent";

/** What the service announces, or undefined when it cannot be asked (the roots alone then decide). */
async function announcement(): Promise<{ network: AnnouncedNetwork | undefined; rpcUrl: string | undefined }> {
  try {
    const res = await fetch(`${API_BASE}/api/v1/network`, { headers: { accept: "application/json" } });
    if (!res.ok) return { network: undefined, rpcUrl: undefined };
    const body = (await res.json()) as Announcement;
    const network =
      typeof body.chainId === "number" && typeof body.registry === "string" ? { chainId: body.chainId, registry: body.registry as Address } : undefined;
    return { network, rpcUrl: typeof body.rpcUrl === "string" ? body.rpcUrl : undefined };
  } catch {
    return { network: undefined, rpcUrl: undefined };
  }
}

export async function loadNetwork(): Promise<Network> {
  const [roots, announced] = await Promise.all([loadTrustRoots(), announcement()]);
  const { root, announcementTrusted } = chooseRoot(roots, announced.network);
  return withRpc({
    roots,
    root,
    chainId: root.chainId,
    registry: root.productRegistry,
    shipmentRegistry: root.shipmentRegistry,
    announced: announced.network,
    announcementTrusted,
    // The service's RPC is offered only for the deployment it announced, and only when that one is trusted.
    announcedRpcUrl: announcementTrusted === true ? announced.rpcUrl : undefined,
  });
}

/** The RPC to read through: the user's, else the root's first, else the service's once agreed to. */
export function withRpc(network: Omit<Network, "rpcUrl" | "rpcSource">): Network {
  const yours = storedRpcUrl();
  if (yours !== undefined) return { ...network, rpcUrl: yours, rpcSource: "yours" };
  const own = network.root.rpcUrls[0];
  if (own !== undefined) return { ...network, rpcUrl: own, rpcSource: "root" };
  const offered = network.announcedRpcUrl;
  if (offered !== undefined && readStored(CONSENT) === offered) return { ...network, rpcUrl: offered, rpcSource: "service" };
  return { ...network, rpcUrl: undefined, rpcSource: "none" };
}

/** The user agrees to read the chain through the node this site offers. */
export function consentToServiceRpc(network: Network): Network {
  if (network.announcedRpcUrl !== undefined) writeStored(CONSENT, network.announcedRpcUrl);
  return withRpc(network);
}

/** Who vouches for what this page reads, in words: "Veritrace Consortium (chain 1, registry 0x…)". */
export function describeRoot(root: TrustRoot): string {
  return `${root.name} (chain ${root.chainId}, registry ${root.productRegistry})${root.addedByUser ? ", a deployment you added by hand" : ""}`;
}
