/**
 * `veritrace lanes` (a customs office): the shipments bound for the office's country with their risk lanes,
 * riskiest first, and for one shipment every indicator with its weight and evidence.
 */
import { Option, type Command } from "commander";
import { RISK_LANES, type LanesView, type RiskView } from "../../api/risk.ts";
import type { SessionOf } from "../session.ts";

const LANE_MARK = { red: "RED  ", amber: "AMBER", green: "green" } as const;

function formatLane(r: RiskView): string {
  return `${LANE_MARK[r.lane]}  ${r.score.toFixed(3)}  ${r.waybill.padEnd(16)} ${r.origin} → ${r.destination}  ${String(r.itemCount).padStart(7)} items  ${r.shipmentId}`;
}

function formatWhy(r: RiskView): string {
  const fired = r.indicators.filter((i) => i.fired);
  return [
    formatLane(r),
    `  ${r.reason}`,
    ...(fired.length === 0 ? ["  no indicator fired"] : fired.map((i) => `  ${i.id.padEnd(30)} weight ${i.weight.toFixed(2)} × strength ${i.strength.toFixed(2)} = ${i.contribution.toFixed(3)}  ${i.detail}`)),
  ].join("\n");
}

export function registerRiskCommands(program: Command, sessionOf: SessionOf): void {
  const lanes = program.command("lanes").description("customs risk lanes of the shipments bound for your office (customs office)");
  lanes
    .command("list", { isDefault: true })
    .description("shipments bound for your office's country with no inspection outcome yet, riskiest first")
    .addOption(new Option("--lane <lane>", "only this lane").choices([...RISK_LANES]))
    .option("--limit <n>", "at most this many (1–500)", "100")
    .action(async (options: { lane?: string; limit: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const query = new URLSearchParams({ limit: options.limit, ...(options.lane ? { lane: options.lane } : {}) });
      const view = await client.json<LanesView>("GET", `/api/v1/customs/lanes?${query}`);
      out.result(view, () =>
        [
          `Shipments bound for ${view.office.country}: ${view.total} (amber from ${view.thresholds.amber}, red from ${view.thresholds.red} with ${view.thresholds.redMinIndicators} indicators)`,
          ...view.lanes.map(formatLane),
        ].join("\n"),
      );
    });
  lanes
    .command("why")
    .description("one shipment's lane and every indicator that fired, with its weight and evidence")
    .argument("<shipmentId>", "0x and 64 hex digits")
    .action(async (id: string, _options: unknown, command: Command) => {
      const { client, out } = sessionOf(command);
      const { risk } = await client.json<{ risk: RiskView }>("GET", `/api/v1/shipments/${encodeURIComponent(id)}/risk`);
      out.result({ risk }, () => formatWhy(risk));
    });
}
