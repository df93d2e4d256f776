/**
 * Counts failed JSON-RPC calls, whatever made them (the gateway, the verification reader, the probe), by
 * wrapping the transport every viem client of the service is built on: each call that fails, after the
 * transport's own retries, is one error. A contract's revert is not a fault of the chain (the node
 * answered: the call was refused) and is not counted; nor is a method the node does not offer, which
 * viem asks for and falls back from on its own (it tries `eth_fillTransaction` before every send).
 */
import type { Transport } from "viem";

/** unreachable: no answer (network, timeout, HTTP status); error: the node answered with a JSON-RPC error. */
export type RpcErrorKind = "unreachable" | "error";

export type RpcErrorListener = (method: string, kind: RpcErrorKind) => void;

/** Undefined for a revert or an unsupported method (not counted). */
export function classifyRpcError(error: unknown): RpcErrorKind | undefined {
  const e = error as { code?: unknown; message?: unknown; details?: unknown; name?: unknown };
  const text = `${String(e?.message ?? "")} ${String(e?.details ?? "")}`;
  // JSON-RPC code 3 is "execution reverted" (geth, anvil); some nodes send -32000 with that message.
  if (e?.code === 3 || /revert/i.test(text)) return undefined;
  // -32601 method not found, -32004 method not supported (EIP-1474).
  if (e?.code === -32601 || e?.code === -32004 || /method .*(not (found|supported|available)|does not exist)|unsupported method/i.test(text)) return undefined;
  if (e?.name === "HttpRequestError" || e?.name === "TimeoutError" || e?.name === "WebSocketRequestError") return "unreachable";
  return typeof e?.code === "number" ? "error" : "unreachable";
}

/** Calls `fn`, reporting its failure under `method` before rethrowing it. */
export async function observedCall<T>(method: string, fn: () => Promise<T>, onError: RpcErrorListener): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const kind = classifyRpcError(error);
    if (kind !== undefined) onError(method, kind);
    throw error;
  }
}

export function observedTransport(transport: Transport, onError: RpcErrorListener): Transport {
  return ((options: Parameters<Transport>[0]) => {
    const inner = transport(options);
    const request: typeof inner.request = (args, requestOptions) => observedCall(args.method, () => inner.request(args, requestOptions), onError);
    return { ...inner, request };
  }) as Transport;
}
