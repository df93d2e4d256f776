/**
 * `veritrace verify`: the same verdict the web verifier gives, computed here. Trust comes from the user's
 * trust roots (cli/trust-roots.ts), never from the service: its `/api/v1/network` only picks among them,
 * and what it alone supplies (the Merkle proof, the scan history) is either checked against the chain or
 * shown as its claim. The chain is read through `--rpc` or the root's own RPCs; the RPC the service
 * announces only with `--use-service-rpc`. The verdict comes from core's one function, and the
 * registration's transaction and block from the chain's `BatchRegistered` event.
 */
import { createPublicClient, getAddress, http, isAddress, type Address, type Hex, type PublicClient } from "viem";
import { createRegistryReader, readBatchRegistration } from "../core/registry-reader.ts";
import { chooseRoot, type AnnouncedNetwork, type TrustRoot } from "../core/trust-roots.ts";
import { decideVerdict, type HistorySignal, type Verdict } from "../core/verdict.ts";
import type { ApiClient } from "./api-client.ts";
import type { ItemProof } from "../api/verification.ts";
import { ApiError, UsageError } from "./errors.ts";
import { isTransient } from "./retry.ts";

/** The service's scan-history answer: the verdict's signal plus counts for people. */
export type History = HistorySignal & { sessions?: number; scans?: number; countries?: string[] };

/** Where the chain was read through: the user's own RPC, one of the root's, or the service's (with consent). */
export type RpcSource = "--rpc" | "trust root" | "service (--use-service-rpc)";

/** What the service announced at /api/v1/network: its claim, and whether it names one of the roots. */
export type Announcement = AnnouncedNetwork & { rpcUrl: string | null; trusted: boolean };

export type Registration = { transactionHash: Hex; blockNumber: number };

export type VerifyResult = {
  verdict: Verdict;
  uri: string;
  /** The trust root the check was made against. */
  root: { name: string; chainId: number; registry: Address; addedByUser: boolean };
  /** The chain as read: the root's chain and registry, through `rpcUrl`. */
  chain: { chainId: number; registry: Address; rpcUrl: string; rpcSource: RpcSource };
  /** Whether the chain lists the label's host for the signing brand (undefined: not known). */
  labelHostRegistered: boolean | undefined;
  /** The anchoring transaction, from the chain's `BatchRegistered` event (undefined: no batch, or not read). */
  registration: Registration | undefined;
  /** What only the service says, unchecked: shown as its claim. */
  service: {
    announced: Announcement | undefined;
    registration: { transactionHash: Hex | undefined; blockNumber: number | undefined } | undefined;
    history: History | undefined;
  };
  /** Things a person should know before believing the verdict: an announcement outside the roots, a hand-added root. */
  warnings: string[];
  /** What could not be fetched or read, and so was left out. */
  notes: string[];
};

export type VerifyCodeParameters = {
  client: ApiClient;
  uri: string;
  roots: readonly TrustRoot[];
  /** `--rpc`: the user's own RPC, the only one read when given. */
  rpcUrl?: string | undefined;
  /** `--use-service-rpc`: consent to read through the RPC the service announces. */
  useServiceRpc?: boolean | undefined;
};

const RPC_TIMEOUT_MS = 10_000;
const PROBE_TIMEOUT_MS = 5_000;

export async function verifyCode({ client, uri, roots, rpcUrl, useServiceRpc = false }: VerifyCodeParameters): Promise<VerifyResult> {
  const notes: string[] = [];
  const warnings: string[] = [];
  const service = serviceAsker(client, notes);

  const network = await service.ask<unknown>("/api/v1/network", "network announcement");
  const announced = network === undefined ? undefined : announcementOf(network, notes);
  const { root, announcementTrusted } = chooseRoot(roots, announced);
  const announcement = announced && { ...announced, trusted: announcementTrusted === true };
  if (announcementTrusted === false) {
    warnings.push(
      `the service announced registry ${announced!.registry} on chain ${announced!.chainId}, which is not one of your trust roots: ` +
        `nothing was read from it; checked against ${JSON.stringify(root.name)} instead`,
    );
  }
  if (announced === undefined && roots.length > 1) notes.push(`no announcement to pick a trust root by: checked against the first, ${JSON.stringify(root.name)}`);
  if (root.addedByUser === true) warnings.push(`the trust root ${JSON.stringify(root.name)} was added by hand, not built in: make sure you know who vouches for it`);

  const candidates = rpcCandidates({ root, rpcUrl, useServiceRpc, announced: announcement, notes, warnings });
  const query = `code=${encodeURIComponent(uri)}`;
  const [rpc, proof, history] = await Promise.all([
    pickRpc(candidates, root.chainId),
    service.ask<ItemProof>(`/api/v1/proof?${query}`, "Merkle proof"),
    service.ask<{ history: History }>(`/api/v1/scans?${query}`, "scan history"),
  ]);

  const chain = createRegistryReader({ client: rpc.client, chainId: root.chainId, registry: root.productRegistry });
  const verdict = await decideVerdict({ uri, chain, proof: proof?.proof, history: history?.history, roots, announced });

  const [labelHostRegistered, registration] = await Promise.all([
    verdict.labelHost === undefined || verdict.brand === undefined
      ? undefined
      : chain.isLabelDomain(verdict.brand.brandId, verdict.labelHost).catch(() => undefined),
    verdict.batchId === undefined || verdict.batch === undefined ? undefined : registrationOf(rpc.client, root, verdict.batchId, notes),
  ]);

  return {
    verdict,
    uri,
    root: { name: root.name, chainId: root.chainId, registry: root.productRegistry, addedByUser: root.addedByUser === true },
    chain: { chainId: root.chainId, registry: root.productRegistry, rpcUrl: rpc.url, rpcSource: rpc.source },
    labelHostRegistered,
    registration,
    service: {
      announced: announcement,
      registration: proof && { transactionHash: proof.transactionHash, blockNumber: proof.blockNumber },
      history: history?.history,
    },
    warnings,
    notes,
  };
}

