/** Customs inspections by manifest (JSON or CSV), their reports, and recording their outcome on chain. */
import express, { Router } from "express";
import { requireOrganisation } from "../../../http/auth.ts";
import type { ServiceContext } from "../../../context.ts";
import { AppError } from "../../../errors.ts";
import { validate } from "../../../http/validate.ts";
import { inspectShipment, officeParty, ownInspection } from "./inspect.ts";
import { manifestFromCsv, manifestFromJson } from "./manifest.ts";
import { recordInspection } from "./record.ts";
import { reportCsv } from "./report-csv.ts";
import { partyView } from "../../organisations/parties.ts";
import { writeReportPdf } from "./report-pdf.ts";
import { inspectionIdPath, type InspectionReport, manifestBody, recordBody, reportQuery } from "../../../../api/customs.ts";
import { shipmentIdPath } from "../../../../api/shipments.ts";

export function inspectionRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const customs = requireOrganisation(ctx.store, "customs");
  // The app parses JSON bodies; a CSV manifest arrives as text, under the same BODY_LIMIT (413 above it).
  const csvText = express.text({ type: ["text/csv", "text/plain"], limit: ctx.config.bodyLimit });

  // The calling office: lets the customs page check a key at sign-in and name the office it acts for.
  router.get("/customs-office", customs, async (_req, res) => {
    res.json({ office: partyView(await officeParty(ctx, res.locals.organisation)) });
  });

  router.post("/shipments/:id/inspections", customs, csvText, async (req, res) => {
    const { id } = validate(shipmentIdPath, req.params, "path");
    let manifest;
    if (req.is("application/json")) manifest = manifestFromJson(validate(manifestBody, req.body, "body").codes);
    else if (typeof req.body === "string") manifest = manifestFromCsv(req.body);
    else throw new AppError("Send the manifest as application/json {codes: [...]} or as text/csv", { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    const created = await inspectShipment(ctx, res.locals.organisation, id, manifest);
    res.status(201).location(`/api/v1/inspections/${created.inspection.id}`).json(created);
  });

  router.get("/inspections/:id", customs, async (req, res) => {
    const { id } = validate(inspectionIdPath, req.params, "path");
    const { format } = validate(reportQuery, req.query, "query");
    const inspection = await ownInspection(ctx, res.locals.organisation, id);
    res.setHeader("X-Report-SHA256", inspection.reportHash);
    const name = `inspection-${inspection.id}`;
    if (format === "json") {
      // The stored text itself: its SHA-256 is the reportHash recorded on chain.
      res.type("application/json").send(inspection.report);
      return;
    }
    const report = JSON.parse(inspection.report) as InspectionReport;
    res.setHeader("Content-Disposition", `attachment; filename="${name}.${format}"`);
    if (format === "csv") res.type("text/csv; charset=utf-8; header=present").send(reportCsv(report));
    else await writeReportPdf(report, inspection.reportHash, res.type("application/pdf"));
  });

  router.post("/inspections/:id/record", customs, async (req, res) => {
    const { id } = validate(inspectionIdPath, req.params, "path");
    const { outcome } = validate(recordBody, req.body, "body");
    res.status(201).json({ recording: await recordInspection(ctx, res.locals.organisation, id, outcome) });
  });

  return router;
}
