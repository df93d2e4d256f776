/**
 * Recording an inspection's outcome on chain, once: the outcome is claimed in the store first (a second
 * request gets 409), then sent; the reconciler sends a claimed outcome a crash left unsent. Counts are
 * core's `onChainCounts`; a seizure names the brands whose goods the report concerns, so each brand (and
 * every other office) finds it in the shared register.
 */
import { onChainCounts } from "../../../../core/inspection.ts";
import type { ServiceContext } from "../../../context.ts";
import { conflict } from "../../../errors.ts";
import { shipmentRegistry } from "../registry.ts";
import type { Inspection } from "../store/types.ts";
import type { Organisation } from "../../organisations/store/types.ts";
import { accountKey } from "../../organisations/organisations.ts";
import { ensurePartyOnChain } from "../../organisations/parties.ts";
import { brandsConcerned } from "./check.ts";
import { officeParty, ownInspection } from "./inspect.ts";
import { noteWrite } from "../../../indexer/service-index.ts";
import { type InspectionReport, type Outcome, OUTCOMES, type RecordingView } from "../../../../api/customs.ts";

export async function recordInspection(ctx: ServiceContext, office: Organisation, id: string, outcome: Outcome): Promise<RecordingView> {
  const inspection = await ownInspection(ctx, office, id);
  if (inspection.outcome !== undefined) throw conflict(`Inspection ${id} was recorded already (${inspection.outcome})`, "INSPECTION_RECORDED");
  if ((await shipmentRegistry(ctx).getShipment(inspection.shipmentId)).seized) {
    throw conflict(`Shipment ${inspection.shipmentId} was seized already: nothing more can be recorded on it`, "SHIPMENT_SEIZED");
  }
  const report = JSON.parse(inspection.report) as InspectionReport;
  const brandIds = outcome === "seized" ? brandsConcerned(report.rows) : [];
  if (!(await ctx.store.claimInspectionOutcome(id, outcome, brandIds))) throw conflict(`Inspection ${id} was recorded already`, "INSPECTION_RECORDED");
  await ensurePartyOnChain(ctx, await officeParty(ctx, office));
  return sendInspection(ctx, (await ctx.store.getInspection(id))!);
}

/** Sends a claimed outcome, or records the transaction the chain already shows for it. Idempotent. */
export async function sendInspection(ctx: ServiceContext, inspection: Inspection): Promise<RecordingView> {
  const registry = shipmentRegistry(ctx);
  const report = JSON.parse(inspection.report) as InspectionReport;
  const outcome = inspection.outcome!;
  const counts = onChainCounts(report.summary);
  const view = { inspectionId: inspection.id, shipmentId: inspection.shipmentId, outcome, counts, reportHash: inspection.reportHash, brandIds: inspection.brandIds };
  const mined = (await registry.inspections(inspection.shipmentId)).find(
    (e) => e.reportHash === inspection.reportHash && e.office.toLowerCase() === report.office.address.toLowerCase(),
  );
  if (mined !== undefined) {
    await ctx.store.markInspectionRecorded(inspection.id, mined.transactionHash, mined.blockNumber);
    return { ...view, transactionHash: mined.transactionHash, blockNumber: mined.blockNumber };
  }
  const { key } = (await accountKey(ctx, inspection.officeOrgId, "admin"))!;
  const call = registry.call("recordInspection", [inspection.shipmentId, OUTCOMES.indexOf(outcome), counts, inspection.reportHash, inspection.brandIds]);
  const receipt = await ctx.chain.execute(key, "recordInspection", call);
  await ctx.store.markInspectionRecorded(inspection.id, receipt.hash, receipt.blockNumber);
  // The seizures register and the brands' infringements read the chain index: show this one at the next read.
  noteWrite(ctx, receipt.blockNumber);
  ctx.logger.info({ inspection: inspection.id, outcome, brands: inspection.brandIds.length }, "inspection recorded");
  return { ...view, transactionHash: receipt.hash, blockNumber: receipt.blockNumber };
}
