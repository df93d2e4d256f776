/**
 * A customs inspection by manifest: checks every row, and keeps the report as the exact JSON text whose
 * SHA-256 is recorded on chain with the outcome, so anyone holding the downloaded report can match it to
 * the chain's `reportHash` byte for byte.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Hex } from "viem";
import type { ServiceContext } from "../../../context.ts";
import { AppError, notFound } from "../../../errors.ts";
import { partyView } from "../../organisations/parties.ts";
import type { Inspection, Party } from "../store/types.ts";
import type { Organisation } from "../../organisations/store/types.ts";
import { accountKey } from "../../organisations/organisations.ts";
import { storedShipment } from "../view.ts";
import { checkManifest } from "./check.ts";
import type { Manifest } from "./manifest.ts";
import type { InspectionReport } from "../../../../api/customs.ts";

export async function inspectShipment(ctx: ServiceContext, office: Organisation, shipmentId: Hex, manifest: Manifest): Promise<{ inspection: InspectionReport; reportHash: Hex }> {
  const shipment = await storedShipment(ctx, shipmentId);
  const checked = await checkManifest(ctx, shipment, manifest);
  const party = await officeParty(ctx, office);
  const report: InspectionReport = {
    id: randomUUID(),
    shipmentId,
    waybill: shipment.waybill,
    office: partyView(party),
    createdAt: new Date().toISOString(),
    checked: { chainId: ctx.deployment.chainId, registry: ctx.deployment.productRegistry.address, blockNumber: checked.blockNumber },
    summary: checked.summary,
    rows: checked.rows,
    malformed: checked.malformed,
  };
  const text = JSON.stringify(report);
  const reportHash = sha256(text);
  await ctx.store.createInspection({
    id: report.id,
    shipmentId,
    officeOrgId: office.id,
    createdAt: report.createdAt,
    report: text,
    reportHash,
    outcome: undefined,
    brandIds: [],
    transactionHash: undefined,
    blockNumber: undefined,
  });
  ctx.logger.info({ inspection: report.id, shipmentId, rows: report.rows.length, summary: report.summary }, "manifest checked");
  return { inspection: report, reportHash };
}

export const sha256 = (text: string): Hex => `0x${createHash("sha256").update(text).digest("hex")}`;

/** The office's own party record: a customs organisation is made with one. */
export async function officeParty(ctx: ServiceContext, office: Organisation): Promise<Party> {
  return (await ctx.store.getParty((await accountKey(ctx, office.id, "admin"))!.address))!;
}

/** An inspection of the calling office; another office's is refused, not hidden (reports are evidence it may cite). */
export async function ownInspection(ctx: ServiceContext, office: Organisation, id: string): Promise<Inspection> {
  const inspection = await ctx.store.getInspection(id);
  if (inspection === undefined) throw notFound(`No inspection ${id}`, "UNKNOWN_INSPECTION");
  if (inspection.officeOrgId !== office.id) {
    throw new AppError("Only the office that made an inspection can read or record it", { status: 403, code: "NOT_INSPECTING_OFFICE" });
  }
  return inspection;
}
