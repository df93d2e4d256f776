/** `veritrace shipment create|show|handover`: declare shipments (one transaction each) and pass custody on. */
import type { Command } from "commander";
import type { HandoverView, ShipmentDetail, ShipmentView } from "../../api/shipments.ts";
import { UsageError } from "../errors.ts";
import { readLocalFile } from "../read-file.ts";
import type { SessionOf } from "../session.ts";

export function formatShipment(s: ShipmentView): string {
  return [
    `Shipment ${s.id}`,
    `  waybill      ${s.waybill}`,
    `  shipper      ${s.shipper}${s.shipperName ? ` (${s.shipperName})` : ""}`,
    `  consignee    ${s.consignee}`,
    `  route        ${s.origin} -> ${s.destination}`,
    `  items        ${s.itemCount} (root ${s.itemsRoot})`,
    `  state        ${s.state}${s.transactionHash ? ` (transaction ${s.transactionHash}, block ${s.blockNumber})` : ""}`,
  ].join("\n");
}

function formatDetail(s: ShipmentDetail): string {
  const lines = [formatShipment(s), `  custodian    ${s.custodian ?? "-"}${s.seized ? "  SEIZED" : ""}`];
  for (const h of s.handovers) lines.push(`  handed over  ${h.at} in ${h.place}: ${h.fromName ?? h.from} -> ${h.toName ?? h.to}`);
  for (const i of s.inspections) {
    const c = i.counts;
    lines.push(`  inspected    ${i.at} by ${i.officeName ?? i.office}: ${i.outcome} (genuine ${c.genuine}, counterfeit ${c.counterfeit}, undeclared ${c.undeclared}, revoked ${c.revoked})`);
  }
  return lines.join("\n");
}

/** Label URIs from a file: one per line, or a CSV whose header names a `uri` or `code` column (a label CSV works). */
export function parseCodes(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  const header = (lines[0] ?? "").toLowerCase().split(",");
  const column = header.findIndex((cell) => cell === "uri" || cell === "code");
  if (column === -1) return lines;
  // Label URIs never contain commas or quotes (reserved characters are percent-encoded), so a plain split is exact.
  return lines.slice(1).map((line) => line.split(",")[column] ?? "");
}

export function registerShipmentCommands(program: Command, sessionOf: SessionOf): void {
  const shipment = program.command("shipment").description("declare shipments on chain and hand them over");

  shipment
    .command("create")
    .description("declare a shipment of label codes or whole batches, in one transaction")
    .requiredOption("--waybill <waybill>", "your waybill number")
    .requiredOption("--consignee <address>", "who the shipment is for (0x address)")
    .requiredOption("--origin <CC>", "ISO 3166-1 alpha-2 country it leaves from")
    .requiredOption("--destination <CC>", "ISO 3166-1 alpha-2 country it goes to")
    .option("--codes <file>", "label URIs, one per line, or a labels CSV")
    .option("--batch <batchId...>", "whole batches of your brand")
    .action(async (options: { waybill: string; consignee: string; origin: string; destination: string; codes?: string; batch?: string[] }, command: Command) => {
      if (options.codes === undefined && options.batch === undefined) {
        throw new UsageError("give --codes <file> or --batch <id>", { code: "NO_ITEMS", field: "--codes" });
      }
      const { client, out } = sessionOf(command);
      const codes = options.codes === undefined ? undefined : parseCodes(await readLocalFile(options.codes, "--codes"));
      const { waybill, consignee, origin, destination } = options;
      const created = await client.json<{ shipment: ShipmentView }>("POST", "/api/v1/shipments", {
        body: { waybill, consignee, origin, destination, ...(codes ? { codes } : {}), ...(options.batch ? { batches: options.batch } : {}) },
      });
      out.result(created, () => `Declared on chain.\n${formatShipment(created.shipment)}`);
    });

  shipment
    .command("show")
    .description("a shipment, its custodian, hand-overs and inspections as the chain records them")
    .argument("<shipmentId>", "0x and 64 hex digits")
    .action(async (id: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const found = await client.json<{ shipment: ShipmentDetail }>("GET", `/api/v1/shipments/${encodeURIComponent(id)}`, { auth: false });
      out.result(found, () => formatDetail(found.shipment));
    });

  shipment
    .command("handover")
    .description("hand a shipment you hold to a logistics party or its consignee")
    .argument("<shipmentId>", "0x and 64 hex digits")
    .requiredOption("--to <address>", "the next custodian")
    .requiredOption("--place <CC>", "ISO 3166-1 alpha-2 country of the hand-over")
    .action(async (id: string, options: { to: string; place: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const done = await client.json<{ handover: HandoverView }>("POST", `/api/v1/shipments/${encodeURIComponent(id)}/handovers`, { body: options });
      const h = done.handover;
      out.result(done, () => `Handed over in ${h.place}: ${h.from} -> ${h.to} (transaction ${h.transactionHash})`);
    });
}
