/**
 * `veritrace alerts list|raise|withdraw` (a brand): alerts to customs that fakes of one of your GTINs (or a
 * lot) are expected in a destination country; customs risk lanes quote the reason (docs/alerts.md).
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { ALERT_DAYS, ALERT_STATES, type AlertListView, type AlertView } from "../../api/alerts.ts";
import type { SessionOf } from "../session.ts";

const formatAlert = (a: AlertView) =>
  [
    `${a.state.padEnd(9)} ${a.id}  GTIN ${a.gtin}${a.lot === null ? "" : ` lot ${a.lot}`}  ${a.origin ?? "any"} → ${a.country}`,
    `until ${a.expiresAt.slice(0, 10)}${a.withdrawnAt === null ? "" : ` (withdrawn ${a.withdrawnAt.slice(0, 10)})`}  "${a.reason}"`,
  ].join("  ");

/** Whole days from 1 to the most the service takes: a typo is refused before any request. */
function parseDays(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > ALERT_DAYS.max) throw new InvalidArgumentError(`must be whole days from 1 to ${ALERT_DAYS.max}`);
  return Number(value);
}

export function registerAlertCommands(program: Command, sessionOf: SessionOf): void {
  const alerts = program.command("alerts").description("alerts to customs about fakes of your GTINs bound for a country (brand)");

  alerts
    .command("list", { isDefault: true })
    .description("your brand's alerts, newest first: active, expired and withdrawn")
    .addOption(new Option("--state <state>", "only alerts in this state").choices([...ALERT_STATES]))
    .action(async (options: { state?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const list: AlertView[] = [];
      const query = new URLSearchParams({ limit: "500", ...(options.state ? { state: options.state } : {}) });
      // Every page: a brand reads its whole list, however long.
      for (;;) {
        const page = await client.json<AlertListView>("GET", `/api/v1/brand/alerts?${query}`);
        list.push(...page.alerts);
        if (page.nextCursor === null) break;
        query.set("cursor", page.nextCursor);
      }
      out.result({ alerts: list }, () => (list.length === 0 ? "No alerts." : list.map(formatAlert).join("\n")));
    });

  alerts
    .command("raise")
    .description("alert customs that fakes of a GTIN (or one lot) are expected in a destination country")
    .requiredOption("--gtin <gtin>", "a GTIN-8, -12, -13 or -14 of your own")
    .requiredOption("--country <code>", "the destination, ISO 3166-1 alpha-2 (GB, not UK)")
    .requiredOption("--reason <text>", "why, in words customs offices read (1–280 characters)")
    .option("--lot <lot>", "only this lot (default: every lot)")
    .option("--origin <code>", "only shipments from this country (default: from anywhere)")
    .addOption(new Option("--days <n>", `days the alert stays active (1–${ALERT_DAYS.max})`).argParser(parseDays).default(ALERT_DAYS.default))
    .action(async (options: { gtin: string; country: string; reason: string; lot?: string; origin?: string; days: number }, command: Command) => {
      const { client, out } = sessionOf(command);
      const { alert } = await client.json<{ alert: AlertView }>("POST", "/api/v1/brand/alerts", { body: options });
      out.result({ alert }, () => `Alert raised: ${formatAlert(alert)}`);
    });

  alerts
    .command("withdraw")
    .description("withdraw an alert: kept as history, no longer read by customs risk lanes")
    .argument("<id>", "the alert's id, as `alerts list` prints it")
    .action(async (id: string, _options: object, command: Command) => {
      const { client, out } = sessionOf(command);
      const { alert } = await client.json<{ alert: AlertView }>("DELETE", `/api/v1/brand/alerts/${encodeURIComponent(id)}`);
      out.result({ alert }, () => `Alert withdrawn: ${formatAlert(alert)}`);
    });
}
