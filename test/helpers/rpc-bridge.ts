/**
 * Hardhat's in-process chain over HTTP JSON-RPC, for clients in another process (the CLI) that need an RPC
 * URL. Each request is handed to the same EDR provider the service uses: one chain, two ways in.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Provider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };
type RpcRequest = { jsonrpc: "2.0"; id: unknown; method: string; params?: unknown[] };

export async function startRpcBridge(provider: Provider): Promise<{ url: string; close(): Promise<void> }> {
  const answer = async ({ id, method, params }: RpcRequest) => {
    try {
      return { jsonrpc: "2.0", id, result: await provider.request({ method, params: params ?? [] }) };
    } catch (error) {
      const e = error as { code?: number; message?: string; data?: unknown };
      return { jsonrpc: "2.0", id, error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data } };
    }
  };
  const server = createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text) as RpcRequest | RpcRequest[];
    const reply = Array.isArray(body) ? await Promise.all(body.map(answer)) : await answer(body);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(reply, (_key, value: unknown) => (typeof value === "bigint" ? `0x${value.toString(16)}` : value)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
