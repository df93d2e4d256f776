/**
 * `veritrace register` (a customs office, a platform, the registrar, or a brand of its own products):
 * whether a brand, GTIN or lot was seized or scanned counterfeit, where and when, aggregated.
 */
import type { Command } from "commander";
import type { RegisterView } from "../../api/register.ts";
import type { SessionOf } from "../session.ts";

function formatRegister(v: RegisterView): string {
  const asked = [v.query.brandId && `brand ${v.query.brandId}`, v.query.gtin && `GTIN ${v.query.gtin}`, v.query.lot && `lot ${v.query.lot}`].filter(Boolean).join(", ");
  if (!v.known) return `Nothing known of ${asked}: no seizure, no counterfeit scan, no brand alert.`;
  return [
    `Known infringements of ${asked}:`,
    `Seized: ${v.seized.seizures} seizure(s), ${v.seized.items} item(s)`,
    ...v.seized.byRoute.map((r) => `  ${r.origin} → ${r.destination}  ${String(r.seizures).padStart(5)} seizure(s) ${String(r.items).padStart(8)} items  ${r.firstAt.slice(0, 10)} … ${r.lastAt.slice(0, 10)}`),
    `Scanned counterfeit: ${v.counterfeit.scans} scan(s)`,
    ...v.counterfeit.byCountry.map((c) => `  ${(c.country ?? "??").padEnd(3)} ${String(c.scans).padStart(7)} scans ${String(c.sessions).padStart(7)} sessions  ${c.firstDay} … ${c.lastDay}`),
    ...(v.alerts.active === 0 ? [] : [`Brand alerts to customs: ${v.alerts.active} active`]),
    ...v.alerts.byCountry.map(
      (a) => `  ${a.country.padEnd(3)} GTIN ${a.gtin} ${a.lot === null ? "every lot" : `lot ${a.lot}`}  ${a.alerts} alert(s) until ${a.lastExpiresAt.slice(0, 10)}${a.reasons ? `  ${a.reasons.map((r) => JSON.stringify(r)).join("; ")}` : ""}`,
    ),
  ].join("\n");
}

export function registerRegisterCommands(program: Command, sessionOf: SessionOf): void {
  program
    .command("register")
    .description("ask the register of known infringements whether a brand, GTIN or lot was seized or scanned counterfeit")
    .option("--brand <brandId>", "the brand's id (0x and 64 hex digits); a brand's key asks of its own")
    .option("--gtin <gtin>", "a GTIN-8, -12, -13 or -14")
    .option("--lot <lot>", "a lot of the GTIN")
    .action(async (options: { brand?: string; gtin?: string; lot?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const query = new URLSearchParams();
      if (options.brand !== undefined) query.set("brandId", options.brand);
      if (options.gtin !== undefined) query.set("gtin", options.gtin);
      if (options.lot !== undefined) query.set("lot", options.lot);
      const view = await client.json<RegisterView>("GET", `/api/v1/register?${query}`);
      out.result(view, () => formatRegister(view));
    });
}