type ServiceAsker = { ask<T>(path: string, what: string): Promise<T | undefined> };

/**
 * The service's public reads, each optional: a 4xx means "none" (no proof issued here, an unparseable
 * code), and a service that cannot be reached leaves the check to the trust roots alone. Other failures
 * (a 500) stop the command, rather than turn a missing proof into a verdict.
 */
function serviceAsker(client: ApiClient, notes: string[]): ServiceAsker {
  let unreachable = false;
  return {
    async ask<T>(path: string, what: string): Promise<T | undefined> {
      if (unreachable) return undefined;
      try {
        return await client.json<T>("GET", path, { auth: false });
      } catch (error) {
        if (isTransient(error)) {
          if (!unreachable) {
            unreachable = true;
            notes.push(`the service could not be reached (${firstLine(error)}): checked against your trust roots alone, without its Merkle proof or scan history`);
          }
          return undefined;
        }
        if (error instanceof ApiError && error.status < 500) {
          notes.push(`no ${what} from the service: ${error.message} (${error.code})`);
          return undefined;
        }
        throw error;
      }
    },
  };
}

/** The service's announcement, checked for shape: a malformed one is no announcement. */
function announcementOf(value: unknown, notes: string[]): (AnnouncedNetwork & { rpcUrl: string | null }) | undefined {
  const n = value as { chainId?: unknown; registry?: unknown; rpcUrl?: unknown } | null;
  const valid =
    typeof n === "object" &&
    n !== null &&
    Number.isSafeInteger(n.chainId) &&
    (n.chainId as number) > 0 &&
    typeof n.registry === "string" &&
    isAddress(n.registry, { strict: false }) &&
    (n.rpcUrl === null || n.rpcUrl === undefined || typeof n.rpcUrl === "string");
  if (!valid) {
    notes.push("the service's network announcement is malformed: ignored");
    return undefined;
  }
  return { chainId: n.chainId as number, registry: getAddress(n.registry as string), rpcUrl: (n.rpcUrl as string | null | undefined) ?? null };
}

type RpcCandidate = { url: string; source: RpcSource };

type RpcCandidatesParameters = {
  root: TrustRoot;
  rpcUrl: string | undefined;
  useServiceRpc: boolean;
  announced: Announcement | undefined;
  notes: string[];
  warnings: string[];
};

/** The RPCs to try, most trusted first; the service's only with consent, and only for a deployment in the roots. */
function rpcCandidates({ root, rpcUrl, useServiceRpc, announced, notes, warnings }: RpcCandidatesParameters): RpcCandidate[] {
  if (rpcUrl !== undefined) return [{ url: rpcUrl, source: "--rpc" }];
  const candidates: RpcCandidate[] = root.rpcUrls.map((url) => ({ url, source: "trust root" as const }));
  if (useServiceRpc) {
    if (announced?.rpcUrl == null) notes.push("--use-service-rpc: the service announces no RPC");
    else if (!announced.trusted) warnings.push(`--use-service-rpc: the service's RPC (${announced.rpcUrl}) was not used, since the service announced a deployment outside your trust roots`);
    else if (!candidates.some((c) => c.url === announced.rpcUrl)) candidates.push({ url: announced.rpcUrl, source: "service (--use-service-rpc)" });
  }
  if (candidates.length === 0) {
    const consent = !useServiceRpc && announced?.trusted === true && announced.rpcUrl !== null ? `, or allow the one the service announces (${announced.rpcUrl}) with --use-service-rpc` : "";
    throw new UsageError(
      `the trust root ${JSON.stringify(root.name)} (chain ${root.chainId}) names no RPC to read the chain through: pass --rpc <url>, add rpcUrls to the root${consent}`,
      { code: "NO_RPC", field: "--rpc" },
    );
  }
  return candidates;
}

type PickedRpc = RpcCandidate & { client: PublicClient };

const clientOf = (url: string, timeout: number, retryCount: number): PublicClient =>
  createPublicClient({ transport: http(url, { retryCount, timeout }) });

/**
 * The first RPC that answers for the root's chain; else the first that answers at all (the verdict then
 * says it is on the wrong chain); else the first (the verdict says the chain could not be read).
 */
async function pickRpc(candidates: readonly RpcCandidate[], chainId: number): Promise<PickedRpc> {
  const picked = (candidate: RpcCandidate) => ({ ...candidate, client: clientOf(candidate.url, RPC_TIMEOUT_MS, 1) });
  if (candidates.length === 1) return picked(candidates[0]!);
  let answered: RpcCandidate | undefined;
  for (const candidate of candidates) {
    const reported = await clientOf(candidate.url, PROBE_TIMEOUT_MS, 0)
      .getChainId()
      .catch(() => undefined);
    if (reported === chainId) return picked(candidate);
    if (reported !== undefined) answered ??= candidate;
  }
  return picked(answered ?? candidates[0]!);
}

/** The chain's own record of the anchoring, searched from the block the root's registry was deployed in. */
async function registrationOf(client: PublicClient, root: TrustRoot, batchId: Hex, notes: string[]): Promise<Registration | undefined> {
  try {
    const fromBlock = root.fromBlock === undefined ? undefined : BigInt(root.fromBlock);
    const found = await readBatchRegistration({ client, registry: root.productRegistry, batchId, fromBlock });
    if (found === undefined) notes.push(`the chain holds no BatchRegistered event for batch ${batchId}`);
    return found;
  } catch (error) {
    notes.push(`the registration event could not be read from the chain: ${firstLine(error)}`);
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
