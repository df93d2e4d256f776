/**
 * `veritrace verify`: the same verdict the web verifier gives, computed here. The service only supplies
 * what it may lie about (the Merkle proof, the scan history) and the name of the chain; the chain itself is
 * read through the RPC the service announces (or --rpc), and the verdict comes from core's one function.
 */
import { createPublicClient, http, type Address, type Hex } from "viem";
import { createRegistryReader } from "../core/registry-reader.ts";
import { decideVerdict, type HistorySignal, type Verdict } from "../core/verdict.ts";
import type { ApiClient } from "./api-client.ts";
import type { ItemProof } from "./api-types.ts";
import { ApiError, UsageError } from "./errors.ts";

export type Network = { chainId: number; registry: Address; rpcUrl: string | null };

/** The service's scan-history answer: the verdict's signal plus counts for people. */
export type History = HistorySignal & { sessions?: number; scans?: number; countries?: string[] };

export type VerifyResult = {
  verdict: Verdict;
  uri: string;
  chain: { chainId: number; registry: Address; rpcUrl: string };
  /** The anchoring transaction as the service recorded it (not checked: the verdict does not rest on it). */
  registration: { transactionHash: Hex | undefined; blockNumber: number | undefined } | undefined;
  history: History | undefined;
  /** What could not be fetched from the service, and so was left out. */
  notes: string[];
};

export async function verifyCode(client: ApiClient, uri: string, options: { rpcUrl?: string | undefined }): Promise<VerifyResult> {
  const network = await client.json<Network>("GET", "/api/v1/network", { auth: false });
  const rpcUrl = options.rpcUrl ?? network.rpcUrl;
  if (rpcUrl === null) {
    throw new UsageError("the service announces no RPC to read the chain from: pass --rpc <url>", { code: "NO_RPC", field: "--rpc" });
  }
  const notes: string[] = [];
  const query = `code=${encodeURIComponent(uri)}`;
  const [proof, history] = await Promise.all([
    optional(client.json<ItemProof>("GET", `/api/v1/proof?${query}`, { auth: false }), notes, "Merkle proof"),
    optional(client.json<{ history: History }>("GET", `/api/v1/scans?${query}`, { auth: false }), notes, "scan history"),
  ]);
  const chain = createRegistryReader({
    client: createPublicClient({ transport: http(rpcUrl, { retryCount: 1, timeout: 10_000 }) }),
    chainId: network.chainId,
    registry: network.registry,
  });
  const verdict = await decideVerdict({ uri, chain, proof: proof?.proof, history: history?.history });
  return {
    verdict,
    uri,
    chain: { chainId: network.chainId, registry: network.registry, rpcUrl },
    registration: proof && { transactionHash: proof.transactionHash, blockNumber: proof.blockNumber },
    history: history?.history,
    notes,
  };
}

/** A 4xx from the service means "none" (no proof issued here, an unparseable code); anything else is an error. */
async function optional<T>(request: Promise<T>, notes: string[], what: string): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      notes.push(`no ${what} from the service: ${error.message} (${error.code})`);
      return undefined;
    }
    throw error;
  }
}
