/**
 * A small HTTP proxy in front of a real server (the service, an RPC bridge) that counts the requests it
 * forwards and may answer some itself: a lying service, or an RPC whose use the test must see (or not).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the proxy answers itself, by path and query; undefined forwards it. */
export type Intercept = (request: { method: string; url: URL }) => unknown;

export type HttpProxy = {
  url: string;
  /** How many requests arrived, forwarded or answered. */
  readonly requests: number;
  close(): Promise<void>;
};

export async function startHttpProxy(target: string, intercept: Intercept = () => undefined): Promise<HttpProxy> {
  let requests = 0;
  const server = createServer(async (req, res) => {
    requests++;
    const url = new URL(req.url ?? "/", target);
    const own = intercept({ method: req.method ?? "GET", url });
    if (own !== undefined) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(own));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name)) headers[name] = value;
    }
    try {
      const answer = await fetch(url, { method: req.method, headers, body: chunks.length === 0 ? undefined : Buffer.concat(chunks) });
      res.statusCode = answer.status;
      const type = answer.headers.get("content-type");
      if (type !== null) res.setHeader("content-type", type);
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      res.statusCode = 502;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
