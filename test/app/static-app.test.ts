import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { expect } from "chai";
import express from "express";
import { pino } from "pino";
import { buildApp } from "../../scripts/build-app.ts";
import { errorHandler } from "../../server/http/error-handler.ts";
import { appRoutes } from "../../server/http/static-app.ts";
import { createMetrics } from "../../server/metrics.ts";

/** The router alone behind the service's own error handler, serving `distDir`. */
async function serve(distDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(appRoutes({ distDir }));
  app.use(errorHandler(pino({ level: "silent" }), createMetrics({ batchesByState: async () => ({ pending: 0, submitted: 0, confirmed: 0, failed: 0 }) })));
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("appRoutes", function () {
  let outDir: string;

  before(async function () {
    outDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-app-"));
    await buildApp({ outDir });
  });

  after(async function () {
    await rm(outDir, { recursive: true, force: true });
  });

  context("when the app is built", function () {
    let server: Awaited<ReturnType<typeof serve>>;
    before(async function () {
      server = await serve(outDir);
    });
    after(async function () {
      await server.close();
    });

    it("serves the console page with a policy that allows nothing from another host", async function () {
      const res = await fetch(`${server.url}/console`);
      expect(res.status).to.equal(200);
      expect(res.headers.get("content-type")).to.match(/^text\/html/);
      const policy = res.headers.get("content-security-policy") ?? "";
      expect(policy).to.contain("default-src 'none'").and.to.contain("script-src 'self'").and.to.contain("connect-src 'self'");
      const html = await res.text();
      expect(html).to.contain('src="/console/console.js"');
      // No absolute URL to anywhere: every asset is the service's own.
      expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
    });

    it("serves the bundled script and stylesheet", async function () {
      const script = await fetch(`${server.url}/console/console.js`);
      expect(script.status).to.equal(200);
      expect(script.headers.get("content-type")).to.match(/javascript/);
      const style = await fetch(`${server.url}/console/console.css`);
      expect(style.status).to.equal(200);
      expect(style.headers.get("content-type")).to.match(/^text\/css/);
    });
  });

  context("when the app is not built", function () {
    it("answers 503 APP_NOT_BUILT, saying how to build it", async function () {
      const server = await serve(path.join(outDir, "missing"));
      try {
        const res = await fetch(`${server.url}/console`);
        expect(res.status).to.equal(503);
        const body = (await res.json()) as { error: string; message: string };
        expect(body.error).to.equal("APP_NOT_BUILT");
        expect(body.message).to.contain("npm run build");
      } finally {
        await server.close();
      }
    });
  });
});
