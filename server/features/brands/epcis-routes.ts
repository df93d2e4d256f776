/** EPCIS 2.0 exports: a batch's commissioning for its brand, and the writer the shipment export shares. */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Router, type Response } from "express";
import type { Hex } from "viem";
import { epcisChunksAsync, type EpcisDocument } from "../../../core/epcis.ts";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { validate } from "../../http/validate.ts";
import { inTimeSlices } from "../../time-slice.ts";
import { ownBatch } from "./batches.ts";
import { batchEpcis } from "./epcis-export.ts";
import { batchIdPath } from "../../../api/batches.ts";

export const EPCIS_CONTENT_TYPE = "application/ld+json";

/**
 * Streams an EPCIS document as JSON-LD, honouring back-pressure: a slow client holds one chunk, not the
 * document. A fast client would let a million-item document be written in one go, holding up every
 * other request: it is written in slices that give way (time-slice.ts). `fileName` without extension;
 * `.jsonld` is added.
 */
export async function sendEpcis(res: Response, document: EpcisDocument, fileName: string): Promise<void> {
  res.setHeader("Content-Type", `${EPCIS_CONTENT_TYPE}; charset=utf-8`);
  res.setHeader("Content-Disposition", `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonld"`);
  await pipeline(Readable.from(inTimeSlices(epcisChunksAsync(document))), res);
}

export function epcisRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get("/batches/:id/epcis", requireOrganisation(ctx.store, "brand"), async (req, res) => {
    const { id } = validate(batchIdPath, req.params, "path");
    const batch = await ownBatch(ctx, res.locals.organisation, id as Hex);
    await sendEpcis(res, await batchEpcis(ctx, batch), `epcis-${batch.gtin}-${batch.lot}`);
  });

  return router;
}
