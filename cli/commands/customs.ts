/**
 * `veritrace customs add`, `logistics add` (the registrar), `inspect` and `inspection record` (a customs
 * office): admit parties, check a shipment's manifest, save the report, and record the outcome on chain.
 */
import path from "node:path";
import { Option, type Command } from "commander";
import { INSPECTION_CLASS_LABEL, INSPECTION_CLASSES } from "../../core/inspection.ts";
import type { InspectionReport, RecordingView } from "../../api/customs.ts";
import type { PartyView } from "../../api/shipments.ts";
import { checkWritableTarget, saveDownload } from "../download.ts";
import { UsageError } from "../errors.ts";
import { readLocalFile } from "../read-file.ts";
import type { SessionOf } from "../session.ts";

const REPORT_FORMATS = ["json", "csv", "pdf"] as const;

function formatSummary(report: InspectionReport, reportHash: string): string {
  const rows = [...INSPECTION_CLASSES.map((c) => [INSPECTION_CLASS_LABEL[c], report.summary[c]] as const), ["malformed rows", report.summary.malformed] as const];
  const malformed = report.malformed.slice(0, 20).map((m) => `  row ${m.row}: ${m.error} ${m.message}`);
  return [
    `Inspection ${report.id} of shipment ${report.shipmentId} (waybill ${report.waybill})`,
    ...rows.map(([label, n]) => `  ${label.padEnd(42)} ${String(n).padStart(8)}`),
    `  report SHA-256 ${reportHash}`,
    ...(malformed.length > 0 ? ["Malformed rows:", ...malformed] : []),
    ...(report.malformed.length > 20 ? [`  … and ${report.malformed.length - 20} more (see the report)`] : []),
  ].join("\n");
}

/** A JSON manifest may be the list itself or `{codes: [...]}`; the service takes the latter. Anything else it judges. */
function jsonManifest(content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    if (Array.isArray(parsed)) return JSON.stringify({ codes: parsed });
  } catch {
    // Not JSON: the service answers INVALID_JSON.
  }
  return content;
}

function registerPartyAdd(program: Command, sessionOf: SessionOf, kind: "customs" | "logistics"): void {
  const [route, what] = kind === "customs" ? (["customs-offices", "office"] as const) : (["logistics-parties", "party"] as const);
  program
    .command(kind)
    .description(kind === "customs" ? "admit customs offices (registrar)" : "admit logistics parties: shippers, carriers (registrar)")
    .command("add")
    .description(`admit a ${kind === "customs" ? "customs office" : "logistics party"} on chain and print its API key (shown once)`)
    .requiredOption("--name <name>", "its public name")
    .requiredOption("--country <CC>", "ISO 3166-1 alpha-2 country it operates in")
    .action(async (options: { name: string; country: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const created = await client.json<Record<string, PartyView> & { apiKey: string }>("POST", `/api/v1/${route}`, { body: options });
      const p = created[what]!;
      out.result(created, () => `Admitted: ${p.name} (${p.country})  ${p.id}  ${p.address}\nAPI key (shown once): ${created.apiKey}`);
    });
}

export function registerCustomsCommands(program: Command, sessionOf: SessionOf): void {
  registerPartyAdd(program, sessionOf, "customs");
  registerPartyAdd(program, sessionOf, "logistics");

  program
    .command("inspect")
    .description("check a shipment's manifest (CSV, comma- or semicolon-separated, with a code column or one code per line, or a JSON list) as a customs office")
    .argument("<shipmentId>", "0x and 64 hex digits")
    .requiredOption("--manifest <file>", "the manifest: .csv (or .txt) or .json")
    .option("--out <file>", "also save the report: .pdf, .csv or .json")
    .action(async (shipmentId: string, options: { manifest: string; out?: string }, command: Command) => {
      const format = options.out === undefined ? undefined : path.extname(options.out).slice(1).toLowerCase();
      if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`--out must end in .pdf, .csv or .json, not ${JSON.stringify(options.out)}`, { code: "BAD_REPORT_FORMAT", field: "--out" });
      }
      if (options.out !== undefined) await checkWritableTarget(options.out);
      const { client, out } = sessionOf(command);
      const content = await readLocalFile(options.manifest, "--manifest");
      const isJson = path.extname(options.manifest).toLowerCase() === ".json";
      const text = isJson ? { contentType: "application/json", content: jsonManifest(content) } : { contentType: "text/csv", content };
      const made = await client.json<{ inspection: InspectionReport; reportHash: string }>("POST", `/api/v1/shipments/${encodeURIComponent(shipmentId)}/inspections`, { text });
      if (options.out !== undefined) {
        const route = `/api/v1/inspections/${made.inspection.id}?format=${format}`;
        const bytes = await saveDownload({ response: await client.stream(route), file: options.out, url: `${client.url}${route}` });
        out.note(`Report written to ${options.out} (${bytes.toLocaleString("en")} bytes).`);
      }
      out.result(made, () => formatSummary(made.inspection, made.reportHash));
    });

  program
    .command("inspection")
    .description("record inspections on chain (customs office)")
    .command("record")
    .description("record an inspection's outcome on chain, once; a seizure reaches the brands concerned and every office")
    .argument("<inspectionId>", "the id `inspect` printed")
    .addOption(new Option("--outcome <outcome>", "what the office decided").choices(["cleared", "held", "seized"]).makeOptionMandatory())
    .action(async (id: string, options: { outcome: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const done = await client.json<{ recording: RecordingView }>("POST", `/api/v1/inspections/${encodeURIComponent(id)}/record`, { body: options });
      const r = done.recording;
      out.result(done, () => `Recorded on chain: ${r.outcome} (transaction ${r.transactionHash}, block ${r.blockNumber}); brands notified: ${r.brandIds.length}`);
    });
}
