/**
 * Content: rights holders and platforms (admitted by the registrar), works, licences, the public licence
 * check, infringement notices and the platforms' content check. A file is uploaded as the raw request body
 * (`Content-Type` image/png, image/jpeg or application/octet-stream) with the other fields in the query;
 * hashes alone come as JSON.
 */
import express, { Router, type Request, type RequestHandler } from "express";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { validate } from "../../http/validate.ts";
import { checkContent } from "./content-check.ts";
import { checkLicence, grantLicence, licenceView, listLicences, revokeLicence } from "./licences.ts";
import { answerNotice, fileNotice, listNotices, noticeView } from "./notices.ts";
import { createLicenceParty, resolveAccount } from "./parties.ts";
import { hashUpload, listWorks, parsePerceptualHash, registerWork, workView, type ContentHashes } from "./works.ts";
import { answerNoticeBody, contentCheckBody, contentCheckQuery, createLicencePartyBody, fileNoticeBody, grantLicenceBody, hexIdPath, licenceCheckQuery, licencesQuery, noticesQuery, registerWorkBody, registerWorkQuery, worksQuery } from "../../../api/licences.ts";

export const UPLOAD_TYPES = ["image/png", "image/jpeg", "application/octet-stream"];

/** The request's file, when it came as a raw upload; undefined for JSON; 415 for anything else. */
function upload(req: Request): Uint8Array | undefined {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req.is("application/json")) return undefined;
  throw new AppError(`Send the file as the raw body with Content-Type ${UPLOAD_TYPES.join(", ")}, or hashes as application/json`, {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  });
}

/** `limit`: the public rate limit, shared with the other public routers. */
export function licenceRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const router = Router();
  const registrar = requireOrganisation(ctx.store, "registrar");
  const rightsHolder = requireOrganisation(ctx.store, "rights-holder");
  const platform = requireOrganisation(ctx.store, "platform");
  const raw = express.raw({ type: UPLOAD_TYPES, limit: ctx.config.bodyLimit });

  router.post("/rights-holders", registrar, async (req, res) => {
    const { organisation, apiKey } = await createLicenceParty(ctx, "rights-holder", validate(createLicencePartyBody, req.body, "body"));
    res.status(201).json({ rightsHolder: organisation, apiKey });
  });

  router.post("/platforms", registrar, async (req, res) => {
    const { organisation, apiKey } = await createLicenceParty(ctx, "platform", validate(createLicencePartyBody, req.body, "body"));
    res.status(201).json({ platform: organisation, apiKey });
  });

  router.post("/works", rightsHolder, raw, async (req, res) => {
    const file = upload(req);
    let hashes: ContentHashes;
    let metadataUri: string;
    if (file === undefined) {
      const body = validate(registerWorkBody, req.body, "body");
      hashes = { sha256: body.sha256, perceptualHash: parsePerceptualHash(body.perceptualHash, "perceptualHash") };
      metadataUri = body.metadataUri;
    } else {
      metadataUri = validate(registerWorkQuery, req.query, "query").metadataUri;
      hashes = await hashUpload(ctx, file, req.get("content-type"));
    }
    const work = await registerWork(ctx, res.locals.organisation, { ...hashes, metadataUri });
    res.status(201).location(`/api/v1/works/${work.id}`).json({ work });
  });

  router.get("/works", limit, async (req, res) => {
    const { owner, ...page } = validate(worksQuery, req.query, "query");
    res.json(await listWorks(ctx, owner === undefined ? undefined : await resolveAccount(ctx, owner, "owner"), page));
  });

  router.get("/works/:id", limit, async (req, res) => {
    const { id } = validate(hexIdPath("a work id"), req.params, "path");
    res.json({ work: await workView(ctx, id) });
  });

  router.post("/licences", rightsHolder, async (req, res) => {
    const licence = await grantLicence(ctx, res.locals.organisation, validate(grantLicenceBody, req.body, "body"));
    res.status(201).location(`/api/v1/licences/${licence.id}`).json({ licence });
  });

  // Before /licences/:id, which would take "check" for an id.
  router.get("/licences/check", limit, async (req, res) => {
    res.json(await checkLicence(ctx, validate(licenceCheckQuery, req.query, "query")));
  });

  router.get("/licences", limit, async (req, res) => {
    const { limit, cursor, ...filter } = validate(licencesQuery, req.query, "query");
    res.json(await listLicences(ctx, filter, { limit, cursor }));
  });

  router.get("/licences/:id", limit, async (req, res) => {
    const { id } = validate(hexIdPath("a licence id"), req.params, "path");
    res.json({ licence: await licenceView(ctx, id) });
  });

  router.delete("/licences/:id", rightsHolder, async (req, res) => {
    const { id } = validate(hexIdPath("a licence id"), req.params, "path");
    res.json({ licence: await revokeLicence(ctx, res.locals.organisation, id) });
  });

  router.post("/notices", rightsHolder, async (req, res) => {
    const notice = await fileNotice(ctx, res.locals.organisation, validate(fileNoticeBody, req.body, "body"));
    res.status(201).location(`/api/v1/notices/${notice.id}`).json({ notice });
  });

  router.get("/notices", limit, async (req, res) => {
    const { limit, cursor, ...filter } = validate(noticesQuery, req.query, "query");
    res.json(await listNotices(ctx, filter, { limit, cursor }));
  });

  router.get("/notices/:id", limit, async (req, res) => {
    const { id } = validate(hexIdPath("a notice id"), req.params, "path");
    res.json({ notice: await noticeView(ctx, id) });
  });

  router.post("/notices/:id/answer", platform, async (req, res) => {
    const { id } = validate(hexIdPath("a notice id"), req.params, "path");
    res.json({ notice: await answerNotice(ctx, res.locals.organisation, id, validate(answerNoticeBody, req.body, "body")) });
  });

  router.post("/content/check", platform, raw, async (req, res) => {
    const file = upload(req);
    if (file === undefined) {
      const { sha256, perceptualHash, ...rest } = validate(contentCheckBody, req.body, "body");
      const hashes = { sha256, perceptualHash: parsePerceptualHash(perceptualHash, "perceptualHash") };
      res.json(await checkContent(ctx, res.locals.organisation, { hashes, ...rest }));
    } else {
      const query = validate(contentCheckQuery, req.query, "query");
      res.json(await checkContent(ctx, res.locals.organisation, { hashes: await hashUpload(ctx, file, req.get("content-type")), ...query }));
    }
  });

  return router;
}
