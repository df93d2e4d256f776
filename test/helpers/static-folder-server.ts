/**
 * A plain static file server (node:http) for a built verifier folder, on its own port and with no API
 * behind it: what a consortium's nginx folder or object storage is to the page. Serves the folder under a
 * sub-path (as a host that publishes it beside other things would), its index.html for the folder itself,
 * content types by extension, and nothing else: no policy headers, no caching rules.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".json": "application/json",
};

export type StaticFolder = {
  /** The folder's address, ending in `/`. */
  url: string;
  close(): Promise<void>;
};

export async function serveFolder(dir: string, folder = "/verifier/"): Promise<StaticFolder> {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://host");
    if (pathname === folder.slice(0, -1)) {
      res.writeHead(301, { location: folder }).end();
      return;
    }
    const name = pathname === folder ? "index.html" : pathname.startsWith(folder) ? decodeURIComponent(pathname.slice(folder.length)) : undefined;
    if (name === undefined || name.includes("/") || name.startsWith(".") || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404).end();
      return;
    }
    try {
      const bytes = await readFile(path.join(dir, name));
      res.writeHead(200, { "content-type": TYPES[path.extname(name)] ?? "text/plain; charset=utf-8", "content-length": bytes.length });
      res.end(req.method === "HEAD" ? undefined : bytes);
    } catch {
      res.writeHead(404).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${folder}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
