/**
 * The service's transport to a chain node: every call has a deadline, so a stalled node makes a request
 * fail (503, or an UNVERIFIED verdict) instead of hanging it, and is retried once, so a dropped connection
 * does not fail a request on its own.
 */
import { http, webSocket, type Transport } from "viem";

/** Retries after a failed call: one, so that a stalled node costs about two timeouts, not viem's four. */
export const RPC_RETRIES = 1;

export function chainTransport(rpcUrl: string, timeoutMs: number): Transport {
  const options = { timeout: timeoutMs, retryCount: RPC_RETRIES };
  return rpcUrl.startsWith("ws") ? webSocket(rpcUrl, options) : http(rpcUrl, options);
}
