/** A brand's batches: create, read, retry or discard a failed one, labels, statuses. */
import { Router } from "express";
import type { Hex } from "viem";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { badRequest } from "../../errors.ts";
import { validate } from "../../http/validate.ts";
import { labelDownload, writeLabels } from "./labels/index.ts";
import { readBatchInput } from "./batch-input.ts";
import { batchStatuses } from "./batch-statuses.ts";
import { batchView } from "./batch-view.ts";
import { createBatch, listBatches, ownBatch } from "./batches.ts";
import { discardBatch, retryBatch } from "./failed-batches.ts";
import { labelItems } from "./label-items.ts";
import { setStatus } from "./statuses.ts";
import { batchIdPath, labelsQuery, statusBody } from "../../../api/batches.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function batchRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.use("/batches", requireOrganisation(ctx.store, "brand"));

  router.post("/batches", async (req, res) => {
    const input = await readBatchInput(req.body, ctx.config.maxBatchQuantity);
    const idempotencyKey = req.get("idempotency-key");
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw badRequest("Idempotency-Key must be 1-255 visible ASCII characters", "INVALID_FIELD", "Idempotency-Key");
    }
    const result = await createBatch(
      ctx,
      res.locals.organisation,
      input,
      idempotencyKey,
    );
    if (result.replayed) res.setHeader("Idempotent-Replayed", "true");
    res.status(result.status).location(`/api/v1/batches/${result.body.id}`).json(result.body);
  });

  router.get("/batches", async (_req, res) => {
    res.json({ batches: await listBatches(ctx, res.locals.organisation) });
  });

  router.get("/batches/:id", async (req, res) => {
    const { id } = validate(batchIdPath, req.params, "path");
    const batch = await ownBatch(ctx, res.locals.organisation, id as Hex);
    res.json({ ...batchView(batch), ...(await batchStatuses(ctx.chain, batch)) });
  });

  router.post("/batches/:id/retry", async (req, res) => {
    const { id } = validate(batchIdPath, req.params, "path");
    const retried = await retryBatch(ctx, res.locals.organisation, id as Hex);
    res.status(202).location(`/api/v1/batches/${retried.id}`).json(retried);
  });

  router.delete("/batches/:id", async (req, res) => {
    const { id } = validate(batchIdPath, req.params, "path");
    res.json(await discardBatch(ctx, res.locals.organisation, id as Hex));
  });

  router.get("/batches/:id/labels", async (req, res) => {
    const { id } = validate(batchIdPath, req.params, "path");
    const { format } = validate(labelsQuery, req.query, "query");
    const batch = await ownBatch(ctx, res.locals.organisation, id as Hex);
    const items = labelItems(ctx, batch);
    const download = labelDownload(format, `labels-${batch.gtin}-${batch.lot.replace(/[^A-Za-z0-9._-]/g, "_")}`);
    res.setHeader("Content-Type", download.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${download.fileName}"`);
    await writeLabels(format, items, res);
  });

  router.post("/batches/:id/status", async (req, res) => {
    const { id } = validate(batchIdPath, req.params, "path");
    const { status } = validate(statusBody, req.body, "body");
    res.json(await setStatus(ctx, res.locals.organisation, { batchId: id as Hex, status }));
  });

  router.post("/batches/:id/items/:serial/status", async (req, res) => {
    const { id } = validate(batchIdPath, { id: req.params.id }, "path");
    const { status } = validate(statusBody, req.body, "body");
    res.json(await setStatus(ctx, res.locals.organisation, { batchId: id as Hex, serial: String(req.params.serial), status }));
  });

  return router;
}
