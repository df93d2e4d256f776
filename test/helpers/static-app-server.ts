/**
 * The built web app served by `appRoutes` alone, with no service behind it: what the static page tests
 * (budgets, headers, assets) look at. Built into a temporary folder, so a test never serves a stale build.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { buildApp } from "../../scripts/build-app.ts";
import { appRoutes } from "../../server/http/static-app.ts";

export type BuiltApp = { url: string; outDir: string; close(): Promise<void> };

export async function serveBuiltApp(verifierRpcUrl: string): Promise<BuiltApp> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-app-"));
  await buildApp({ outDir });
  const app = express();
  app.use(appRoutes({ distDir: outDir, verifierRpcUrl }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    outDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
