/** Unauthenticated routes: proofs for verifiers, health, readiness, metrics and the API description. */
import { Router, type RequestHandler } from "express";
import type { ServiceContext } from "../context.ts";
import { validate } from "./validate.ts";
import { openApiDocument } from "../openapi.ts";
import { getProof } from "../features/verification/proofs.ts";
import { proofQuery } from "../../api/verification.ts";

/**
 * How long /readyz waits for the chain: a probe must answer within a second whatever the node does, so a
 * stalled node is "not ready" at once instead of after the RPC timeout and its retry.
 */
const READY_DEADLINE_MS = 800;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** `limit`: the public rate limit, shared with the other public routers. */
export function publicRoutes(ctx: ServiceContext, limit: RequestHandler): { api: Router; root: Router } {
  const api = Router();
  api.get("/proof", limit, async (req, res) => {
    const query = validate(proofQuery, req.query, "query");
    res.json(await getProof(ctx, "code" in query ? { uri: query.code } : query));
  });
  // What a verifier needs to check labels itself: the EIP-712 domain (chain and registry) and an RPC to read.
  api.get("/network", limit, (_req, res) => {
    const licences = ctx.deployment.licenceRegistry;
    res.json({
      chainId: ctx.deployment.chainId,
      registry: ctx.deployment.productRegistry.address,
      registryBlock: ctx.deployment.productRegistry.blockNumber,
      // The customs page checks declarations (isDeclared) against this contract itself.
      shipmentRegistry: ctx.deployment.shipmentRegistry?.address ?? null,
      // The licence page checks licences (isLicensed) and reads the notices register from this contract
      // itself, its events from the block it was deployed in.
      licenceRegistry: licences?.address ?? null,
      licenceRegistryBlock: licences?.blockNumber ?? null,
      rpcUrl: ctx.verifierRpcUrl ?? null,
    });
  });
  // Built once: the description depends only on the code and the public base URL.
  let description: ReturnType<typeof openApiDocument> | undefined;
  api.get("/openapi.json", (_req, res) => {
    res.json((description ??= openApiDocument(ctx.publicBaseUrl)));
  });

  const root = Router();
  root.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  root.get("/readyz", async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      checks.chain = `block ${await withDeadline(ctx.chain.blockNumber(), READY_DEADLINE_MS)}`;
    } catch (error) {
      checks.chain = `unreachable: ${(error as Error).message.split("\n")[0]}`;
    }
    try {
      await ctx.store.ping();
      checks.store = "writable";
    } catch (error) {
      checks.store = `not writable: ${(error as Error).message}`;
    }
    const ready = checks.chain.startsWith("block") && checks.store === "writable";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks });
  });
  root.get("/metrics", async (_req, res) => {
    res.setHeader("Content-Type", ctx.metrics.registry.contentType);
    res.send(await ctx.metrics.registry.metrics());
  });
  return { api, root };
}
