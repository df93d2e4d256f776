/**
 * A chain that refuses connections, hangs or drops them is the dependency's fault, not the client's and not
 * a bug: every route answers it the same way, 503 `CHAIN_UNREACHABLE` with `Retry-After`, mapped once in
 * `http/error-handler.ts`. A node that answers with an error (a revert, "nonce too low") is no such fault:
 * those keep their own meaning.
 */
import {
  HttpRequestError,
  SocketClosedError,
  TimeoutError,
  WaitForTransactionReceiptTimeoutError,
  WebSocketRequestError,
} from "viem";
import { ReasonCode } from "../../core/verdict.ts";
import { AppError } from "../errors.ts";

/** Seconds a client is asked to wait: a restarted node is usually back within a few. */
export const CHAIN_RETRY_AFTER_SECONDS = 5;

/** The node could not be reached or did not answer in time (raised by the service's own RPC calls). */
export class RpcUnreachableError extends Error {
  override name = "RpcUnreachableError";
}

/** Socket-level failures Node and undici report when a peer is gone or silent. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Whether `error`, or anything in its cause chain, says the chain could not be reached. */
export function isChainFault(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 12; e = e.cause, depth++) {
    if (
      e instanceof HttpRequestError ||
      e instanceof TimeoutError ||
      e instanceof WebSocketRequestError ||
      e instanceof SocketClosedError ||
      e instanceof WaitForTransactionReceiptTimeoutError ||
      e instanceof RpcUnreachableError
    ) {
      return true;
    }
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  }
  return false;
}

/** The 503 every route answers when the chain cannot be reached. */
export function chainUnreachable(message: string, cause?: unknown): AppError {
  return new AppError(message, {
    status: 503,
    code: ReasonCode.CHAIN_UNREACHABLE,
    cause,
    headers: { "Retry-After": String(CHAIN_RETRY_AFTER_SECONDS) },
  });
}

/** The AppError for a chain fault, or undefined for any other error. */
export function chainFaultOf(error: unknown): AppError | undefined {
  if (!isChainFault(error)) return undefined;
  return chainUnreachable("The chain cannot be reached right now; try again shortly", error);
}
